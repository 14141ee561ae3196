import { isIP } from "node:net";
import { GenericSwitchInvalidValue } from "./errors.js";

/** Characters a terminal or an editor may hide or act on: C0/C1 controls, line/paragraph separators, BOM, zero-width and bidi controls. */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g;
/** Longest shown part of a value in a message; a 10 MB value must not become a 10 MB error. */
const SHOWN_MAX = 80;

/**
 * A value as an error message may show it: quoted, with every control or
 * invisible character escaped (`\u001b`, `\u202e`, …) so it cannot act on the
 * terminal, and cut after 80 characters with the full length said.
 */
export function showValue(v: unknown): string {
  let s: string;
  if (typeof v === "string") {
    const cut = v.length > SHOWN_MAX ? v.slice(0, SHOWN_MAX) : v;
    s = JSON.stringify(cut).replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
    if (cut !== v) s = `${s.slice(0, -1)}…" (${v.length} characters)`;
    return s;
  }
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > SHOWN_MAX ? `${s.slice(0, SHOWN_MAX)}… (${s.length} characters)` : s;
}

/** True when `s` holds a character `showValue` would escape (control, invisible, bidi). */
export function hasInvisible(s: string): boolean {
  return INVISIBLE_ONE.test(s);
}
const INVISIBLE_ONE = new RegExp(INVISIBLE.source);

const shown = showValue;

function invalid(what: string, value: unknown, reason: string): GenericSwitchInvalidValue {
  return new GenericSwitchInvalidValue({ what, value: shown(value), reason });
}

/**
 * A VLAN id (1–4094) as a number. Accepts an integer or a string of digits;
 * anything else (sign, blanks, hex, fractions, 0, 4095) is refused.
 */
export function validateVlanId(v: unknown, what = "VLAN id"): number {
  let n: number;
  if (typeof v === "number") n = v;
  else if (typeof v === "string" && /^[0-9]{1,4}$/.test(v)) n = Number(v);
  else throw invalid(what, v, "expected an integer from 1 to 4094");
  if (!Number.isInteger(n) || n < 1 || n > 4094) throw invalid(what, v, "expected an integer from 1 to 4094");
  return n;
}

const UUID_HEX = /^[0-9a-f]{32}$/;

/**
 * A Neutron network id as its 32-digit hex form (what upstream's
 * `uuid.UUID(network_id).hex` gives). Accepts the forms Python's `uuid.UUID`
 * accepts: dashed, plain hex, `{...}`, `urn:uuid:...`, any case.
 */
export function networkIdHex(id: unknown, what = "network id"): string {
  if (typeof id !== "string") throw invalid(what, id, "expected a UUID");
  let s = id.trim().toLowerCase();
  if (s.startsWith("urn:uuid:")) s = s.slice(9);
  if (s.startsWith("{") && s.endsWith("}")) s = s.slice(1, -1);
  const hex = s.replace(/-/g, "");
  // Dashes only in the canonical places (or none), like a real UUID.
  const dashedOk = !s.includes("-") || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(s);
  if (!dashedOk || !UUID_HEX.test(hex)) throw invalid(what, id, "expected a UUID");
  return hex;
}

/** A Neutron network id, returned in canonical dashed lower-case form. */
export function validateNetworkId(id: unknown, what = "network id"): string {
  const h = networkIdHex(id, what);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * How one CLI dialect spells a single port, so a name that selects many
 * ports (`range Gi1/0/1-48`, `swp1-52`, `interface-range all`) is refused.
 * Each vendor class declares its own (`CliSwitch.portNameRule`).
 */
export interface PortNameRule {
  /**
   * The dialect's port names may have one inner space (`GigabitEthernet 1/0/1`,
   * `ethernet 1/1`); the word after it must start with a digit.
   */
  innerSpace: boolean;
  /** `-` between two digits selects a range on this platform (`Gi1/0/1-48`, `Ethernet1-48`, `swp1-52`). */
  dashRange: boolean;
}

export interface PortNameOptions {
  /**
   * True when the name lands in a shell command line (OVS, Cumulus, SONiC):
   * no blanks at all and no leading `-` (it would read as an option).
   * False for a switch CLI, where one inner space is legal (`GigabitEthernet 1/0/1`).
   */
  shell: boolean;
  /** The dialect's rule; without one, an inner space is allowed unless `shell`, and `-` is not read as a range. */
  rule?: PortNameRule;
  /** What to call the value in the error (default "port name"). */
  what?: string;
}

const PORT_WORD = "[A-Za-z0-9/.:_-]+";
const SHELL_PORT = new RegExp(`^${PORT_WORD}$`);
const CLI_PORT = new RegExp(`^${PORT_WORD}(?: ${PORT_WORD})?$`);
const MAX_PORT_NAME = 128;
/** Keywords that make a CLI select a set of ports instead of one. */
const RANGE_KEYWORD = /^(?:range|interface-range)(?: |$)/i;

/**
 * A switch port (or bond) name that is safe to put in a CLI or shell command
 * and names one port. Letters, digits and `/ . : - _`; for a switch CLI
 * whose dialect allows it, one inner space followed by a digit. A newline,
 * control character, quote, `; | & $ \` < >`, a range keyword, a `1-48`
 * range where the dialect reads it as one, or anything else is refused.
 * Returns the name unchanged.
 */
export function validatePortName(name: unknown, opts: PortNameOptions): string {
  const what = opts.what ?? "port name";
  const rule = opts.rule ?? { innerSpace: !opts.shell, dashRange: false };
  const space = rule.innerSpace && !opts.shell;
  if (typeof name !== "string" || name.length === 0) throw invalid(what, name, "expected a non-empty string");
  if (name.length > MAX_PORT_NAME) throw invalid(what, name, `longer than ${MAX_PORT_NAME} characters`);
  const ok = space ? CLI_PORT.test(name) : SHELL_PORT.test(name) && !(opts.shell && name.startsWith("-"));
  if (!ok) {
    throw invalid(
      what,
      name,
      opts.shell
        ? "only letters, digits and / . : - _ are allowed, and it must not start with '-'"
        : space
          ? "only letters, digits, / . : - _ and one inner space are allowed"
          : "only letters, digits and / . : - _ are allowed (this platform's port names have no spaces)",
    );
  }
  if (RANGE_KEYWORD.test(name)) throw invalid(what, name, "a port name names one port; a range keyword selects many");
  if (space && / [^0-9]/.test(name)) {
    throw invalid(what, name, "a port name names one port: the word after its inner space must be a port number");
  }
  if (rule.dashRange && /[0-9]-[0-9]/.test(name)) {
    throw invalid(what, name, "a port name names one port; on this platform '-' between numbers selects a range");
  }
  return name;
}

/** 127.0.0.0/8, ::1 and localhost: where a listener without authentication may bind. */
export function isLoopbackHost(host: string): boolean {
  if (host === "localhost") return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  if (isIP(host) === 6) return host === "::1" || host === "0:0:0:0:0:0:0:1";
  return false;
}

import { isIP } from "node:net";
import { GenericSwitchInvalidValue } from "./errors.js";

/** Show a value so control characters are visible in an error message. */
function shown(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

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

export interface PortNameOptions {
  /**
   * True when the name lands in a shell command line (OVS, Cumulus, SONiC):
   * no blanks at all and no leading `-` (it would read as an option).
   * False for a switch CLI, where one inner space is legal (`GigabitEthernet 1/0/1`).
   */
  shell: boolean;
  /** What to call the value in the error (default "port name"). */
  what?: string;
}

const PORT_WORD = "[A-Za-z0-9/.:_-]+";
const SHELL_PORT = new RegExp(`^${PORT_WORD}$`);
const CLI_PORT = new RegExp(`^${PORT_WORD}(?: ${PORT_WORD})?$`);
const MAX_PORT_NAME = 128;

/**
 * A switch port (or bond) name that is safe to put in a CLI or shell command.
 * Letters, digits and `/ . : - _`; for a switch CLI one inner space. A
 * newline, control character, quote, `; | & $ \` < >` or anything else is
 * treated as an injection attempt and refused. Returns the name unchanged.
 */
export function validatePortName(name: unknown, opts: PortNameOptions): string {
  const what = opts.what ?? "port name";
  if (typeof name !== "string" || name.length === 0) throw invalid(what, name, "expected a non-empty string");
  if (name.length > MAX_PORT_NAME) throw invalid(what, name, `longer than ${MAX_PORT_NAME} characters`);
  const ok = opts.shell ? SHELL_PORT.test(name) && !name.startsWith("-") : CLI_PORT.test(name);
  if (!ok) {
    throw invalid(
      what,
      name,
      opts.shell
        ? "only letters, digits and / . : - _ are allowed, and it must not start with '-'"
        : "only letters, digits, / . : - _ and one inner space are allowed",
    );
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

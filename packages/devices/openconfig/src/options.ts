import { XMLParser, XMLValidator } from "fast-xml-parser";
import { GenericSwitchInvalidValue, hasInvisible, parseBool, showValue, validatePortName, type PortNameRule } from "@ngs/core/device-kit";

/**
 * The non-`ngs_` keys of upstream's NETCONF device sections (ncclient's
 * `manager.connect` arguments) that the shared SSH keys (`host`, `port`,
 * `username`, `password`, `allow_agent`, `key_file`) do not cover.
 */
export const NETCONF_CONNECT_KEYS = ["key_filename", "hostkey_verify", "look_for_keys", "device_params"] as const;

/** NETCONF over SSH's port (RFC 6242). */
export const NETCONF_PORT = 830;

/** OpenConfig interface names are single words: `Ethernet1/1`, `et-0/0/1`, `1/1/c1`, `Port-Channel10`. */
export const OPENCONFIG_PORT_RULE: PortNameRule = { innerSpace: false, dashRange: false };

export function validateInterfaceName(name: unknown, what = "port name"): string {
  return validatePortName(name, { shell: false, rule: OPENCONFIG_PORT_RULE, what });
}

/** A network-instance name: a plain word (`default`, `vrf-blue`, `mgmt.1`). */
export function validateNetworkInstance(v: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/.test(v)) {
    throw new GenericSwitchInvalidValue({
      what: "ngs_openconfig_network_instance",
      value: showValue(v),
      reason: "expected a network-instance name: letters, digits and . _ : - (at most 64 characters)",
    });
  }
  return v;
}

/** A VLAN name that goes into `<name>`: printable, at most 255 characters (escaped by the XML builder either way). */
export function validateVlanName(v: string): string {
  if (v.length === 0 || v.length > 255 || hasInvisible(v)) {
    throw new GenericSwitchInvalidValue({ what: "VLAN name", value: showValue(v), reason: "expected 1 to 255 printable characters" });
  }
  return v;
}

/**
 * `ngs_netconf_save_config`: an operator-written XML payload sent as
 * `edit-config` to running. It must be one well-formed `<config>` element;
 * what goes to the switch is its content.
 */
export function parseSaveConfig(v: string): string {
  const text = v.trim();
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new Error(`not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`);
  const parsed = new XMLParser({ ignoreAttributes: false, preserveOrder: true }).parse(text) as Record<string, unknown>[];
  const roots = parsed.map((n) => Object.keys(n).find((k) => k !== ":@")).filter((k) => k !== undefined && k !== "?xml");
  if (roots.length !== 1 || roots[0]!.replace(/^[^:]*:/, "") !== "config") {
    throw new Error(`expected one <config> element holding the data to merge into running, e.g. <config><commands xmlns="http://arista.com/yang/cli"><command>write memory</command></commands></config>`);
  }
  const inner = /^<(?:[\w.-]+:)?config\b[^>]*?(?:\/>|>([\s\S]*)<\/(?:[\w.-]+:)?config\s*>)$/.exec(text);
  if (!inner) throw new Error("expected <config>…</config>");
  return (inner[1] ?? "").trim();
}

/** `device_params = name:nexus` (ncclient's device handler). Accepted for compatibility; ngs speaks plain NETCONF to every device. */
export function parseDeviceParams(v: string): string {
  const t = v.trim();
  const m = /^(?:name\s*:\s*)?([A-Za-z0-9_-]+)$/.exec(t);
  if (!m) throw new Error(`expected name:<handler> (e.g. name:nexus), got ${showValue(v)}`);
  return m[1]!;
}

export function parseFlag(key: string, v: string | undefined, dflt: boolean): boolean {
  return v === undefined ? dflt : parseBool(key, v);
}

/**
 * Upstream's `ngs_port_id_re_sub` as a function: Python's `re.sub(pattern,
 * repl, port)` (every match; `\1` and `\g<name>` groups in `repl`).
 */
export function portIdMapper(sub: { pattern: string; repl: string } | undefined): (port: string) => string {
  if (!sub) return (p) => p;
  const re = new RegExp(sub.pattern, "g");
  // Python's replacement syntax → JavaScript's: a literal $ is $$, \N and \g<N|name> are groups.
  const repl = sub.repl
    .replace(/\$/g, "$$$$")
    .replace(/\\g<(\w+)>/g, (_m, g: string) => (/^\d+$/.test(g) ? `$${g}` : `$<${g}>`))
    .replace(/\\(\d{1,2})/g, "$$$1")
    .replace(/\\\\/g, "\\");
  return (p) => p.replace(re, repl);
}

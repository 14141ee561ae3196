import { XMLParser, XMLValidator } from "fast-xml-parser";
import {
  bool,
  custom,
  GenericSwitchInvalidValue,
  hasInvisible,
  showValue,
  str,
  validatePortName,
  type OptionValues,
  type PortNameRule,
} from "@ngs/core/device-kit";

/**
 * The options `netconf_openconfig` declares (parsed when the config loads;
 * read as `this.options`): upstream's ncclient keys, the host-key pins the
 * session reads, and the OpenConfig/NETCONF options checked on their own.
 * `allow_agent` is declared too, for ncclient's default (true; the SSH CLI
 * switches default to false).
 */
export const OPENCONFIG_OPTIONS = {
  key_filename: str({ description: "private key file (ncclient's key_filename; key_file works too)" }),
  hostkey_verify: bool({
    default: true,
    description: "the host key must match ngs_host_key_fingerprint, ngs_known_hosts_file or ~/.ssh/known_hosts; false accepts any key",
  }),
  look_for_keys: bool({ default: true, description: "try ~/.ssh/id_* keys" }),
  allow_agent: bool({ default: true, description: "use ssh-agent" }),
  device_params: custom({ type: "ncclient device handler", description: "name:<handler> (e.g. name:nexus); accepted, not used", parse: parseDeviceParams }),
  ngs_known_hosts_file: str({ description: "OpenSSH known_hosts file the switch's host key is checked against" }),
  ngs_host_key_fingerprint: str({ description: "the switch's host key fingerprint (SHA256:…) to pin" }),
  ngs_openconfig_network_instance: str({
    default: "default",
    pattern: /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/,
    expected: "a network-instance name: letters, digits and . _ : - (at most 64 characters)",
    description: "the network instance holding the VLANs",
  }),
  ngs_netconf_save_config: custom({
    type: "<config> XML",
    description: "one <config> element whose content is sent as edit-config to running to save it",
    parse: parseSaveConfig,
  }),
};
export type OpenConfigOptions = OptionValues<typeof OPENCONFIG_OPTIONS>;

/** NETCONF over SSH's port (RFC 6242). */
export const NETCONF_PORT = 830;

/** OpenConfig interface names are single words: `Ethernet1/1`, `et-0/0/1`, `1/1/c1`, `Port-Channel10`. */
export const OPENCONFIG_PORT_RULE: PortNameRule = { innerSpace: false, dashRange: false };

export function validateInterfaceName(name: unknown, what = "port name"): string {
  return validatePortName(name, { shell: false, rule: OPENCONFIG_PORT_RULE, what });
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

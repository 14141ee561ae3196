import { didYouMean, IGNORED_NETMIKO_KEYS, TRANSPORT_KEYS } from "../config/keys.js";
import { transportValueProblems } from "../config/transport-values.js";
import { validatePortName, validateVlanId } from "../validation.js";
import { compileNameFormat, type NetworkNameFormat } from "./name-format.js";
import { optionProblemText } from "./declare.js";
import { parseBool, parseChoice, parseInteger, parseList, parseMappings, parseNumber } from "./parse.js";

/** Every per-device option the base knows (docs/upstream.md#per-device-options, `NGS_INTERNAL_OPTS`). */
export const NGS_OPTIONS: readonly string[] = [
  "ngs_mac_address",
  "ngs_trunk_ports",
  "ngs_port_default_vlan",
  "ngs_physical_networks",
  "ngs_ssh_disabled_algorithms",
  "ngs_ssh_connect_timeout",
  "ngs_ssh_connect_interval",
  "ngs_ssh_reuse_connection",
  "ngs_max_connections",
  "ngs_switchport_mode",
  "ngs_disable_inactive_ports",
  "ngs_network_name_format",
  "ngs_manage_vlans",
  "ngs_save_configuration",
  "ngs_batch_requests",
  "ngs_fake_sleep_min_s",
  "ngs_fake_sleep_max_s",
  "ngs_fake_failure_prob",
  "ngs_allowed_vlans",
  "ngs_allowed_ports",
  "ngs_security_groups_enabled",
  "ngs_netconf_target",
  "ngs_netconf_save_config",
  "ngs_openconfig_network_instance",
  "ngs_port_id_re_sub",
  "ngs_openconfig_disabled_properties",
  "ngs_netconf_confirmed_commit",
  "ngs_netconf_confirmed_commit_timeout",
];

/** The parsed `ngs_*` options of one device, upstream's defaults filled in. */
export interface NgsConfig {
  /** Lower-cased; matched against `local_link_information[].switch_id`. */
  macAddress?: string;
  trunkPorts: string[];
  portDefaultVlan?: number;
  physicalNetworks: string[];
  /** `type:alg,…` → `{type: [alg, …]}` (paramiko/ssh2 algorithm removals). */
  sshDisabledAlgorithms: Record<string, string[]>;
  sshConnectTimeoutS: number;
  sshConnectIntervalS: number;
  reuseConnection: boolean;
  maxConnections: number;
  /** PowerConnect only. */
  switchportMode: "access" | "general";
  disableInactivePorts: boolean;
  networkNameFormat: NetworkNameFormat;
  manageVlans: boolean;
  saveConfiguration: boolean;
  batchRequests: boolean;
  /** null = every VLAN allowed; `[]` (from an empty string) = none. */
  allowedVlans: string[] | null;
  /** null = every port allowed; `[]` (from an empty string) = none. */
  allowedPorts: string[] | null;
  securityGroupsEnabled: boolean;
  netconfTarget?: "candidate" | "running";
  netconfSaveConfig?: string;
  openconfigNetworkInstance: string;
  portIdReSub?: { pattern: string; repl: string };
  openconfigDisabledProperties: string[];
  netconfConfirmedCommit: boolean;
  netconfConfirmedCommitTimeoutS: number;
}

export interface ParsedNgsOptions {
  config: NgsConfig;
  /** Every recognised `ngs_*` option (base and the class's extras) as written. */
  raw: Record<string, string>;
  /** The transport keys ngs uses (`TRANSPORT_KEYS`): the only ones the session gets. */
  transport: Record<string, string>;
  /** `ngs_*` keys nobody declared: warned about and dropped. */
  unknown: string[];
  /** Other keys nobody declared (`passwrod`): an error when the device is built. */
  unknownTransport: string[];
  /** netmiko arguments ngs does not use (`fast_cli`): warned about and dropped. */
  ignored: string[];
  /**
   * The unknown and ignored keys as `key: message` lines with a "did you
   * mean" where one is close; values are never shown.
   */
  keyProblems: { errors: string[]; warnings: string[] };
  /** `key: message` lines; non-empty means the device config is unusable. */
  problems: string[];
  /** The error behind each problem, by option key (for callers that rethrow a specific class). */
  failures: Map<string, unknown>;
}

/**
 * Split a device section into transport keys and `ngs_*` options, and parse
 * the options. Never throws: every problem is collected so the caller can
 * report them all at once.
 */
export function parseNgsOptions(section: Readonly<Record<string, string>>, extraKnown: Iterable<string> = []): ParsedNgsOptions {
  const known = new Set([...NGS_OPTIONS, ...extraKnown]);
  const raw: Record<string, string> = {};
  const transport: Record<string, string> = {};
  const unknown: string[] = [];
  const unknownTransport: string[] = [];
  const ignored: string[] = [];
  for (const [k, v] of Object.entries(section)) {
    if (known.has(k)) raw[k] = v;
    else if (TRANSPORT_KEYS.includes(k)) transport[k] = v;
    else if (k.startsWith("ngs_")) unknown.push(k);
    else if (IGNORED_NETMIKO_KEYS.includes(k)) ignored.push(k);
    else unknownTransport.push(k);
  }
  const everyKey = [...TRANSPORT_KEYS, ...known];
  const keyProblems = {
    errors: unknownTransport.map((k) => `${k}: unknown option${didYouMean(k, everyKey)}; it is not passed to the switch`),
    warnings: [
      ...unknown.map((k) => `${k}: unknown option, ignored${didYouMean(k, everyKey)}`),
      ...ignored.map((k) => `${k}: a netmiko option ngs does not use, ignored`),
    ],
  };

  const problems: string[] = transportValueProblems(transport);
  const failures = new Map<string, unknown>();
  // Run one parser; on failure record `key: message` and use the fallback.
  function opt<T>(key: string, parse: (v: string) => T, fallback: T): T {
    const v = raw[key];
    if (v === undefined) return fallback;
    try {
      return parse(v);
    } catch (e) {
      problems.push(`${key}: ${optionProblemText(key, e)}`);
      failures.set(key, e);
      return fallback;
    }
  }
  const bool = (key: string, dflt: boolean) => opt(key, (v) => parseBool(key, v), dflt);
  const optionalList = (key: string) => opt<string[] | null>(key, parseList, null);

  const config: NgsConfig = {
    macAddress: opt<string | undefined>("ngs_mac_address", (v) => v.trim().toLowerCase() || undefined, undefined),
    trunkPorts: opt("ngs_trunk_ports", (v) => parseList(v).map((p) => validatePortName(p, { shell: false, what: "ngs_trunk_ports entry" })), []),
    portDefaultVlan: opt<number | undefined>(
      "ngs_port_default_vlan",
      (v) => (v.trim() === "" ? undefined : validateVlanId(v.trim(), "ngs_port_default_vlan")),
      undefined,
    ),
    physicalNetworks: opt("ngs_physical_networks", parseList, []),
    sshDisabledAlgorithms: opt("ngs_ssh_disabled_algorithms", (v) => parseMappings("ngs_ssh_disabled_algorithms", v), {}),
    sshConnectTimeoutS: opt("ngs_ssh_connect_timeout", (v) => parseNumber("ngs_ssh_connect_timeout", v, 0), 60),
    sshConnectIntervalS: opt("ngs_ssh_connect_interval", (v) => parseNumber("ngs_ssh_connect_interval", v, 0), 10),
    reuseConnection: bool("ngs_ssh_reuse_connection", false),
    maxConnections: opt("ngs_max_connections", (v) => parseInteger("ngs_max_connections", v, 1), 1),
    switchportMode: opt("ngs_switchport_mode", (v) => parseChoice("ngs_switchport_mode", v, ["access", "general"] as const), "access"),
    disableInactivePorts: bool("ngs_disable_inactive_ports", false),
    networkNameFormat: opt("ngs_network_name_format", compileNameFormat, compileNameFormat("{network_id}")),
    manageVlans: bool("ngs_manage_vlans", true),
    saveConfiguration: bool("ngs_save_configuration", true),
    batchRequests: bool("ngs_batch_requests", false),
    // Upstream splits these without stripping; ngs strips, so "1, 2" means 1 and 2.
    allowedVlans: optionalList("ngs_allowed_vlans"),
    allowedPorts: optionalList("ngs_allowed_ports"),
    // Parsed as a boolean (upstream tests the raw string's truthiness, so "False" enables).
    securityGroupsEnabled: bool("ngs_security_groups_enabled", false),
    netconfTarget: opt<"candidate" | "running" | undefined>(
      "ngs_netconf_target",
      (v) => parseChoice("ngs_netconf_target", v, ["candidate", "running"] as const),
      undefined,
    ),
    netconfSaveConfig: raw.ngs_netconf_save_config,
    openconfigNetworkInstance: raw.ngs_openconfig_network_instance?.trim() || "default",
    portIdReSub: opt<{ pattern: string; repl: string } | undefined>("ngs_port_id_re_sub", parsePortIdReSub, undefined),
    openconfigDisabledProperties: opt("ngs_openconfig_disabled_properties", parseList, []),
    netconfConfirmedCommit: bool("ngs_netconf_confirmed_commit", true),
    netconfConfirmedCommitTimeoutS: opt(
      "ngs_netconf_confirmed_commit_timeout",
      (v) => parseInteger("ngs_netconf_confirmed_commit_timeout", v, 1, 30),
      5,
    ),
  };
  return { config, raw, transport, unknown, unknownTransport, ignored, keyProblems, problems, failures };
}

/**
 * Run each key's check and collect `key: message` for every one that throws.
 * A check returns nothing useful; it only throws.
 *
 * @deprecated Declare the options instead (`static options = { key: parser() }`,
 * see `options/declare.ts`): the base parses and reports them. Kept for
 * third-party plugins written before.
 */
export function optionProblems(checks: Readonly<Record<string, () => unknown>>): string[] {
  const problems: string[] = [];
  for (const [key, check] of Object.entries(checks)) {
    try {
      check();
    } catch (e) {
      const text = optionProblemText(key, e);
      // A check may cover several options; a message naming its own (`ngs_x: …`) keeps that name.
      problems.push(/^ngs_\w+: /.test(text) ? text : `${key}: ${text}`);
    }
  }
  return problems;
}

function parsePortIdReSub(v: string): { pattern: string; repl: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(v);
  } catch {
    throw new Error(`invalid JSON ${JSON.stringify(v)}: expected {"pattern": "...", "repl": "..."}`);
  }
  const o = parsed as { pattern?: unknown; repl?: unknown } | null;
  if (!o || typeof o.pattern !== "string" || typeof o.repl !== "string") {
    throw new Error(`expected {"pattern": "...", "repl": "..."}, got ${v}`);
  }
  try {
    new RegExp(o.pattern);
  } catch (e) {
    throw new Error(`pattern ${JSON.stringify(o.pattern)} is not a valid regular expression: ${(e as Error).message}`);
  }
  return { pattern: o.pattern, repl: o.repl };
}

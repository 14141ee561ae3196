import { GenericSwitchConfigException, GenericSwitchInvalidValue } from "../errors.js";
import type { Logger } from "../logging.js";
import { ipv4, oneOf, optionProblemText, parseDeclaredOptions, str, type OptionValues } from "../options/declare.js";

/** The VXLAN options the L2VNI vendors share (docs/upstream.md#per-device-options), declared. */
export const L2VNI_OPTION_SPECS = {
  ngs_bum_replication_mode: oneOf(["ingress-replication", "multicast"] as const, {
    default: "ingress-replication",
    description: "how broadcast, unknown-unicast and multicast traffic reaches the other VTEPs",
  }),
  ngs_mcast_group_base: ipv4({ multicast: true, description: "multicast mode: a VNI's group is this address + (VNI % 256)" }),
  ngs_mcast_group_map: str({ description: "multicast mode: `vni:group, …`; a bad entry is skipped with a warning" }),
  ngs_mcast_group_increment: str({ description: "parsed but unused, as upstream (`vni_last_octet`)" }),
};

/** Their names. @deprecated declare `L2VNI_OPTION_SPECS` (spread into `static options`). */
export const L2VNI_OPTIONS: readonly string[] = Object.keys(L2VNI_OPTION_SPECS);

/** The shared VXLAN options as parsed (`this.options` of a class that spreads `L2VNI_OPTION_SPECS`). */
export type L2vniOptions = OptionValues<typeof L2VNI_OPTION_SPECS>;

export type BumReplicationMode = "ingress-replication" | "multicast";

/** A VNI: an integer 1–16777215 (or a digit string). */
export function validateVni(v: unknown, what = "VNI"): number {
  const n = typeof v === "number" ? v : typeof v === "string" && /^[0-9]{1,8}$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 16_777_215) {
    throw new GenericSwitchInvalidValue({ what, value: JSON.stringify(v), reason: "expected an integer from 1 to 16777215" });
  }
  return n;
}

function ipv4ToInt(ip: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip.trim());
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!;
}
function intToIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}
function isMulticast(ip: string): boolean {
  const n = ipv4ToInt(ip);
  return n !== undefined && n >>> 28 === 0xe;
}

/**
 * `ngs_mcast_group_map` (`vni:group, …`): VNI 1–16777215, IPv4 multicast
 * groups only; a bad entry is skipped with a warning, as upstream.
 */
export function parseMcastGroupMap(raw: string | undefined, logger?: Logger): Map<number, string> {
  const out = new Map<number, string>();
  for (const entry of (raw ?? "").split(",").map((s) => s.trim()).filter(Boolean)) {
    const [vni, group, extra] = entry.split(":").map((s) => s.trim());
    const n = vni !== undefined && /^[0-9]+$/.test(vni) ? Number(vni) : NaN;
    if (extra !== undefined || !group || !(n >= 1 && n <= 16_777_215) || !isMulticast(group)) {
      logger?.warn({ entry }, `Skipping invalid ngs_mcast_group_map entry '${entry}'`);
      continue;
    }
    out.set(n, group);
  }
  return out;
}

export interface L2vniSettings {
  mode: BumReplicationMode;
  groupBase?: string;
  groupMap: Map<number, string>;
}

/**
 * The shared VXLAN settings from the declared options (already checked when
 * the config loaded); the group map is read here so its skipped entries are
 * logged where the mapping is used.
 */
export function l2vniFromOptions(options: L2vniOptions, logger?: Logger): L2vniSettings {
  return { mode: options.ngs_bum_replication_mode, groupBase: options.ngs_mcast_group_base, groupMap: parseMcastGroupMap(options.ngs_mcast_group_map, logger) };
}

/**
 * Read the shared VXLAN options from raw values; a bad mode or base is a
 * GenericSwitchConfigException. @deprecated declare `L2VNI_OPTION_SPECS` and
 * use `l2vniFromOptions(this.options)`.
 */
export function l2vniSettings(option: (name: string) => string | undefined, logger?: Logger): L2vniSettings {
  const section = Object.fromEntries(Object.keys(L2VNI_OPTION_SPECS).map((k) => [k, option(k)]));
  const parsed = parseDeclaredOptions(L2VNI_OPTION_SPECS, section);
  const [key, error] = [...parsed.failures][0] ?? [];
  if (key !== undefined) throw error instanceof GenericSwitchConfigException ? error : new GenericSwitchConfigException({ message: `${key}: ${optionProblemText(key, error)}`, option: key });
  return l2vniFromOptions(parsed.values, logger);
}

/** The multicast group of a VNI: the map's entry, else base + (VNI % 256); undefined when neither is set. */
export function mcastGroupFor(vni: number, s: L2vniSettings): string | undefined {
  const mapped = s.groupMap.get(vni);
  if (mapped) return mapped;
  if (s.groupBase === undefined) return undefined;
  return intToIpv4((ipv4ToInt(s.groupBase)! + (vni % 256)) >>> 0);
}

import { GenericSwitchConfigException, GenericSwitchInvalidValue } from "../errors.js";
import type { Logger } from "../logging.js";

/** The VXLAN options the L2VNI vendors share (docs/upstream.md#per-device-options). */
export const L2VNI_OPTIONS: readonly string[] = [
  "ngs_bum_replication_mode",
  "ngs_mcast_group_base",
  "ngs_mcast_group_map",
  "ngs_mcast_group_increment",
];

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

/** Read the shared VXLAN options; a bad mode or base is a GenericSwitchConfigException. */
export function l2vniSettings(option: (name: string) => string | undefined, logger?: Logger): L2vniSettings {
  const mode = (option("ngs_bum_replication_mode") ?? "ingress-replication").trim();
  if (mode !== "ingress-replication" && mode !== "multicast") {
    throw new GenericSwitchConfigException({ option: "ngs_bum_replication_mode", allowed_options: "ingress-replication, multicast" });
  }
  const base = option("ngs_mcast_group_base")?.trim() || undefined;
  if (base !== undefined && !isMulticast(base)) {
    throw new GenericSwitchConfigException({
      message: `ngs_mcast_group_base: invalid value ${JSON.stringify(base)}: expected an IPv4 multicast address`,
      option: "ngs_mcast_group_base",
    });
  }
  return { mode, groupBase: base, groupMap: parseMcastGroupMap(option("ngs_mcast_group_map"), logger) };
}

/** The multicast group of a VNI: the map's entry, else base + (VNI % 256); undefined when neither is set. */
export function mcastGroupFor(vni: number, s: L2vniSettings): string | undefined {
  const mapped = s.groupMap.get(vni);
  if (mapped) return mapped;
  if (s.groupBase === undefined) return undefined;
  return intToIpv4((ipv4ToInt(s.groupBase)! + (vni % 256)) >>> 0);
}

import { GenericSwitchConfigException, parseMcastGroupMap, type Logger } from "@ngs/core/device-kit";

/** NVUE's BUM replication modes: upstream's two plus static head-end replication lists. */
export type NvueBumMode = "ingress-replication" | "multicast" | "head-end-replication";

export interface NvueL2vniConfig {
  mode: NvueBumMode;
  /** `ngs_evpn_vni_config`: also configure the VNI in FRR's BGP EVPN. */
  evpnVniConfig: boolean;
  bgpAsn?: string;
  mcastGroupBase?: string;
  mcastGroupMap: Map<number, string>;
  /** `ngs_her_flood_list`: VTEPs for every physnet. */
  herFloodList: string[];
  /** `ngs_physnet_her_flood` (`physnet1:ip1,ip2;physnet2:ip3`): VTEPs per physnet. */
  physnetHerFlood: Map<string, string[]>;
}

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;

function fail(deviceName: string, option: string, value: string, expected: string): GenericSwitchConfigException {
  return new GenericSwitchConfigException({
    message: `Invalid configuration for switch ${deviceName}: ${option}: invalid value ${JSON.stringify(value)}: expected ${expected}`,
    option,
    value,
  });
}

function ipList(deviceName: string, option: string, raw: string): string[] {
  const ips = raw.split(",").map((s) => s.trim()).filter(Boolean);
  for (const ip of ips) if (!IPV4.test(ip)) throw fail(deviceName, option, raw, "a comma list of IPv4 addresses");
  return ips;
}

/** Read NVUE's VXLAN options; every bad value is a GenericSwitchConfigException naming its option. */
export function nvueL2vniConfig(option: (name: string) => string | undefined, deviceName: string, logger?: Logger): NvueL2vniConfig {
  const herFloodList = ipList(deviceName, "ngs_her_flood_list", option("ngs_her_flood_list") ?? "");
  const physnetHerFlood = new Map<string, string[]>();
  const rawMap = option("ngs_physnet_her_flood")?.trim();
  if (rawMap) {
    for (const entry of rawMap.split(";").map((s) => s.trim()).filter(Boolean)) {
      const i = entry.indexOf(":");
      const physnet = i > 0 ? entry.slice(0, i).trim() : "";
      if (!physnet) throw fail(deviceName, "ngs_physnet_her_flood", rawMap, "physnet1:ip1,ip2;physnet2:ip3");
      physnetHerFlood.set(physnet, ipList(deviceName, "ngs_physnet_her_flood", entry.slice(i + 1)));
    }
  }
  const dflt: NvueBumMode = herFloodList.length > 0 || physnetHerFlood.size > 0 ? "head-end-replication" : "ingress-replication";
  const mode = (option("ngs_bum_replication_mode")?.trim() || dflt) as NvueBumMode;
  if (!["ingress-replication", "multicast", "head-end-replication"].includes(mode)) {
    throw new GenericSwitchConfigException({
      option: "ngs_bum_replication_mode",
      allowed_options: "ingress-replication, multicast, head-end-replication",
    });
  }
  const evpnRaw = (option("ngs_evpn_vni_config") ?? "false").trim().toLowerCase();
  if (!["true", "yes", "1", "on", "false", "no", "0", "off"].includes(evpnRaw)) {
    throw fail(deviceName, "ngs_evpn_vni_config", evpnRaw, "a boolean");
  }
  const base = option("ngs_mcast_group_base")?.trim() || undefined;
  if (base !== undefined && !(IPV4.test(base) && Number(base.split(".")[0]) >= 224 && Number(base.split(".")[0]) <= 239)) {
    throw fail(deviceName, "ngs_mcast_group_base", base, "an IPv4 multicast address");
  }
  const asn = option("ngs_bgp_asn")?.trim() || undefined;
  if (asn !== undefined && !/^\d+(\.\d+)?$/.test(asn)) throw fail(deviceName, "ngs_bgp_asn", asn, "a BGP AS number");
  return {
    mode,
    evpnVniConfig: ["true", "yes", "1", "on"].includes(evpnRaw),
    bgpAsn: asn,
    mcastGroupBase: base,
    mcastGroupMap: parseMcastGroupMap(option("ngs_mcast_group_map"), logger),
    herFloodList,
    physnetHerFlood,
  };
}

/** `nv show bridge domain br_default vlan N -o json`: does the VLAN have any port? */
export function nvueVlanHasPorts(output: string): boolean {
  try {
    const data = JSON.parse(output) as { port?: Record<string, unknown> } | null;
    return Object.keys(data?.port ?? {}).length > 0;
  } catch {
    return false;
  }
}

/** `nv show bridge domain br_default vlan-vni-map -o json`: the VNI mapped to `vlan`, if any. */
export function nvueVniOf(output: string, vlan: number): number | undefined {
  try {
    const data = JSON.parse(output) as Record<string, { "vlan-vni-map"?: Record<string, { vni?: unknown }> }> | null;
    const vni = data?.br_default?.["vlan-vni-map"]?.[String(vlan)]?.vni;
    return typeof vni === "number" ? vni : typeof vni === "string" && /^\d+$/.test(vni) ? Number(vni) : undefined;
  } catch {
    return undefined;
  }
}

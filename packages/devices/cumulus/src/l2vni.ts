import {
  asn,
  badOptionValue,
  bool,
  custom,
  ipv4,
  L2VNI_OPTION_SPECS,
  list,
  oneOf,
  parseMcastGroupMap,
  type Logger,
  type OptionContext,
  type OptionValues,
} from "@ngs/core/device-kit";

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

/** `physnet1:ip1,ip2;physnet2:ip3` → physnet → VTEPs. */
function parsePhysnetHerFlood(raw: string, ctx: OptionContext): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const ip = ipv4();
  for (const entry of raw.split(";").map((s) => s.trim()).filter(Boolean)) {
    const i = entry.indexOf(":");
    const physnet = i > 0 ? entry.slice(0, i).trim() : "";
    const vteps = entry.slice(i + 1).split(",").map((s) => s.trim()).filter(Boolean);
    const bad = !physnet || vteps.some((v) => {
      try {
        ip.parse(v, ctx);
        return false;
      } catch {
        return true;
      }
    });
    if (bad) throw badOptionValue(ctx.key, raw, "physnet1:ip1,ip2;physnet2:ip3 (IPv4 addresses)");
    out.set(physnet, vteps);
  }
  return out;
}

/** NVUE's vendor options (docs/upstream.md#per-device-options). */
export const NVUE_OPTIONS = {
  ...L2VNI_OPTION_SPECS,
  // NVUE adds static head-end replication; its default depends on the HER lists (nvueL2vniConfig).
  ngs_bum_replication_mode: oneOf(["ingress-replication", "multicast", "head-end-replication"] as const, {
    description: "BUM traffic: EVPN ingress replication, a multicast group, or the static HER lists (default when one is set)",
  }),
  ngs_bgp_asn: asn({ description: "the switch's BGP AS number; required when ngs_evpn_vni_config is on" }),
  ngs_evpn_vni_config: bool({ description: "also configure the VNI in FRR's BGP EVPN" }),
  ngs_her_flood_list: list({ item: ipv4(), items: "IPv4 addresses", description: "head-end replication: VTEPs for every physnet" }),
  ngs_physnet_her_flood: custom({
    type: "physnet VTEP lists",
    parse: parsePhysnetHerFlood,
    description: "head-end replication per physnet: `physnet1:ip1,ip2;physnet2:ip3`",
  }),
};

export type NvueOptions = OptionValues<typeof NVUE_OPTIONS>;

/** NVUE's VXLAN settings from its declared options (checked when the config loaded). */
export function nvueL2vniConfig(options: NvueOptions, logger?: Logger): NvueL2vniConfig {
  const physnetHerFlood = options.ngs_physnet_her_flood ?? new Map<string, string[]>();
  const herFloodList = options.ngs_her_flood_list;
  const dflt: NvueBumMode = herFloodList.length > 0 || physnetHerFlood.size > 0 ? "head-end-replication" : "ingress-replication";
  return {
    mode: options.ngs_bum_replication_mode ?? dflt,
    evpnVniConfig: options.ngs_evpn_vni_config,
    bgpAsn: options.ngs_bgp_asn,
    mcastGroupBase: options.ngs_mcast_group_base,
    mcastGroupMap: parseMcastGroupMap(options.ngs_mcast_group_map, logger),
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

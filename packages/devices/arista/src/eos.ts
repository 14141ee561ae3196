import {
  asn,
  CliSwitch,
  GenericSwitchConfigException,
  L2VNI_OPTION_SPECS,
  l2vniFromOptions,
  namedVlans,
  onBond,
  portShutdown,
  portName,
  str,
  switchportAccess,
  switchportTrunk,
  type CommandTemplates,
  type OptionValues,
  type PortNameRule,
  type VlanNameRule,
} from "@ngs/core/device-kit";
import { aristaEos, EOS_ERROR_PATTERNS } from "./platforms.js";

/** EOS's port trunk: IOS's, but a removed native VLAN leaves the port in trunk mode and adding one does not re-enter it. */
const EOS_TRUNK: CommandTemplates = {
  ...switchportTrunk,
  DELETE_NATIVE_VLAN: [
    "interface {port}",
    "no switchport trunk native vlan {segmentation_id}",
    "switchport trunk allowed vlan remove {segmentation_id}",
  ],
  ADD_NETWORK_TO_TRUNK: ["interface {port}", "switchport trunk allowed vlan add {segmentation_id}"],
};

/** Arista EOS (docs/upstream.md#command-lists-per-device-type): trunks with a native VLAN, bond templates for trunks. */
export const EOS_COMMANDS: CommandTemplates = {
  ...namedVlans,
  ...switchportAccess,
  ...EOS_TRUNK,
  ...onBond(EOS_TRUNK),
  ...portShutdown,
};

export { EOS_ERROR_PATTERNS };

/** L2VNI (VXLAN, BGP EVPN) templates, upstream's verbatim. */
export const EOS_L2VNI = {
  PLUG: ["vlan {segmentation_id}", "exit", "router bgp {bgp_asn}", "vlan {segmentation_id}", "rd auto", "redistribute learned"],
  ROUTE_TARGET_AUTO: ["route-target export auto {bgp_asn}", "route-target import auto {bgp_asn}"],
  ROUTE_TARGET: ["route-target both {evpn_route_target}"],
  MAP_VNI: ["interface {vxlan_interface}", "vxlan vlan {segmentation_id} vni {vni}"],
  FLOOD_VTEP: ["interface {vxlan_interface}", "vxlan vlan {segmentation_id} flood vtep {mcast_group}"],
  UNFLOOD_VTEP: ["interface {vxlan_interface}", "no vxlan vlan {segmentation_id} flood vtep"],
  UNPLUG: ["interface {vxlan_interface}", "no vxlan vlan {segmentation_id} vni {vni}", "router bgp {bgp_asn}", "no vlan {segmentation_id}"],
  SHOW_VLAN_PORTS: "show vlan id {segmentation_id} configured-ports",
  SHOW_VXLAN: "show interfaces {vxlan_interface}",
} as const;

/** From `show vlan id N configured-ports`: ports of the VLAN's row, VXLAN (`Vx…`) ports ignored. */
export function eosVlanHasPorts(output: string, vlan: number): boolean {
  const row = output.split("\n").find((l) => new RegExp(`^\\s*${vlan}\\s+`).test(l));
  const ports = /^\s*\d+\s+\S+\s+\S+\s*(.*)$/.exec(row ?? "")?.[1] ?? "";
  return ports
    .split(/[,\s]+/)
    .filter(Boolean)
    .some((p) => !/^Vx/i.test(p));
}

/** From `show interfaces Vxlan1`: is `[vlan, vni]` in "Static VLAN to VNI mapping is [v, n] …"? */
export function eosVlanHasVni(output: string, vlan: number, vni: number): boolean {
  const m = /Static VLAN to VNI mapping is((?:\s*\[\s*\d+\s*,\s*\d+\s*\])+)/.exec(output);
  if (!m) return false;
  return [...m[1]!.matchAll(/\[\s*(\d+)\s*,\s*(\d+)\s*\]/g)].some((p) => Number(p[1]) === vlan && Number(p[2]) === vni);
}

/** Arista's vendor options (docs/upstream.md#per-device-options). */
export const EOS_OPTIONS = {
  ngs_bgp_asn: asn({ description: "the switch's BGP AS number; required for L2VNI" }),
  ngs_vxlan_interface: portName({
    default: "Vxlan1",
    deprecatedNames: ["vxlan_interface"],
    description: "the VXLAN interface VNIs are mapped on (the deprecated `vxlan_interface` still works)",
  }),
  ngs_evpn_route_target: str({ default: "auto", description: "`auto`, or the route target for `route-target both`" }),
  ...L2VNI_OPTION_SPECS,
};

/** `netmiko_arista_eos`. */
export default class AristaEos extends CliSwitch {
  static override platform = aristaEos;
  /** One port: `Ethernet 1` or `Ethernet1`; `Ethernet1-48` is a range. */
  static override portNameRule: PortNameRule = { innerSpace: true, dashRange: true };
  /** VLAN names: `name` takes 32 characters. */
  static override vlanNameRule: VlanNameRule = { maxLength: 32, space: false };
  static override commands = EOS_COMMANDS;
  static override errorPatterns = EOS_ERROR_PATTERNS;
  static override readonly options = EOS_OPTIONS;
  declare readonly options: OptionValues<typeof EOS_OPTIONS>;

  override get supportsL2vni(): boolean {
    return true;
  }
  /** `ngs_vxlan_interface` (or the deprecated `vxlan_interface`), default `Vxlan1`. */
  get vxlanInterface(): string {
    return this.options.ngs_vxlan_interface;
  }
  /** A route target other than `auto` lands in a command: checked as one word when the config loads. */
  protected override configProblems(): string[] {
    const problems = super.configProblems();
    const rt = this.options.ngs_evpn_route_target;
    if (rt !== "auto") {
      try {
        this.portName(rt, "ngs_evpn_route_target");
      } catch (e) {
        problems.push(`ngs_evpn_route_target: ${(e as Error).message}`);
      }
    }
    return problems;
  }

  /** `ngs_bgp_asn`: required for L2VNI. */
  get bgpAsn(): string {
    const asn = this.options.ngs_bgp_asn;
    if (!asn) {
      throw new GenericSwitchConfigException({
        message: `Switch ${this.deviceName}: ngs_bgp_asn must be set to the switch's BGP AS number for L2VNI`,
        option: "ngs_bgp_asn",
      });
    }
    return asn;
  }

  protected override composePlugSwitch(vni: number, segmentationId: number): string[] {
    const settings = l2vniFromOptions(this.options, this.logger);
    const rt = this.options.ngs_evpn_route_target;
    const vars = { vni, segmentation_id: segmentationId, bgp_asn: this.bgpAsn, vxlan_interface: this.vxlanInterface };
    const cmds = [
      ...this.formatCommands(EOS_L2VNI.PLUG, vars),
      ...(rt === "auto"
        ? this.formatCommands(EOS_L2VNI.ROUTE_TARGET_AUTO, vars)
        : this.formatCommands(EOS_L2VNI.ROUTE_TARGET, { evpn_route_target: this.portName(rt, "ngs_evpn_route_target") })),
      ...this.formatCommands(EOS_L2VNI.MAP_VNI, vars),
    ];
    if (settings.mode === "multicast") {
      cmds.push(...this.formatCommands(EOS_L2VNI.FLOOD_VTEP, { ...vars, mcast_group: this.mcastGroupOrFail(vni, settings) }));
    }
    return cmds;
  }

  protected override composeUnplugSwitch(vni: number, segmentationId: number): string[] {
    const settings = l2vniFromOptions(this.options, this.logger);
    const vars = { vni, segmentation_id: segmentationId, bgp_asn: this.bgpAsn, vxlan_interface: this.vxlanInterface };
    return [
      ...(settings.mode === "multicast" ? this.formatCommands(EOS_L2VNI.UNFLOOD_VTEP, vars) : []),
      ...this.formatCommands(EOS_L2VNI.UNPLUG, vars),
    ];
  }

  /** True when a non-VXLAN port carries the VLAN; true on any failure, so a mapping is never removed by mistake. */
  override async vlanHasPorts(segmentationId: number | string): Promise<boolean> {
    const seg = this.vlan(segmentationId);
    const command = () => this.formatCommands([EOS_L2VNI.SHOW_VLAN_PORTS], { segmentation_id: seg })[0]!;
    return this.queryOr(command, (out) => eosVlanHasPorts(out, seg), true, `ports of VLAN ${seg}`, "it has some");
  }

  /** True when the VXLAN interface maps this VLAN to this VNI; false on any failure, so the mapping is (re)applied. */
  override async vlanHasVni(segmentationId: number | string, vni: number | string): Promise<boolean> {
    const seg = this.vlan(segmentationId);
    const command = () => this.formatCommands([EOS_L2VNI.SHOW_VXLAN], { vxlan_interface: this.vxlanInterface })[0]!;
    return this.queryOr(command, (out) => eosVlanHasVni(out, seg, Number(vni)), false, `VNI ${String(vni)}`, "it is not mapped");
  }
}

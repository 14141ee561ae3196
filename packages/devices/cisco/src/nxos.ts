import {
  CliSwitch,
  exitEach,
  L2VNI_OPTION_SPECS,
  l2vniFromOptions,
  namedVlans,
  portName,
  portShutdown,
  switchportAccessClear,
  switchportAccessPlug,
  switchportTrunk,
  validateNetworkId,
  type CommandTemplates,
  type OptionValues,
  type SecurityGroupRule,
  type PortNameRule,
  type VlanNameRule,
} from "@ngs/core/device-kit";
import { ciscoNxos } from "./platforms.js";

/** Cisco NX-OS (docs/upstream.md#command-lists-per-device-type). No SET_NATIVE_VLAN upstream, so a trunk's parent VLAN is not set. */
export const NXOS_COMMANDS: CommandTemplates = {
  ...exitEach({ ADD_NETWORK: namedVlans.ADD_NETWORK }),
  DELETE_NETWORK: namedVlans.DELETE_NETWORK,
  ...exitEach({
    PLUG_PORT_TO_NETWORK: switchportAccessPlug,
    DELETE_PORT: switchportAccessClear,
    ADD_NETWORK_TO_TRUNK: switchportTrunk.ADD_NETWORK_TO_TRUNK,
    REMOVE_NETWORK_FROM_TRUNK: switchportTrunk.REMOVE_NETWORK_FROM_TRUNK,
    ...portShutdown,
  }),
  // Security groups: one IPv4 ACL per group, applied to switch-interface ingress.
  ADD_SECURITY_GROUP: ["ip access-list {security_group}"],
  ADD_SECURITY_GROUP_COMPLETE: ["exit"],
  REMOVE_SECURITY_GROUP: ["no ip access-list {security_group}"],
  ADD_SECURITY_GROUP_RULE_EGRESS: ["permit {protocol} any {remote_ip_prefix} {filter}"],
  BIND_SECURITY_GROUP: ["interface {port}", "ip port access-group {security_group} in", "exit"],
  UNBIND_SECURITY_GROUP: ["interface {port}", "no ip port access-group {security_group} in", "exit"],
};

/** L2VNI (VXLAN EVPN) templates, upstream's verbatim. */
export const NXOS_L2VNI = {
  PLUG: [
    "evpn",
    "vni {vni} l2",
    "rd auto",
    "route-target both auto",
    "exit",
    "vlan {segmentation_id}",
    "vn-segment {vni}",
    "exit",
    "interface {nve_interface}",
    "member vni {vni}",
  ],
  BUM_INGRESS: ["ingress-replication protocol bgp", "suppress-arp", "exit"],
  BUM_MULTICAST: ["mcast-group {mcast_group}", "exit"],
  UNPLUG: [
    "interface {nve_interface}",
    "no member vni {vni}",
    "exit",
    "vlan {segmentation_id}",
    "no vn-segment",
    "exit",
    "evpn",
    "no vni {vni}",
    "exit",
  ],
  SHOW_VLAN_PORTS: "show vlan id {segmentation_id}",
  SHOW_VLAN_VNI: 'show running-config interface {nve_interface} | include "member vni {vni}"',
} as const;

/** From `show vlan id N`: does the VLAN's row list any port? */
export function nxosVlanHasPorts(output: string, vlan: number): boolean {
  const lines = output.split("\n");
  const i = lines.findIndex((l) => new RegExp(`^\\s*${vlan}\\s+\\S+\\s+\\S+`).test(l));
  if (i < 0) return false;
  const row = /^\s*\d+\s+\S+\s+\S+\s*(.*)$/.exec(lines[i]!)?.[1]?.trim() ?? "";
  // Long port lists wrap onto indented lines below the row.
  const wrapped = lines[i + 1] !== undefined && /^\s{20,}\S/.test(lines[i + 1]!);
  return row !== "" || wrapped;
}

/** `netmiko_cisco_nxos`. */
/** NX-OS's vendor options (docs/upstream.md#per-device-options). */
export const NXOS_OPTIONS = {
  ngs_nve_interface: portName({ default: "nve1", description: "the NVE interface VNIs are members of" }),
  ...L2VNI_OPTION_SPECS,
};

export default class CiscoNxos extends CliSwitch {
  static override platform = ciscoNxos;
  /** One port: `Ethernet1/1`; `Ethernet1/1-4` is a range. */
  static override portNameRule: PortNameRule = { innerSpace: true, dashRange: true };
  /** VLAN names: `name` takes 32 characters (128 only with `system vlan long-name`). */
  static override vlanNameRule: VlanNameRule = { maxLength: 32, space: false };
  static override commands = NXOS_COMMANDS;
  static override readonly options = NXOS_OPTIONS;
  declare readonly options: OptionValues<typeof NXOS_OPTIONS>;

  override get supportsL2vni(): boolean {
    return true;
  }

  /** `ngs-in-<sg>`: the ACL holds switch-interface ingress (instance egress) rules. */
  protected override aclNames(sgId: unknown): Record<string, string> {
    return { security_group: `ngs-in-${validateNetworkId(sgId, "security group id")}` };
  }

  /** IPv4, Neutron-egress, tcp/udp/icmp only (upstream); a rule without a protocol is ignored. */
  protected override acceptRule(rule: SecurityGroupRule): boolean {
    if (!super.acceptRule(rule)) return false;
    if (rule.ethertype !== "IPv4") throw this.ruleNotSupported("Only IPv4 rules are supported.");
    if (rule.direction === "ingress") throw this.ruleNotSupported("Only egress rules are supported (switch interface ingress rules).");
    if (!["tcp", "udp", "icmp"].includes(String(rule.protocol))) throw this.ruleNotSupported("Only protocols tcp, udp, icmp are supported.");
    return true;
  }
  /** `ngs_nve_interface`, default `nve1`. */
  get nveInterface(): string {
    return this.options.ngs_nve_interface;
  }

  protected override composePlugSwitch(vni: number, segmentationId: number): string[] {
    const settings = l2vniFromOptions(this.options, this.logger);
    const vars = { vni, segmentation_id: segmentationId, nve_interface: this.nveInterface };
    const cmds = this.formatCommands(NXOS_L2VNI.PLUG, vars);
    if (settings.mode === "multicast") {
      cmds.push(...this.formatCommands(NXOS_L2VNI.BUM_MULTICAST, { mcast_group: this.mcastGroupOrFail(vni, settings) }));
    } else {
      cmds.push(...NXOS_L2VNI.BUM_INGRESS);
    }
    return cmds;
  }

  protected override composeUnplugSwitch(vni: number, segmentationId: number): string[] {
    return this.formatCommands(NXOS_L2VNI.UNPLUG, { vni, segmentation_id: segmentationId, nve_interface: this.nveInterface });
  }

  /** True when a port carries the VLAN; true on any failure too, so a mapping is never removed by mistake. */
  override async vlanHasPorts(segmentationId: number | string): Promise<boolean> {
    const seg = this.vlan(segmentationId);
    const command = () => this.formatCommands([NXOS_L2VNI.SHOW_VLAN_PORTS], { segmentation_id: seg })[0]!;
    return this.queryOr(command, (out) => nxosVlanHasPorts(out, seg), true, `ports of VLAN ${seg}`, "it has some");
  }

  /** True when the NVE interface has `member vni N`; false on any failure, so the mapping is (re)applied. */
  override async vlanHasVni(segmentationId: number | string, vni: number | string): Promise<boolean> {
    this.vlan(segmentationId);
    const v = Number(vni);
    const command = () => this.formatCommands([NXOS_L2VNI.SHOW_VLAN_VNI], { nve_interface: this.nveInterface, vni: v })[0]!;
    return this.queryOr(command, (out) => new RegExp(`member vni ${v}(?!\\d)`).test(out), false, `VNI ${v}`, "it is not mapped");
  }
}

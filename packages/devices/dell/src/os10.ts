import {
  CliSwitch,
  exitEach,
  onBond,
  portShutdown,
  switchportAccessClear,
  switchportAccessPlug,
  validateNetworkId, type CommandTemplates, type SecurityGroupRule, type PortNameRule, type VlanNameRule } from "@ngs/core/device-kit";
import { dellOs10 } from "./platforms.js";

const OS10_ACCESS = exitEach({ PLUG_PORT_TO_NETWORK: switchportAccessPlug, DELETE_PORT: switchportAccessClear });
/** OS10 trunks list VLANs with `allowed vlan N` (no `add`/`remove`). */
const OS10_TRUNK = exitEach({
  ADD_NETWORK_TO_TRUNK: ["interface {port}", "switchport mode trunk", "switchport trunk allowed vlan {segmentation_id}"],
  REMOVE_NETWORK_FROM_TRUNK: ["interface {port}", "no switchport trunk allowed vlan {segmentation_id}"],
});
/** A trunk's native VLAN is its access VLAN; these blocks end without `exit`, as upstream. */
const OS10_NATIVE_VLAN: CommandTemplates = {
  SET_NATIVE_VLAN: ["interface {port}", "switchport mode trunk", "switchport access vlan {segmentation_id}"],
  DELETE_NATIVE_VLAN: switchportAccessClear,
};

/** Dell OS10 (docs/upstream.md#command-lists-per-device-type): VLANs are `interface vlan` with a description. */
export const OS10_COMMANDS: CommandTemplates = {
  ADD_NETWORK: ["interface vlan {segmentation_id}", "description {network_name}", "exit"],
  DELETE_NETWORK: ["no interface vlan {segmentation_id}", "exit"],
  ...OS10_ACCESS,
  ...onBond(OS10_ACCESS),
  ...OS10_TRUNK,
  ...onBond(OS10_TRUNK),
  ...OS10_NATIVE_VLAN,
  ...onBond(OS10_NATIVE_VLAN),
  ...exitEach(portShutdown),
  // Security groups: two IPv4 ACLs per group, one per direction.
  ADD_SECURITY_GROUP: ["ip access-list {security_group_ingress}", "exit", "ip access-list {security_group_egress}", "exit"],
  REMOVE_SECURITY_GROUP: ["no ip access-list {security_group_ingress}", "no ip access-list {security_group_egress}"],
  ADD_SECURITY_GROUP_RULE_INGRESS: ["ip access-list {security_group_ingress}", "permit {protocol} {remote_ip_prefix} any {filter}", "exit"],
  ADD_SECURITY_GROUP_RULE_EGRESS: ["ip access-list {security_group_egress}", "permit {protocol} any {remote_ip_prefix} {filter}", "exit"],
  BIND_SECURITY_GROUP: [
    "interface {port}",
    "ip access-group {security_group_egress} in",
    "ip access-group {security_group_ingress} out",
    "exit",
    "show ip access-lists in",
    "show ip access-lists out",
  ],
  UNBIND_SECURITY_GROUP: [
    "interface {port}",
    "no ip access-group {security_group_egress} in",
    "no ip access-group {security_group_ingress} out",
    "exit",
  ],
};

export const DELL_ERROR_PATTERNS: readonly RegExp[] = [/Error:/];

/** `netmiko_dell_os10`. */
export default class DellOs10 extends CliSwitch {
  static override platform = dellOs10;
  /** One port: `ethernet1/1/1`; `range ethernet1/1/1-1/1/32` selects many. */
  static override portNameRule: PortNameRule = { innerSpace: true, dashRange: true };
  /** VLAN names: the name is the VLAN interface's `description`: 240 characters, the rest of the line. */
  static override vlanNameRule: VlanNameRule = { maxLength: 240, space: true };
  static override commands = OS10_COMMANDS;
  static override errorPatterns = DELL_ERROR_PATTERNS;

  /** Neutron-egress rules go in `ngs-in-<sg>` (applied in), Neutron-ingress in `ngs-out-<sg>` (applied out). */
  protected override aclNames(sgId: unknown): Record<string, string> {
    const id = validateNetworkId(sgId, "security group id");
    return { security_group_egress: `ngs-in-${id}`, security_group_ingress: `ngs-out-${id}` };
  }

  /** IPv4 and tcp/udp/icmp only (upstream); a rule without a protocol is ignored. */
  protected override acceptRule(rule: SecurityGroupRule): boolean {
    if (!super.acceptRule(rule)) return false;
    if (rule.ethertype !== "IPv4") throw this.ruleNotSupported("Only IPv4 rules are supported.");
    if (!["tcp", "udp", "icmp"].includes(String(rule.protocol))) throw this.ruleNotSupported("Only protocols tcp, udp, icmp are supported.");
    return true;
  }
}

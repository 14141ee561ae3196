import { CliSwitch, type CommandTemplates } from "@ngs/core";

/** Cisco NX-OS (reference §1.4). No SET_NATIVE_VLAN upstream, so a trunk's parent VLAN is not set. */
export const NXOS_COMMANDS: CommandTemplates = {
  ADD_NETWORK: ["vlan {segmentation_id}", "name {network_name}", "exit"],
  DELETE_NETWORK: ["no vlan {segmentation_id}"],
  PLUG_PORT_TO_NETWORK: ["interface {port}", "switchport mode access", "switchport access vlan {segmentation_id}", "exit"],
  DELETE_PORT: ["interface {port}", "no switchport access vlan", "exit"],
  ADD_NETWORK_TO_TRUNK: ["interface {port}", "switchport mode trunk", "switchport trunk allowed vlan add {segmentation_id}", "exit"],
  REMOVE_NETWORK_FROM_TRUNK: ["interface {port}", "switchport trunk allowed vlan remove {segmentation_id}", "exit"],
  ENABLE_PORT: ["interface {port}", "no shutdown", "exit"],
  DISABLE_PORT: ["interface {port}", "shutdown", "exit"],
};

/** `netmiko_cisco_nxos`. */
export default class CiscoNxos extends CliSwitch {
  static override platform = "cisco_nxos";
  static override commands = NXOS_COMMANDS;
}

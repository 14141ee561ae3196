import { CliSwitch, type CommandTemplates } from "@ngs/core";

/** Dell OS10 (reference §1.4): VLANs are `interface vlan` with a description. */
export const OS10_COMMANDS: CommandTemplates = {
  ADD_NETWORK: ["interface vlan {segmentation_id}", "description {network_name}", "exit"],
  DELETE_NETWORK: ["no interface vlan {segmentation_id}", "exit"],
  PLUG_PORT_TO_NETWORK: ["interface {port}", "switchport mode access", "switchport access vlan {segmentation_id}", "exit"],
  DELETE_PORT: ["interface {port}", "no switchport access vlan", "exit"],
  PLUG_BOND_TO_NETWORK: ["interface {bond}", "switchport mode access", "switchport access vlan {segmentation_id}", "exit"],
  UNPLUG_BOND_FROM_NETWORK: ["interface {bond}", "no switchport access vlan", "exit"],
  ADD_NETWORK_TO_TRUNK: ["interface {port}", "switchport mode trunk", "switchport trunk allowed vlan {segmentation_id}", "exit"],
  REMOVE_NETWORK_FROM_TRUNK: ["interface {port}", "no switchport trunk allowed vlan {segmentation_id}", "exit"],
  ADD_NETWORK_TO_BOND_TRUNK: ["interface {bond}", "switchport mode trunk", "switchport trunk allowed vlan {segmentation_id}", "exit"],
  DELETE_NETWORK_ON_BOND_TRUNK: ["interface {bond}", "no switchport trunk allowed vlan {segmentation_id}", "exit"],
  SET_NATIVE_VLAN: ["interface {port}", "switchport mode trunk", "switchport access vlan {segmentation_id}"],
  DELETE_NATIVE_VLAN: ["interface {port}", "no switchport access vlan"],
  SET_NATIVE_VLAN_BOND: ["interface {bond}", "switchport mode trunk", "switchport access vlan {segmentation_id}"],
  DELETE_NATIVE_VLAN_BOND: ["interface {bond}", "no switchport access vlan"],
  ENABLE_PORT: ["interface {port}", "no shutdown", "exit"],
  DISABLE_PORT: ["interface {port}", "shutdown", "exit"],
};

export const DELL_ERROR_PATTERNS: readonly RegExp[] = [/Error:/];

/** `netmiko_dell_os10`. */
export default class DellOs10 extends CliSwitch {
  static override platform = "dell_os10";
  static override commands = OS10_COMMANDS;
  static override errorPatterns = DELL_ERROR_PATTERNS;
}

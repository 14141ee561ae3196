import { CliSwitch, type CommandTemplates } from "@ngs/core";

/** Arista EOS (reference §1.4): trunks with a native VLAN, bond templates for trunks. */
export const EOS_COMMANDS: CommandTemplates = {
  ADD_NETWORK: ["vlan {segmentation_id}", "name {network_name}"],
  DELETE_NETWORK: ["no vlan {segmentation_id}"],
  PLUG_PORT_TO_NETWORK: ["interface {port}", "switchport mode access", "switchport access vlan {segmentation_id}"],
  DELETE_PORT: [
    "interface {port}",
    "no switchport access vlan {segmentation_id}",
    "no switchport mode trunk",
    "switchport trunk allowed vlan none",
  ],
  SET_NATIVE_VLAN: [
    "interface {port}",
    "switchport mode trunk",
    "switchport trunk native vlan {segmentation_id}",
    "switchport trunk allowed vlan add {segmentation_id}",
  ],
  DELETE_NATIVE_VLAN: [
    "interface {port}",
    "no switchport trunk native vlan {segmentation_id}",
    "switchport trunk allowed vlan remove {segmentation_id}",
  ],
  ADD_NETWORK_TO_TRUNK: ["interface {port}", "switchport trunk allowed vlan add {segmentation_id}"],
  REMOVE_NETWORK_FROM_TRUNK: ["interface {port}", "switchport trunk allowed vlan remove {segmentation_id}"],
  SET_NATIVE_VLAN_BOND: [
    "interface {bond}",
    "switchport mode trunk",
    "switchport trunk native vlan {segmentation_id}",
    "switchport trunk allowed vlan add {segmentation_id}",
  ],
  DELETE_NATIVE_VLAN_BOND: [
    "interface {bond}",
    "no switchport trunk native vlan {segmentation_id}",
    "switchport trunk allowed vlan remove {segmentation_id}",
  ],
  ADD_NETWORK_TO_BOND_TRUNK: ["interface {bond}", "switchport trunk allowed vlan add {segmentation_id}"],
  DELETE_NETWORK_ON_BOND_TRUNK: ["interface {bond}", "switchport trunk allowed vlan remove {segmentation_id}"],
  ENABLE_PORT: ["interface {port}", "no shutdown"],
  DISABLE_PORT: ["interface {port}", "shutdown"],
};

export const EOS_ERROR_PATTERNS: readonly RegExp[] = [/% Invalid input/, /% Incomplete command/, /% VLAN \d+ is already mapped to VNI \d+/];

/** `netmiko_arista_eos`. */
export default class AristaEos extends CliSwitch {
  static override platform = "arista_eos";
  static override commands = EOS_COMMANDS;
  static override errorPatterns = EOS_ERROR_PATTERNS;
}

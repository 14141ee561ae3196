import { CliSwitch, type CommandTemplates, type PortNameRule, type VlanNameRule } from "@ngs/core/device-kit";
import { ciscoIos } from "./platforms.js";

/** Cisco IOS (docs/upstream.md#command-lists-per-device-type); trunks with a native VLAN; bonds fall back to port templates. */
export const IOS_COMMANDS: CommandTemplates = {
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
    "no switchport mode trunk",
    "no switchport trunk native vlan {segmentation_id}",
    "switchport trunk allowed vlan remove {segmentation_id}",
  ],
  ADD_NETWORK_TO_TRUNK: ["interface {port}", "switchport mode trunk", "switchport trunk allowed vlan add {segmentation_id}"],
  REMOVE_NETWORK_FROM_TRUNK: ["interface {port}", "switchport trunk allowed vlan remove {segmentation_id}"],
};

/** `netmiko_cisco_ios`. */
export default class CiscoIos extends CliSwitch {
  static override platform = ciscoIos;
  /** One port: `GigabitEthernet 1/0/1`; `range Gi1/0/1-48` selects many. */
  static override portNameRule: PortNameRule = { innerSpace: true, dashRange: true };
  /** VLAN names: `name` takes 32 characters. */
  static override vlanNameRule: VlanNameRule = { maxLength: 32, space: false };
  static override commands = IOS_COMMANDS;
}

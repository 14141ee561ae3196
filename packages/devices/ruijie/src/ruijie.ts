import { CliSwitch, type CommandTemplates } from "@ngs/core";

/** Ruijie (reference §1.4): IOS-like access ports. */
export const RUIJIE_COMMANDS: CommandTemplates = {
  ADD_NETWORK: ["vlan {segmentation_id}", "name {network_name}"],
  DELETE_NETWORK: ["no vlan {segmentation_id}"],
  PLUG_PORT_TO_NETWORK: ["interface {port}", "switchport mode access", "switchport access vlan {segmentation_id}"],
  DELETE_PORT: [
    "interface {port}",
    "no switchport access vlan {segmentation_id}",
    "no switchport mode trunk",
    "switchport trunk allowed vlan none",
  ],
};

/**
 * `netmiko_ruijie`, on the real `ruijie_os` platform (upstream derived
 * `ruijie`, which is no netmiko platform, so the driver never loaded).
 */
export default class Ruijie extends CliSwitch {
  static override platform = "ruijie_os";
  static override commands = RUIJIE_COMMANDS;
}

import { CliSwitch, switchportAccessPlug, type CommandTemplates, type PortNameRule } from "@ngs/core/device-kit";
import { ciscoS300 } from "./platforms.js";

/** Cisco 300-series (docs/upstream.md#command-lists-per-device-type): VLANs without names, access ports only. */
export const S300_COMMANDS: CommandTemplates = {
  ADD_NETWORK: ["vlan {segmentation_id}"],
  DELETE_NETWORK: ["no vlan {segmentation_id}"],
  PLUG_PORT_TO_NETWORK: switchportAccessPlug,
  DELETE_PORT: ["interface {port}", "no switchport access vlan", "switchport trunk allowed vlan remove all"],
};

/** `netmiko_cisco_s300`. */
export default class CiscoS300 extends CliSwitch {
  static override platform = ciscoS300;
  /** One port: `gi1/0/1`; `gi1/0/1-4` is a range. */
  static override portNameRule: PortNameRule = { innerSpace: true, dashRange: true };
  static override commands = S300_COMMANDS;
}

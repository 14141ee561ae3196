import { CliSwitch, type CommandTemplates, type PortNameRule, type VlanNameRule } from "@ngs/core/device-kit";
import { DELL_ERROR_PATTERNS } from "./os10.js";
import { dellForce10 } from "./platforms.js";

/** Dell Force10 OS9 (`DellNos`, docs/upstream.md#command-lists-per-device-type): ports join VLANs from the VLAN side. */
export const FORCE10_COMMANDS: CommandTemplates = {
  ADD_NETWORK: ["interface vlan {segmentation_id}", "description {network_name}", "exit"],
  DELETE_NETWORK: ["no interface vlan {segmentation_id}", "exit"],
  PLUG_PORT_TO_NETWORK: ["interface vlan {segmentation_id}", "untagged {port}", "exit"],
  DELETE_PORT: ["interface vlan {segmentation_id}", "no untagged {port}", "exit"],
  ADD_NETWORK_TO_TRUNK: ["interface vlan {segmentation_id}", "tagged {port}", "exit"],
  REMOVE_NETWORK_FROM_TRUNK: ["interface vlan {segmentation_id}", "no tagged {port}", "exit"],
};

/** `netmiko_dell_force10`. */
export default class DellForce10 extends CliSwitch {
  static override platform = dellForce10;
  /** One port: `TenGigabitEthernet 0/1`; `0/1-4` is a range. */
  static override portNameRule: PortNameRule = { innerSpace: true, dashRange: true };
  /** VLAN names: the name is the VLAN interface's `description`: 240 characters, the rest of the line. */
  static override vlanNameRule: VlanNameRule = { maxLength: 240, space: true };
  static override commands = FORCE10_COMMANDS;
  static override errorPatterns = DELL_ERROR_PATTERNS;
}

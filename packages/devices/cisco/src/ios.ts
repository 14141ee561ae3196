import { CliSwitch, namedVlans, switchportAccess, switchportTrunk, type CommandTemplates, type PortNameRule, type VlanNameRule } from "@ngs/core/device-kit";
import { ciscoIos } from "./platforms.js";

/** Cisco IOS (docs/upstream.md#command-lists-per-device-type); trunks with a native VLAN; bonds fall back to port templates. */
export const IOS_COMMANDS: CommandTemplates = {
  ...namedVlans,
  ...switchportAccess,
  ...switchportTrunk,
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

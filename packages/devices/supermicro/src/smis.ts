import { CliSwitch, namedVlans, switchportAccess, type CommandTemplates, type PortNameRule, type VlanNameRule } from "@ngs/core/device-kit";
import { supermicroSmis } from "./platforms.js";

/** Supermicro SMIS (docs/upstream.md#command-lists-per-device-type): named VLANs, IOS-style access ports. */
export const SMIS_COMMANDS: CommandTemplates = {
  ...namedVlans,
  ...switchportAccess,
};

/** `netmiko_supermicro_smis`. */
export default class SupermicroSmis extends CliSwitch {
  static override platform = supermicroSmis;
  /** One port: `gi 0/1`; `0/1-4` is a range. */
  static override portNameRule: PortNameRule = { innerSpace: true, dashRange: true };
  /** VLAN names: `name` takes 32 characters. */
  static override vlanNameRule: VlanNameRule = { maxLength: 32, space: false };
  static override commands = SMIS_COMMANDS;
}

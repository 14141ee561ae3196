import { CliSwitch, namedVlans, switchportAccess, type CommandTemplates, type PortNameRule, type VlanNameRule } from "@ngs/core/device-kit";
import { ruijieOs } from "./platforms.js";

/** Ruijie (docs/upstream.md#command-lists-per-device-type): IOS-like access ports. */
export const RUIJIE_COMMANDS: CommandTemplates = {
  ...namedVlans,
  ...switchportAccess,
};

/**
 * `netmiko_ruijie`, on the real `ruijie_os` platform (upstream derived
 * `ruijie`, which is no netmiko platform, so the driver never loaded).
 */
export default class Ruijie extends CliSwitch {
  static override platform = ruijieOs;
  /** One port: `GigabitEthernet 0/1`; `range gi 0/1-4` selects many. */
  static override portNameRule: PortNameRule = { innerSpace: true, dashRange: true };
  /** VLAN names: `name` takes 32 characters. */
  static override vlanNameRule: VlanNameRule = { maxLength: 32, space: false };
  static override commands = RUIJIE_COMMANDS;
}

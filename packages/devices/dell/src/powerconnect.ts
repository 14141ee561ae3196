import { CliSwitch, type CommandTemplates, type PortNameRule } from "@ngs/core/device-kit";
import { dellPowerconnect, POWERCONNECT_ERROR_PATTERNS } from "./platforms.js";

const COMMON: CommandTemplates = {
  ADD_NETWORK: ["vlan database", "vlan {segmentation_id}", "exit"],
  DELETE_NETWORK: ["vlan database", "no vlan {segmentation_id}", "exit"],
  ADD_NETWORK_TO_TRUNK: ["interface {port}", "switchport general allowed vlan add {segmentation_id} tagged", "exit"],
  REMOVE_NETWORK_FROM_TRUNK: ["interface {port}", "switchport general allowed vlan remove {segmentation_id}", "exit"],
};

/** Dell PowerConnect, `ngs_switchport_mode = access` (the default). */
export const POWERCONNECT_ACCESS_COMMANDS: CommandTemplates = {
  ...COMMON,
  PLUG_PORT_TO_NETWORK: ["interface {port}", "switchport access vlan {segmentation_id}", "exit"],
  DELETE_PORT: ["interface {port}", "switchport access vlan none", "exit"],
};

/** Dell PowerConnect, `ngs_switchport_mode = general`. */
export const POWERCONNECT_GENERAL_COMMANDS: CommandTemplates = {
  ...COMMON,
  PLUG_PORT_TO_NETWORK: [
    "interface {port}",
    "switchport general allowed vlan add {segmentation_id} untagged",
    "switchport general pvid {segmentation_id}",
    "exit",
  ],
  DELETE_PORT: ["interface {port}", "switchport general allowed vlan remove {segmentation_id}", "no switchport general pvid", "exit"],
};

export { POWERCONNECT_ERROR_PATTERNS };

/**
 * `netmiko_dell_powerconnect`. The templates follow `ngs_switchport_mode`;
 * any value but `access` or `general` is refused when the device is built
 * (GenericSwitchConfigException, from the option parser).
 */
export default class DellPowerConnect extends CliSwitch {
  static override platform = dellPowerconnect;
  /** One port: `Gi1/0/1` or `ethernet 1/g1`; `1/0/1-4` is a range. */
  static override portNameRule: PortNameRule = { innerSpace: true, dashRange: true };
  static override commands = POWERCONNECT_ACCESS_COMMANDS;
  static override errorPatterns = POWERCONNECT_ERROR_PATTERNS;

  override get commands(): CommandTemplates {
    return this.ngsConfig.switchportMode === "general" ? POWERCONNECT_GENERAL_COMMANDS : POWERCONNECT_ACCESS_COMMANDS;
  }
}

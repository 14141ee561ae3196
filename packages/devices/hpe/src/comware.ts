import { CliSwitch, vrpVlans, type CommandTemplates, type PortNameRule } from "@ngs/core/device-kit";
import { hpComware } from "./platforms.js";

/** HPE Comware (docs/upstream.md#command-lists-per-device-type): VLANs without names, access ports. */
export const COMWARE_COMMANDS: CommandTemplates = {
  ...vrpVlans,
  PLUG_PORT_TO_NETWORK: ["interface {port}", "port link-type access", "port access vlan {segmentation_id}"],
  DELETE_PORT: ["interface {port}", "undo port access vlan"],
};

/**
 * `netmiko_hpe_comware` and `netmiko_hp_comware`: both use the real
 * `hp_comware` platform (upstream's `hpe_comware` is no netmiko platform
 * and failed to load).
 */
export default class HpeComware extends CliSwitch {
  static override platform = hpComware;
  /** One port: `GigabitEthernet1/0/1`; `interface range … to …` selects many. */
  static override portNameRule: PortNameRule = { innerSpace: true, dashRange: true };
  static override commands = COMWARE_COMMANDS;
}

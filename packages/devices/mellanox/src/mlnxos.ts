import { CliSwitch, type CommandTemplates, type PortNameRule } from "@ngs/core/device-kit";
import { mellanoxMlnxos } from "./platforms.js";

/**
 * Mellanox MLNX-OS (docs/upstream.md#command-lists-per-device-type). The VLAN name is `{network_id}` (the
 * dashless UUID), so `ngs_network_name_format` does not apply, as upstream.
 */
export const MLNXOS_COMMANDS: CommandTemplates = {
  ADD_NETWORK: ["vlan {segmentation_id}", "name {network_id}"],
  DELETE_NETWORK: ["no vlan {segmentation_id}"],
  PLUG_PORT_TO_NETWORK: ["interface ethernet {port}", "switchport mode access", "switchport access vlan {segmentation_id}"],
  DELETE_PORT: ["interface ethernet {port}", "no switchport access vlan", "no switchport mode"],
};

/** `netmiko_mellanox_mlnxos`. */
export default class MellanoxMlnxos extends CliSwitch {
  static override platform = mellanoxMlnxos;
  /** One port: `ethernet 1/1`; `ethernet 1/1-1/4` is a range. */
  static override portNameRule: PortNameRule = { innerSpace: true, dashRange: true };
  static override commands = MLNXOS_COMMANDS;
}

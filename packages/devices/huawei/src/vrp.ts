import { CliSwitch, vrpVlans, type CommandTemplates, type PortNameRule } from "@ngs/core/device-kit";
import { huawei } from "./platforms.js";

/** Huawei VRP V3/V5 (docs/upstream.md#command-lists-per-device-type): VLANs without names, access ports. */
export const VRP_COMMANDS: CommandTemplates = {
  ...vrpVlans,
  PLUG_PORT_TO_NETWORK: ["interface {port}", "port link-type access", "port default vlan {segmentation_id}"],
  DELETE_PORT: ["interface {port}", "undo port default vlan {segmentation_id}"],
};

/** `netmiko_huawei`. */
export default class HuaweiVrp extends CliSwitch {
  static override platform = huawei;
  /** One port: `GigabitEthernet0/0/1`; `… to …` selects many. */
  static override portNameRule: PortNameRule = { innerSpace: true, dashRange: true };
  static override commands = VRP_COMMANDS;
}

import { CliSwitch, type CommandTemplates, type PortNameRule } from "@ngs/core/device-kit";
import { huaweiVrpv8 } from "./platforms.js";

/** Huawei VRP V8: the VRP templates, each ending with an explicit `commit` (docs/upstream.md#command-lists-per-device-type). */
export const VRPV8_COMMANDS: CommandTemplates = {
  ADD_NETWORK: ["vlan {segmentation_id}", "commit"],
  DELETE_NETWORK: ["undo vlan {segmentation_id}", "commit"],
  PLUG_PORT_TO_NETWORK: ["interface {port}", "port link-type access", "port default vlan {segmentation_id}", "commit"],
  DELETE_PORT: ["interface {port}", "undo port default vlan {segmentation_id}", "commit"],
};

/** `netmiko_huawei_vrpv8`. */
export default class HuaweiVrpV8 extends CliSwitch {
  static override platform = huaweiVrpv8;
  /** One port: `GE1/0/1`; `… to …` selects many. */
  static override portNameRule: PortNameRule = { innerSpace: true, dashRange: true };
  static override commands = VRPV8_COMMANDS;
}

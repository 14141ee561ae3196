import { CliSwitch, namedVlans, portShutdown, type CommandTemplates, type PortNameRule, type VlanNameRule } from "@ngs/core/device-kit";
import { arubaAoscx, AOSCX_ERROR_PATTERNS } from "./platforms.js";

/** ArubaOS-CX (docs/upstream.md#command-lists-per-device-type). No SET_NATIVE_VLAN upstream: a trunk's parent VLAN is not set. */
export const AOSCX_COMMANDS: CommandTemplates = {
  ...namedVlans,
  PLUG_PORT_TO_NETWORK: ["interface {port}", "no routing", "vlan access {segmentation_id}"],
  DELETE_PORT: ["interface {port}", "no vlan access {segmentation_id}"],
  ADD_NETWORK_TO_TRUNK: ["interface {port}", "no routing", "vlan trunk allowed {segmentation_id}"],
  REMOVE_NETWORK_FROM_TRUNK: ["interface {port}", "no vlan trunk allowed {segmentation_id}"],
  ...portShutdown,
};

export { AOSCX_ERROR_PATTERNS };

/** `netmiko_aruba_aoscx`. */
export default class ArubaAoscx extends CliSwitch {
  static override platform = arubaAoscx;
  /** One port: `1/1/1`; `1/1/1-1/1/4` is a range. */
  static override portNameRule: PortNameRule = { innerSpace: false, dashRange: true };
  /** VLAN names: `name` takes 32 characters. */
  static override vlanNameRule: VlanNameRule = { maxLength: 32, space: false };
  static override commands = AOSCX_COMMANDS;
  static override errorPatterns = AOSCX_ERROR_PATTERNS;
}

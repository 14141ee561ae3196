import { CliSwitch, type CommandTemplates, type PortNameRule } from "@ngs/core/device-kit";
import { pluribus } from "./platforms.js";

/** Pluribus Netvisor (docs/upstream.md#command-lists-per-device-type): fabric-scoped VLANs with auto-vxlan. */
export const PLURIBUS_COMMANDS: CommandTemplates = {
  ADD_NETWORK: ["vlan-create id {segmentation_id} scope fabric ports none description {network_name} auto-vxlan"],
  DELETE_NETWORK: ["vlan-delete id {segmentation_id}"],
  PLUG_PORT_TO_NETWORK: ["vlan-port-remove vlan-range all ports {port}", "port-vlan-add port {port} untagged-vlan {segmentation_id}"],
  DELETE_PORT: ["vlan-port-remove vlan-range all ports {port}"],
};

/**
 * `netmiko_pluribus`. Netvisor has no config mode and no save: changes are
 * persistent, so the save step only logs that saving is not supported.
 */
export default class Pluribus extends CliSwitch {
  static override platform = pluribus;
  /** One port: a port number; `1-4` is a range. */
  static override portNameRule: PortNameRule = { innerSpace: false, dashRange: true };
  static override commands = PLURIBUS_COMMANDS;
}

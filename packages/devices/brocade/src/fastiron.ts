import { CliSwitch, type CliOperation, type CommandTemplates, type OperationArgs, type PortNameRule, type VlanNameRule } from "@ngs/core/device-kit";
import { brocadeFastiron } from "./platforms.js";

/** Brocade / Ruckus ICX FastIron (docs/upstream.md#command-lists-per-device-type): ports join VLANs from the VLAN side. */
export const FASTIRON_COMMANDS: CommandTemplates = {
  ADD_NETWORK: ["vlan {segmentation_id} by port", "name {network_name}"],
  DELETE_NETWORK: ["no vlan {segmentation_id}"],
  PLUG_PORT_TO_NETWORK: ["vlan {segmentation_id} by port", "untagged ether {port}"],
  DELETE_PORT: ["vlan {segmentation_id} by port", "no untagged ether {port}"],
};

/** Asks which VLAN a port is untagged in. */
export const FASTIRON_QUERY_PORT = "show interfaces ether {port} | include VLAN";
const UNTAGGED_IN = /Member of L2 VLAN ID (\d+), port is untagged/;

const PLUGS: ReadonlySet<CliOperation> = new Set<CliOperation>(["plugPortToNetwork", "plugBondToNetwork"]);

/**
 * `netmiko_brocade_fastiron`. A FastIron port is untagged in exactly one
 * VLAN, so before plugging, the port's current untagged VLAN (if not 1) is
 * left first, like upstream. Differences: the query and the change share one
 * session and one save (upstream ran the query through the write path, with
 * its own save), and plug/bond accept trunk details (upstream raised a
 * TypeError for bonds).
 */
export default class BrocadeFastIron extends CliSwitch {
  static override platform = brocadeFastiron;
  /** One port: `ethernet 1/1/1`; `1/1/1-1/1/4` and `… to …` are ranges. */
  static override portNameRule: PortNameRule = { innerSpace: true, dashRange: true };
  /** VLAN names: `name` takes 32 characters. */
  static override vlanNameRule: VlanNameRule = { maxLength: 32, space: false };
  static override commands = FASTIRON_COMMANDS;

  protected override queriesFor<K extends CliOperation>(operation: K, args: OperationArgs[K]): string[] {
    if (!PLUGS.has(operation)) return [];
    const a = args as { port?: string; bond?: string };
    return this.formatCommands([FASTIRON_QUERY_PORT], { port: this.portName(a.port ?? a.bond) });
  }

  /** The answer names the port's current untagged VLAN: leave it first (unless it is VLAN 1). */
  protected override planAfterQueries<K extends CliOperation>(operation: K, args: OperationArgs[K], answers: readonly string[], planned: readonly string[]): string[] {
    if (!PLUGS.has(operation)) return [...planned];
    const a = args as { port?: string; bond?: string };
    const current = Number(UNTAGGED_IN.exec(answers[0] ?? "")?.[1] ?? 1);
    const leave = current !== 1 ? this.composeDeletePort(this.portStep(this.portName(a.port ?? a.bond), current)) : [];
    return [...leave, ...planned];
  }
}

/** The jobs of each mode, as upstream's stress tool runs them (docs/upstream.md#stress-tool). */
import type { Job } from "./runner.js";

/** The device operations the stress tool drives (a GenericSwitchDevice has them all). */
export interface StressDevice {
  addNetwork(segmentationId: number, networkId: string): Promise<unknown>;
  delNetwork(segmentationId: number, networkId: string): Promise<unknown>;
  plugPortToNetwork(port: string, segmentationId: number): Promise<unknown>;
  deletePort(port: string, segmentationId: number): Promise<unknown>;
}

export const OP = {
  addNetwork: "add network",
  delNetwork: "delete network",
  plugPort: "plug port",
  unplugPort: "unplug port",
} as const;

/** A share of the work: the VLANs (network mode) or ports (port mode) one process runs. */
export interface WorkShare {
  mode: "network" | "port";
  vlans: number[];
  ports: string[];
  /** Port mode: the VLAN ports are plugged into. */
  vlan: number;
  netId: string;
  plugOnly: boolean;
}

/** One round's jobs: network mode add+delete per VLAN, port mode plug(+unplug) per port. */
export function buildJobs(device: StressDevice, share: WorkShare): Job[] {
  if (share.mode === "network") {
    return share.vlans.map((vlan) => [
      { op: OP.addNetwork, run: () => device.addNetwork(vlan, share.netId) },
      { op: OP.delNetwork, run: () => device.delNetwork(vlan, share.netId) },
    ]);
  }
  return share.ports.map((port) => {
    const plug = { op: OP.plugPort, run: () => device.plugPortToNetwork(port, share.vlan) };
    if (share.plugOnly) return [plug];
    return [plug, { op: OP.unplugPort, run: () => device.deletePort(port, share.vlan) }];
  });
}

/** Steps one round of a share takes when nothing fails. */
export function stepsPerRound(share: Pick<WorkShare, "mode" | "vlans" | "ports" | "plugOnly">): number {
  return share.mode === "network" ? share.vlans.length * 2 : share.ports.length * (share.plugOnly ? 1 : 2);
}

/** Deal items round-robin to `n` shares, so each process gets an even spread. */
export function split<T>(items: readonly T[], n: number): T[][] {
  const out: T[][] = Array.from({ length: n }, () => []);
  items.forEach((item, i) => out[i % n]!.push(item));
  return out;
}

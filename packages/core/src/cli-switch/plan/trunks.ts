import type { Composer } from "./composer.js";

/** Subport VLANs onto a trunk port, or onto a bond's trunk (an 802.3ad bond). */
export function composeAddSubports(c: Composer, isBond: boolean, portId: string, vlans: number[]): string[] {
  const t = c.commands;
  return vlans.flatMap((v) =>
    isBond
      ? c.format(t.ADD_NETWORK_TO_BOND_TRUNK, { bond: portId, segmentation_id: v })
      : c.format(t.ADD_NETWORK_TO_TRUNK, { port: portId, segmentation_id: v }),
  );
}

export function composeDelSubports(c: Composer, isBond: boolean, portId: string, vlans: number[]): string[] {
  const t = c.commands;
  return vlans.flatMap((v) =>
    isBond
      ? c.format(t.DELETE_NETWORK_ON_BOND_TRUNK, { bond: portId, segmentation_id: v })
      : c.format(t.REMOVE_NETWORK_FROM_TRUNK, { port: portId, segmentation_id: v }),
  );
}

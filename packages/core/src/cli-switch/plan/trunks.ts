import type { Composer } from "./composer.js";
import { BOND_FAMILY } from "./bonds.js";
import { PORT_FAMILY } from "./ports.js";

/** Subport VLANs onto a trunk port, or onto a bond's trunk (an 802.3ad bond). */
export function composeAddSubports(c: Composer, isBond: boolean, portId: string, vlans: number[]): string[] {
  const f = isBond ? BOND_FAMILY : PORT_FAMILY;
  return vlans.flatMap((v) => c.format(c.commands[f.addTrunk], { [f.key]: portId, segmentation_id: v }));
}

export function composeDelSubports(c: Composer, isBond: boolean, portId: string, vlans: number[]): string[] {
  const f = isBond ? BOND_FAMILY : PORT_FAMILY;
  return vlans.flatMap((v) => c.format(c.commands[f.removeTrunk], { [f.key]: portId, segmentation_id: v }));
}

import type { PortStep } from "../operations.js";
import type { CommandTemplates } from "../templates.js";
import type { Composer } from "./composer.js";

/** Has bond templates of its own; otherwise bonds are plugged like ports. */
export function bondTemplates(commands: CommandTemplates): { plug: boolean; unplug: boolean } {
  return {
    plug: Boolean(commands.PLUG_BOND_TO_NETWORK?.length),
    unplug: Boolean(commands.UNPLUG_BOND_FROM_NETWORK?.length),
  };
}

export function composePlugBond(c: Composer, s: PortStep): string[] {
  if (!bondTemplates(c.commands).plug) return c.plugPort(s);
  const t = c.commands;
  const bond = s.name;
  const cmds: string[] = [];
  if (c.disableInactivePorts) cmds.push(...c.format(t.ENABLE_BOND, { bond }));
  if (s.defaultVlan !== undefined) cmds.push(...c.format(t.UNPLUG_BOND_FROM_NETWORK, { bond, segmentation_id: s.defaultVlan }));
  if (s.trunkDetails) {
    cmds.push(...c.format(t.SET_NATIVE_VLAN_BOND, { bond, segmentation_id: s.segmentationId }));
    for (const v of s.subportVlans) cmds.push(...c.format(t.ADD_NETWORK_TO_BOND_TRUNK, { bond, segmentation_id: v }));
  } else {
    cmds.push(...c.format(t.PLUG_BOND_TO_NETWORK, { bond, segmentation_id: s.segmentationId }));
  }
  return cmds;
}

export function composeUnplugBond(c: Composer, s: PortStep): string[] {
  if (!bondTemplates(c.commands).unplug) return c.deletePort(s);
  const t = c.commands;
  const bond = s.name;
  const cmds = c.format(t.UNPLUG_BOND_FROM_NETWORK, { bond, segmentation_id: s.segmentationId });
  if (s.trunkDetails) {
    cmds.push(...c.format(t.DELETE_NATIVE_VLAN_BOND, { bond, segmentation_id: s.segmentationId }));
    // Upstream sent ADD_NETWORK_TO_BOND_TRUNK here (LP#2122025); removal is what unplugging means.
    for (const v of s.subportVlans) cmds.push(...c.format(t.DELETE_NETWORK_ON_BOND_TRUNK, { bond, segmentation_id: v }));
  }
  if (s.defaultVlan !== undefined) {
    cmds.push(...c.defaultVlanNetwork(s.defaultVlan));
    cmds.push(...c.format(t.PLUG_BOND_TO_NETWORK, { bond, segmentation_id: s.defaultVlan }));
  }
  if (c.disableInactivePorts) cmds.push(...c.format(t.DISABLE_BOND, { bond }));
  return cmds;
}

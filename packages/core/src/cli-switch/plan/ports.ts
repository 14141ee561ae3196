import type { PortStep } from "../operations.js";
import type { Composer } from "./composer.js";

export function composePlugPort(c: Composer, s: PortStep): string[] {
  const t = c.commands;
  const port = s.name;
  const cmds: string[] = [];
  if (c.disableInactivePorts) cmds.push(...c.format(t.ENABLE_PORT, { port }));
  if (s.defaultVlan !== undefined) cmds.push(...c.format(t.DELETE_PORT, { port, segmentation_id: s.defaultVlan }));
  if (s.trunkDetails) {
    cmds.push(...c.format(t.SET_NATIVE_VLAN, { port, segmentation_id: s.segmentationId }));
    for (const v of s.subportVlans) cmds.push(...c.format(t.ADD_NETWORK_TO_TRUNK, { port, segmentation_id: v }));
  } else {
    cmds.push(...c.format(t.PLUG_PORT_TO_NETWORK, { port, segmentation_id: s.segmentationId }));
  }
  return cmds;
}

export function composeDeletePort(c: Composer, s: PortStep): string[] {
  const t = c.commands;
  const port = s.name;
  const cmds = c.format(t.DELETE_PORT, { port, segmentation_id: s.segmentationId });
  if (s.trunkDetails) {
    cmds.push(...c.format(t.DELETE_NATIVE_VLAN, { port, segmentation_id: s.segmentationId }));
    for (const v of s.subportVlans) cmds.push(...c.format(t.REMOVE_NETWORK_FROM_TRUNK, { port, segmentation_id: v }));
  }
  if (s.defaultVlan !== undefined) {
    // Upstream restores the default VLAN whether or not ngs_manage_vlans is set.
    cmds.push(...c.defaultVlanNetwork(s.defaultVlan));
    cmds.push(...c.format(t.PLUG_PORT_TO_NETWORK, { port, segmentation_id: s.defaultVlan }));
  }
  if (c.disableInactivePorts) cmds.push(...c.format(t.DISABLE_PORT, { port }));
  return cmds;
}

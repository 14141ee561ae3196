import type { Composer } from "./composer.js";

/** ADD_NETWORK, then the VLAN on every `ngs_trunk_ports` entry. */
export function composeAddNetwork(c: Composer, segmentationId: number, networkIdHex: string): string[] {
  const cmds = c.format(c.commands.ADD_NETWORK, {
    segmentation_id: segmentationId,
    network_id: networkIdHex,
    network_name: c.networkName(networkIdHex, segmentationId),
  });
  for (const port of c.trunkPorts()) {
    cmds.push(...c.format(c.commands.ADD_NETWORK_TO_TRUNK, { port, segmentation_id: segmentationId }));
  }
  return cmds;
}

/** The VLAN off every `ngs_trunk_ports` entry, then DELETE_NETWORK. */
export function composeDelNetwork(c: Composer, segmentationId: number, networkIdHex: string): string[] {
  const cmds: string[] = [];
  for (const port of c.trunkPorts()) {
    cmds.push(...c.format(c.commands.REMOVE_NETWORK_FROM_TRUNK, { port, segmentation_id: segmentationId }));
  }
  cmds.push(
    ...c.format(c.commands.DELETE_NETWORK, {
      segmentation_id: segmentationId,
      network_id: networkIdHex,
      network_name: c.networkName(networkIdHex, segmentationId),
    }),
  );
  return cmds;
}

/** ADD_NETWORK for a default VLAN being restored: the VLAN stands in for the network id too. */
export function composeDefaultVlanNetwork(c: Composer, vlan: number): string[] {
  return c.format(c.commands.ADD_NETWORK, {
    segmentation_id: vlan,
    network_id: vlan,
    network_name: c.networkName(vlan, vlan),
  });
}

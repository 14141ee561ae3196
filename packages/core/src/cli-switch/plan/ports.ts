import type { PortStep } from "../operations.js";
import type { TemplateName } from "../templates.js";
import type { Composer } from "./composer.js";

/**
 * The templates of one kind of attachment point: a port, or a bond with its
 * own `_BOND` templates. Plug and unplug are the same steps for both.
 */
export interface PortFamily {
  /** The placeholder that names it: `{port}` or `{bond}`. */
  readonly key: "port" | "bond";
  readonly enable: TemplateName;
  readonly disable: TemplateName;
  readonly plug: TemplateName;
  readonly unplug: TemplateName;
  readonly setNative: TemplateName;
  readonly deleteNative: TemplateName;
  readonly addTrunk: TemplateName;
  readonly removeTrunk: TemplateName;
}

export const PORT_FAMILY: PortFamily = {
  key: "port",
  enable: "ENABLE_PORT",
  disable: "DISABLE_PORT",
  plug: "PLUG_PORT_TO_NETWORK",
  unplug: "DELETE_PORT",
  setNative: "SET_NATIVE_VLAN",
  deleteNative: "DELETE_NATIVE_VLAN",
  addTrunk: "ADD_NETWORK_TO_TRUNK",
  removeTrunk: "REMOVE_NETWORK_FROM_TRUNK",
};

/** Enable (with `ngs_disable_inactive_ports`), leave the default VLAN, then access VLAN or native VLAN + subports. */
export function composePlug(c: Composer, f: PortFamily, s: PortStep): string[] {
  const t = c.commands;
  const at = { [f.key]: s.name };
  const cmds: string[] = [];
  if (c.disableInactivePorts) cmds.push(...c.format(t[f.enable], at));
  if (s.defaultVlan !== undefined) cmds.push(...c.format(t[f.unplug], { ...at, segmentation_id: s.defaultVlan }));
  if (s.trunkDetails) {
    cmds.push(...c.format(t[f.setNative], { ...at, segmentation_id: s.segmentationId }));
    for (const v of s.subportVlans) cmds.push(...c.format(t[f.addTrunk], { ...at, segmentation_id: v }));
  } else {
    cmds.push(...c.format(t[f.plug], { ...at, segmentation_id: s.segmentationId }));
  }
  return cmds;
}

/** Leave the VLAN (and the trunk's), restore the default VLAN, disable (with `ngs_disable_inactive_ports`). */
export function composeUnplug(c: Composer, f: PortFamily, s: PortStep): string[] {
  const t = c.commands;
  const at = { [f.key]: s.name };
  const cmds = c.format(t[f.unplug], { ...at, segmentation_id: s.segmentationId });
  if (s.trunkDetails) {
    cmds.push(...c.format(t[f.deleteNative], { ...at, segmentation_id: s.segmentationId }));
    // For bonds upstream sent ADD_NETWORK_TO_BOND_TRUNK here (LP#2122025); removal is what unplugging means.
    for (const v of s.subportVlans) cmds.push(...c.format(t[f.removeTrunk], { ...at, segmentation_id: v }));
  }
  if (s.defaultVlan !== undefined) {
    // Upstream restores the default VLAN whether or not ngs_manage_vlans is set.
    cmds.push(...c.defaultVlanNetwork(s.defaultVlan));
    cmds.push(...c.format(t[f.plug], { ...at, segmentation_id: s.defaultVlan }));
  }
  if (c.disableInactivePorts) cmds.push(...c.format(t[f.disable], at));
  return cmds;
}

export function composePlugPort(c: Composer, s: PortStep): string[] {
  return composePlug(c, PORT_FAMILY, s);
}

export function composeDeletePort(c: Composer, s: PortStep): string[] {
  return composeUnplug(c, PORT_FAMILY, s);
}

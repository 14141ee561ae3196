import type { PortStep } from "../operations.js";
import type { CommandTemplates } from "../templates.js";
import type { Composer } from "./composer.js";
import { composePlug, composeUnplug, type PortFamily } from "./ports.js";

export const BOND_FAMILY: PortFamily = {
  key: "bond",
  enable: "ENABLE_BOND",
  disable: "DISABLE_BOND",
  plug: "PLUG_BOND_TO_NETWORK",
  unplug: "UNPLUG_BOND_FROM_NETWORK",
  setNative: "SET_NATIVE_VLAN_BOND",
  deleteNative: "DELETE_NATIVE_VLAN_BOND",
  addTrunk: "ADD_NETWORK_TO_BOND_TRUNK",
  removeTrunk: "DELETE_NETWORK_ON_BOND_TRUNK",
};

/** Has bond templates of its own; otherwise bonds are plugged like ports. */
export function bondTemplates(commands: CommandTemplates): { plug: boolean; unplug: boolean } {
  return {
    plug: Boolean(commands.PLUG_BOND_TO_NETWORK?.length),
    unplug: Boolean(commands.UNPLUG_BOND_FROM_NETWORK?.length),
  };
}

/** The bond's own templates, else the (vendor's) port step. */
export function composePlugBond(c: Composer, s: PortStep): string[] {
  return bondTemplates(c.commands).plug ? composePlug(c, BOND_FAMILY, s) : c.plugPort(s);
}

export function composeUnplugBond(c: Composer, s: PortStep): string[] {
  return bondTemplates(c.commands).unplug ? composeUnplug(c, BOND_FAMILY, s) : c.deletePort(s);
}

import type { CommandTemplate, CommandTemplates } from "./templates.js";

/*
 * Command-template families several vendor tables share (IOS-style
 * `switchport`, `vlan N`/`name`, `shutdown`). A vendor composes its table
 * from them and overrides only where its CLI differs (spread, then its own
 * keys), as the platform builders of `@ngs/cli-session` serve dialects.
 * Spreading keeps key order, so the tables (and docs/upstream.md) read as before.
 */

/** `vlan N` with `name …`, removed by `no vlan N`: IOS, EOS, Ruijie, SMIS, AOS-CX. */
export const namedVlans = {
  ADD_NETWORK: ["vlan {segmentation_id}", "name {network_name}"],
  DELETE_NETWORK: ["no vlan {segmentation_id}"],
} as const satisfies CommandTemplates;

/** Unnamed `vlan N`, removed by `undo vlan N`: the VRP-like dialects (Huawei VRP, HPE Comware). */
export const vrpVlans = {
  ADD_NETWORK: ["vlan {segmentation_id}"],
  DELETE_NETWORK: ["undo vlan {segmentation_id}"],
} as const satisfies CommandTemplates;

/** IOS access port: plug sets access mode and VLAN. */
export const switchportAccessPlug: CommandTemplate = [
  "interface {port}",
  "switchport mode access",
  "switchport access vlan {segmentation_id}",
];

/** Take the port out of its access VLAN (NX-OS, OS10; OS10's native-VLAN removal too). */
export const switchportAccessClear: CommandTemplate = ["interface {port}", "no switchport access vlan"];

/** IOS-style access port whose unplug also clears a trunk left on it: IOS, EOS, Ruijie, SMIS. */
export const switchportAccess = {
  PLUG_PORT_TO_NETWORK: switchportAccessPlug,
  DELETE_PORT: [
    "interface {port}",
    "no switchport access vlan {segmentation_id}",
    "no switchport mode trunk",
    "switchport trunk allowed vlan none",
  ],
} as const satisfies CommandTemplates;

/**
 * IOS trunk with a native VLAN (Cisco IOS's lines). EOS keeps the port in
 * trunk mode when its native VLAN goes and does not re-enter trunk mode to
 * add one: it overrides DELETE_NATIVE_VLAN and ADD_NETWORK_TO_TRUNK.
 */
export const switchportTrunk = {
  SET_NATIVE_VLAN: [
    "interface {port}",
    "switchport mode trunk",
    "switchport trunk native vlan {segmentation_id}",
    "switchport trunk allowed vlan add {segmentation_id}",
  ],
  DELETE_NATIVE_VLAN: [
    "interface {port}",
    "no switchport mode trunk",
    "no switchport trunk native vlan {segmentation_id}",
    "switchport trunk allowed vlan remove {segmentation_id}",
  ],
  ADD_NETWORK_TO_TRUNK: ["interface {port}", "switchport mode trunk", "switchport trunk allowed vlan add {segmentation_id}"],
  REMOVE_NETWORK_FROM_TRUNK: ["interface {port}", "switchport trunk allowed vlan remove {segmentation_id}"],
} as const satisfies CommandTemplates;

/** `shutdown` / `no shutdown` on the port. */
export const portShutdown = {
  ENABLE_PORT: ["interface {port}", "no shutdown"],
  DISABLE_PORT: ["interface {port}", "shutdown"],
} as const satisfies CommandTemplates;

/** Port operation → the same operation on a bond (port channel). */
const BOND_OF = {
  PLUG_PORT_TO_NETWORK: "PLUG_BOND_TO_NETWORK",
  DELETE_PORT: "UNPLUG_BOND_FROM_NETWORK",
  ENABLE_PORT: "ENABLE_BOND",
  DISABLE_PORT: "DISABLE_BOND",
  SET_NATIVE_VLAN: "SET_NATIVE_VLAN_BOND",
  DELETE_NATIVE_VLAN: "DELETE_NATIVE_VLAN_BOND",
  ADD_NETWORK_TO_TRUNK: "ADD_NETWORK_TO_BOND_TRUNK",
  REMOVE_NETWORK_FROM_TRUNK: "DELETE_NETWORK_ON_BOND_TRUNK",
} as const satisfies Partial<Record<keyof CommandTemplates, keyof CommandTemplates>>;

/**
 * The bond templates of the given port templates: each key becomes its bond
 * key and `{port}` becomes `{bond}` (EOS, OS10 send the port's lines to the
 * port channel), in the given order. Keys with no bond counterpart are dropped.
 */
export function onBond(ports: CommandTemplates): CommandTemplates {
  const out: Record<string, CommandTemplate> = {};
  for (const [key, lines] of Object.entries(ports)) {
    const bondKey = BOND_OF[key as keyof typeof BOND_OF] as string | undefined;
    if (bondKey && lines) out[bondKey] = (lines as CommandTemplate).map((l) => l.replaceAll("{port}", "{bond}"));
  }
  return out;
}

/** Each template with `exit` appended (NX-OS, OS10, Force10 leave every block they enter). */
export function exitEach<T extends CommandTemplates>(table: T): { [K in keyof T]: CommandTemplate } {
  const out: Record<string, CommandTemplate> = {};
  for (const [key, lines] of Object.entries(table)) out[key] = [...(lines as CommandTemplate), "exit"];
  return out as { [K in keyof T]: CommandTemplate };
}

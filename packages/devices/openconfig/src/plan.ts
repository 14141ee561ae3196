/**
 * Pure planning: one device operation and the switch's options in, the
 * OpenConfig edit out (upstream's OpenConfig mixin, as facts: which
 * containers, which operation attribute, in which order). Callers pass
 * validated values only: VLAN ids as numbers, port names already mapped
 * by `ngs_port_id_re_sub` and checked.
 */
import { ConfigEdit, VLAN_ACTIVE, vlanSet } from "./edit.js";

export interface PlanSettings {
  /** `ngs_openconfig_network_instance`. */
  networkInstance: string;
  /** `ngs_trunk_ports`, mapped. */
  trunkPorts: readonly string[];
  /** `ngs_disable_inactive_ports`. */
  disableInactivePorts: boolean;
}

/** A VLAN to (re)create with its name: the default VLAN a port returns to. */
export interface NamedVlan {
  vlan: number;
  name: string;
}

/**
 * Create the VLAN; tag it on every trunk port. With `physnetVlans`
 * (convergence) each trunk port's allowed list is replaced by that set
 * (which holds the new VLAN: it is added if the caller's set lacks it).
 */
export function planAddNetwork(s: PlanSettings, a: { vlan: number; name: string; physnetVlans?: readonly number[] | null }): ConfigEdit {
  const edit = new ConfigEdit(s.networkInstance);
  edit.vlan({ vlanId: a.vlan, operation: "merge", name: a.name, status: VLAN_ACTIVE });
  for (const port of s.trunkPorts) {
    if (a.physnetVlans) edit.switchedVlan(port, { operation: "replace", mode: "TRUNK", trunkVlans: vlanSet([...a.physnetVlans, a.vlan]) });
    else edit.switchedVlan(port, { operation: "merge", mode: "TRUNK", trunkVlans: [a.vlan] });
  }
  return edit;
}

/**
 * Untag the VLAN from the trunk ports (first), then delete it. With
 * `physnetVlans` each trunk port's list is replaced by that set, without
 * the deleted VLAN even if the caller's set still has it.
 */
export function planDelNetwork(s: PlanSettings, a: { vlan: number; physnetVlans?: readonly number[] | null }): ConfigEdit {
  const edit = new ConfigEdit(s.networkInstance);
  for (const port of s.trunkPorts) {
    if (a.physnetVlans) {
      edit.switchedVlan(port, { operation: "replace", mode: "TRUNK", trunkVlans: vlanSet(a.physnetVlans.filter((v) => v !== a.vlan)) });
    } else {
      edit.switchedVlan(port, { operation: "merge", mode: "TRUNK", removeTrunkVlans: [a.vlan] });
    }
  }
  // Upstream puts `remove` on the key leaf and merges the config as SUSPENDED, named
  // neutron-DELETED-{vlan}; conforming servers refuse an operation on a key, so the entry goes.
  edit.vlan({ vlanId: a.vlan, operation: "remove" });
  return edit;
}

function clearPort(edit: ConfigEdit, port: string): void {
  const i = edit.iface(port);
  i.removeDescription = true;
  edit.switchedVlan(port, { operation: "remove" });
}

/**
 * Enable the port (`ngs_disable_inactive_ports`), clear it when a default
 * VLAN applies, then write its switched-vlan config with replace: access
 * VLAN, or with `trunkVlans` (trunk details) a trunk with the VLAN as
 * native and the subports' VLANs allowed.
 */
export function planPlugPort(
  s: PlanSettings,
  a: { port: string; vlan: number; trunkVlans?: readonly number[] | null; defaultVlan?: number | null },
): ConfigEdit {
  const edit = new ConfigEdit(s.networkInstance);
  if (s.disableInactivePorts) edit.iface(a.port).enabled = true;
  if (a.defaultVlan) clearPort(edit, a.port);
  if (a.trunkVlans) {
    edit.switchedVlan(a.port, { operation: "replace", mode: "TRUNK", nativeVlan: a.vlan, trunkVlans: vlanSet(a.trunkVlans) });
  } else {
    edit.switchedVlan(a.port, { operation: "replace", mode: "ACCESS", accessVlan: a.vlan });
  }
  return edit;
}

/**
 * Remove the port's switched-vlan config and its description; with a
 * default VLAN, recreate that VLAN and put the port back into it; then
 * disable the port (`ngs_disable_inactive_ports`).
 */
export function planDeletePort(s: PlanSettings, a: { port: string; defaultVlan?: NamedVlan | null }): ConfigEdit {
  const edit = new ConfigEdit(s.networkInstance);
  clearPort(edit, a.port);
  if (a.defaultVlan) {
    edit.vlan({ vlanId: a.defaultVlan.vlan, operation: "merge", name: a.defaultVlan.name, status: VLAN_ACTIVE });
    edit.switchedVlan(a.port, { operation: "replace", mode: "ACCESS", accessVlan: a.defaultVlan.vlan });
  }
  if (s.disableInactivePorts) edit.iface(a.port).enabled = false;
  return edit;
}

/** The parent port's trunk as the trunk driver passes it: native VLAN and every subport VLAN after the change. */
export interface TrunkState {
  nativeVlan?: number;
  vlans: readonly number[];
}

/** The trunk port's switched-vlan config replaced by the trunk's whole state. */
function replaceTrunk(edit: ConfigEdit, port: string, trunk: TrunkState): void {
  edit.switchedVlan(port, { operation: "replace", mode: "TRUNK", ...(trunk.nativeVlan ? { nativeVlan: trunk.nativeVlan } : {}), trunkVlans: vlanSet(trunk.vlans) });
}

/**
 * Allow the subports' VLANs on the trunk port. With the trunk's full state
 * the switched-vlan config is replaced by it (converges); without, the new
 * VLANs are merged in.
 */
export function planAddSubports(s: PlanSettings, a: { port: string; vlans: readonly number[]; trunk?: TrunkState | null }): ConfigEdit {
  const edit = new ConfigEdit(s.networkInstance);
  if (a.trunk) {
    replaceTrunk(edit, a.port, a.trunk);
  } else {
    edit.switchedVlan(a.port, { operation: "merge", mode: "TRUNK", trunkVlans: vlanSet(a.vlans) });
  }
  return edit;
}

/**
 * Take the subports' VLANs off the trunk port. With the trunk's remaining
 * state: replace by it, or, when no subport is left, turn the port into an
 * access port of the native VLAN. Without: remove the VLANs one by one.
 */
export function planDelSubports(s: PlanSettings, a: { port: string; vlans: readonly number[]; trunk?: TrunkState | null }): ConfigEdit {
  const edit = new ConfigEdit(s.networkInstance);
  if (!a.trunk) {
    edit.switchedVlan(a.port, { operation: "merge", mode: "TRUNK", removeTrunkVlans: vlanSet(a.vlans) });
  } else if (a.trunk.vlans.length > 0) {
    replaceTrunk(edit, a.port, a.trunk);
  } else {
    edit.switchedVlan(a.port, { operation: "replace", mode: "ACCESS", ...(a.trunk.nativeVlan ? { accessVlan: a.trunk.nativeVlan } : {}) });
  }
  return edit;
}

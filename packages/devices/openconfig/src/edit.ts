/**
 * One `edit-config` of OpenConfig data, as plain values: the VLANs of a
 * network instance and the interfaces' switched-vlan settings. The planner
 * (plan.ts) fills it; xml.ts renders it. Every value in here has been
 * validated before it was added (numbers are VLAN ids, strings are checked
 * names), and the renderer escapes text anyway.
 */

/** RFC 6241 `operation` attribute values the device uses. */
export type EditOperation = "merge" | "replace" | "remove";

export const VLAN_ACTIVE = "ACTIVE";
export const VLAN_SUSPENDED = "SUSPENDED";

export type VlanEdit =
  | { vlanId: number; operation: "merge"; name: string; status: typeof VLAN_ACTIVE | typeof VLAN_SUSPENDED }
  /** Deletes the VLAN's list entry. */
  | { vlanId: number; operation: "remove" };

export interface SwitchedVlanEdit {
  /** On `switched-vlan/config`: `replace` writes exactly what is given; `remove` clears it. */
  operation: EditOperation;
  mode?: "ACCESS" | "TRUNK";
  accessVlan?: number;
  nativeVlan?: number;
  /** Allowed VLANs written (sorted, no repeats). */
  trunkVlans: number[];
  /** Allowed VLANs taken off one by one (`trunk-vlans` with operation remove). */
  removeTrunkVlans: number[];
}

export interface InterfaceEdit {
  name: string;
  /** Clear the interface description (unplug). */
  removeDescription?: boolean;
  /** `config/enabled` (`ngs_disable_inactive_ports`). */
  enabled?: boolean;
  switchedVlan?: SwitchedVlanEdit;
}

/**
 * The edits of one operation. Several steps touching the same interface or
 * VLAN fold into one element (a later switched-vlan setting replaces an
 * earlier one, as applying them in order would), so the document never
 * names a list entry twice: NETCONF servers may refuse that.
 */
export class ConfigEdit {
  readonly vlans = new Map<number, VlanEdit>();
  readonly interfaces = new Map<string, InterfaceEdit>();
  /** Which container came first: upstream sends trunk changes before a VLAN delete. */
  readonly order: ("vlans" | "interfaces")[] = [];

  constructor(readonly networkInstance: string) {}

  get empty(): boolean {
    return this.vlans.size === 0 && this.interfaces.size === 0;
  }

  vlan(edit: VlanEdit): void {
    this.note("vlans");
    this.vlans.set(edit.vlanId, edit);
  }

  iface(name: string): InterfaceEdit {
    this.note("interfaces");
    let e = this.interfaces.get(name);
    if (!e) this.interfaces.set(name, (e = { name }));
    return e;
  }

  switchedVlan(name: string, edit: Partial<SwitchedVlanEdit> & { operation: EditOperation }): void {
    this.iface(name).switchedVlan = {
      trunkVlans: [],
      removeTrunkVlans: [],
      ...edit,
    };
  }

  private note(kind: "vlans" | "interfaces"): void {
    if (!this.order.includes(kind)) this.order.push(kind);
  }
}

/** Sorted, without repeats. */
export function vlanSet(ids: Iterable<number>): number[] {
  return [...new Set(ids)].sort((a, b) => a - b);
}

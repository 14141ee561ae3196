/** XML output of the datastore and its OpenConfig view for tests. */
import { XMLBuilder } from "fast-xml-parser";
import { NS, type DNode } from "./tree.js";
import type { OcInterface, OcState, OcSwitchedVlan } from "./types.js";

const builder = new XMLBuilder({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: "@_", suppressEmptyNode: true });

function ordered(n: DNode, parentNs: string): Record<string, unknown> {
  const node: Record<string, unknown> = {
    [n.name]: n.value !== undefined ? (n.value === "" ? [] : [{ "#text": n.value }]) : n.children.map((c) => ordered(c, n.ns)),
  };
  if (n.ns !== parentNs) node[":@"] = { "@_xmlns": n.ns };
  return node;
}

/** Builds XML (the builder escapes values) with a default namespace wherever it changes. */
export function toXml(nodes: DNode[], parentNs = NS.base): string {
  return builder.build(nodes.map((n) => ordered(n, parentNs))) as string;
}

const find = (n: DNode | undefined, name: string) => n?.children.find((c) => c.name === name);
const all = (n: DNode | undefined, name: string) => n?.children.filter((c) => c.name === name) ?? [];
const leaf = (n: DNode | undefined, name: string) => find(n, name)?.value;
const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));

/** The interfaces and VLANs of a datastore as plain data. */
export function ocView(root: DNode): OcState {
  const state: OcState = { interfaces: {}, vlans: {} };
  const names = (n: DNode) => leaf(n, "name") ?? "";
  for (const iface of [...all(find(root, "interfaces"), "interface")].sort((a, b) => names(a).localeCompare(names(b)))) {
    const cfg = find(iface, "config");
    const out: OcInterface = {};
    const description = leaf(cfg, "description");
    const enabled = leaf(cfg, "enabled");
    const mtu = leaf(cfg, "mtu");
    if (description !== undefined) out.description = description;
    if (enabled !== undefined) out.enabled = enabled === "true";
    if (mtu !== undefined) out.mtu = Number(mtu);
    const sv = find(find(find(iface, "ethernet"), "switched-vlan"), "config");
    if (sv) {
      const v: OcSwitchedVlan = { trunkVlans: [] };
      const mode = leaf(sv, "interface-mode");
      if (mode === "ACCESS" || mode === "TRUNK") v.interfaceMode = mode;
      const access = num(leaf(sv, "access-vlan"));
      const native = num(leaf(sv, "native-vlan"));
      if (access !== undefined) v.accessVlan = access;
      if (native !== undefined) v.nativeVlan = native;
      v.trunkVlans = all(sv, "trunk-vlans")
        .map((t) => (/^\d+$/.test(t.value ?? "") ? Number(t.value) : (t.value ?? "")))
        .sort((a, b) => (typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b))));
      out.switchedVlan = v;
    }
    state.interfaces[names(iface)] = out;
  }
  for (const ni of all(find(root, "network-instances"), "network-instance")) {
    const vlans: OcState["vlans"][string] = {};
    const entries = all(find(ni, "vlans"), "vlan").sort((a, b) => Number(leaf(a, "vlan-id")) - Number(leaf(b, "vlan-id")));
    for (const v of entries) {
      const cfg = find(v, "config");
      const entry: { name?: string; status?: string } = {};
      const name = leaf(cfg, "name");
      const status = leaf(cfg, "status");
      if (name !== undefined) entry.name = name;
      if (status !== undefined) entry.status = status;
      vlans[Number(leaf(v, "vlan-id"))] = entry;
    }
    state.vlans[names(ni)] = vlans;
  }
  return state;
}

/** The datastore a fresh simulator starts with. */
export function initialConfig(interfaces: string[], vlans: { id: number; name?: string }[], instance: string): DNode[] {
  const l = (name: string, value: string, ns: string): DNode => ({ name, ns, value, children: [] });
  const c = (name: string, ns: string, children: DNode[]): DNode => ({ name, ns, children });
  const out: DNode[] = [];
  if (interfaces.length) {
    out.push(c("interfaces", NS.interfaces, interfaces.map((n) =>
      c("interface", NS.interfaces, [l("name", n, NS.interfaces), c("config", NS.interfaces, [l("name", n, NS.interfaces), l("enabled", "true", NS.interfaces)])]),
    )));
  }
  out.push(c("network-instances", NS.networkInstance, [
    c("network-instance", NS.networkInstance, [
      l("name", instance, NS.networkInstance),
      c("config", NS.networkInstance, [l("name", instance, NS.networkInstance)]),
      ...(vlans.length
        ? [c("vlans", NS.vlan, vlans.map((v) =>
            c("vlan", NS.vlan, [
              l("vlan-id", String(v.id), NS.vlan),
              c("config", NS.vlan, [l("vlan-id", String(v.id), NS.vlan), ...(v.name ? [l("name", v.name, NS.vlan)] : []), l("status", "ACTIVE", NS.vlan)]),
            ]),
          ))]
        : []),
    ]),
  ]));
  return out;
}

import { XMLBuilder } from "fast-xml-parser";
import type { ConfigEdit, InterfaceEdit, SwitchedVlanEdit, VlanEdit } from "./edit.js";

export const NETCONF_BASE_NS = "urn:ietf:params:xml:ns:netconf:base:1.0";
export const OC_NETWORK_INSTANCE_NS = "http://openconfig.net/yang/network-instance";
export const OC_VLAN_NS = "http://openconfig.net/yang/vlan";
export const OC_INTERFACES_NS = "http://openconfig.net/yang/interfaces";
export const OC_ETHERNET_NS = "http://openconfig.net/yang/interfaces/ethernet";

/** The `operation` attribute, qualified with the NETCONF base namespace (RFC 6241 §7.2). */
const OP = "@_nc:operation";
const NC = { "@_xmlns:nc": NETCONF_BASE_NS };

type Node = Record<string, unknown>;

// Text and attribute values are escaped by the builder (processEntities), never concatenated.
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@_", suppressEmptyNode: true, processEntities: true });
const pretty = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@_", suppressEmptyNode: true, processEntities: true, format: true, indentBy: "  " });

function vlanNode(v: VlanEdit): Node {
  // The operation goes on the list entry: NETCONF servers refuse one on the
  // key leaf (netconfd does), where upstream puts it.
  if (v.operation === "remove") return { [OP]: "remove", "vlan-id": v.vlanId };
  return { "vlan-id": v.vlanId, config: { [OP]: "merge", "vlan-id": v.vlanId, name: v.name, status: v.status } };
}

function switchedVlanConfig(s: SwitchedVlanEdit): Node {
  const n: Node = { [OP]: s.operation };
  if (s.mode) n["interface-mode"] = s.mode;
  if (s.nativeVlan !== undefined) n["native-vlan"] = s.nativeVlan;
  if (s.accessVlan !== undefined) n["access-vlan"] = s.accessVlan;
  const trunk: unknown[] = [...s.trunkVlans, ...s.removeTrunkVlans.map((v) => ({ "#text": v, [OP]: "remove" }))];
  if (trunk.length) n["trunk-vlans"] = trunk;
  return n;
}

function interfaceNode(i: InterfaceEdit): Node {
  const n: Node = { name: i.name };
  const config: Node = {};
  if (i.removeDescription) config.description = { [OP]: "remove" };
  if (i.enabled !== undefined) config.enabled = { "#text": String(i.enabled), [OP]: "merge" };
  if (Object.keys(config).length) n.config = config;
  if (i.switchedVlan) {
    n.ethernet = { "@_xmlns": OC_ETHERNET_NS, "switched-vlan": { "@_xmlns": OC_VLAN_NS, config: switchedVlanConfig(i.switchedVlan) } };
  }
  return n;
}

/** The children of `<config>`: one `<network-instances>` and/or one `<interfaces>`, in the edit's order. */
function configChildren(edit: ConfigEdit): Node {
  const out: Node = {};
  for (const kind of edit.order) {
    if (kind === "vlans" && edit.vlans.size) {
      out["network-instances"] = {
        "@_xmlns": OC_NETWORK_INSTANCE_NS,
        ...NC,
        "network-instance": { name: edit.networkInstance, vlans: { "@_xmlns": OC_VLAN_NS, vlan: [...edit.vlans.values()].map(vlanNode) } },
      };
    } else if (kind === "interfaces" && edit.interfaces.size) {
      out.interfaces = { "@_xmlns": OC_INTERFACES_NS, ...NC, interface: [...edit.interfaces.values()].map(interfaceNode) };
    }
  }
  return out;
}

/** What goes inside `<edit-config><config>`: each top-level element declares the namespaces it uses. */
export function editContent(edit: ConfigEdit): string {
  return builder.build(configChildren(edit)) as string;
}

/** The whole `<config>` element, indented: what a dry run shows and the README documents. */
export function configDocument(edit: ConfigEdit): string {
  return (pretty.build({ config: { "@_xmlns": NETCONF_BASE_NS, ...configChildren(edit) } }) as string).trimEnd();
}

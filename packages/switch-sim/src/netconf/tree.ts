/**
 * The simulator's configuration datastore: a namespace-aware element tree
 * that knows the OpenConfig lists (and their keys) and leaf-lists the
 * netconf_openconfig device touches, with RFC 6241 edit-config semantics
 * (merge, replace, create, delete, remove; default-operation) and subtree
 * filtering (RFC 6241 §6). Unknown elements are kept as plain containers
 * and leaves. Parsing goes through fast-xml-parser.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";

export const NS = {
  base: "urn:ietf:params:xml:ns:netconf:base:1.0",
  interfaces: "http://openconfig.net/yang/interfaces",
  ethernet: "http://openconfig.net/yang/interfaces/ethernet",
  vlan: "http://openconfig.net/yang/vlan",
  networkInstance: "http://openconfig.net/yang/network-instance",
} as const;

/** A stored node: a container/list entry (children) or a leaf (value). */
export interface DNode {
  name: string;
  ns: string;
  value?: string;
  children: DNode[];
}

export type EditOp = "merge" | "replace" | "create" | "delete" | "remove" | "none";
const EDIT_OPS: readonly string[] = ["merge", "replace", "create", "delete", "remove", "none"];

/** A parsed request node: local name, resolved namespace, text, edit operation. */
export interface CNode {
  name: string;
  ns: string;
  value: string;
  op?: EditOp;
  /** Attributes other than namespace declarations, by their name as written. */
  attrs: Record<string, string>;
  children: CNode[];
}

/** Lists of the model and their key leaf; leaf-lists. Matched by local name. */
const LIST_KEYS: Record<string, string> = {
  interface: "name",
  "network-instance": "name",
  vlan: "vlan-id",
  subinterface: "index",
};
const LEAF_LISTS = new Set(["trunk-vlans"]);
/** Top-level containers the server knows, by namespace. */
const TOP_LEVEL: Record<string, string> = {
  interfaces: NS.interfaces,
  "network-instances": NS.networkInstance,
};

/** An rpc-error to send back. */
export class RpcFault extends Error {
  constructor(
    readonly tag: string,
    message: string,
    readonly type: "protocol" | "application" | "rpc" = "application",
    readonly path?: string,
    readonly info: Record<string, string> = {},
  ) {
    super(message);
  }
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
});

type Ordered = Record<string, unknown>;

/** Parses an XML message or fragment into request nodes, resolving namespaces. */
export function parseNodes(xml: string, inheritedNs = ""): CNode[] {
  if (/<!DOCTYPE/i.test(xml)) throw new RpcFault("malformed-message", "DOCTYPE is not allowed.", "rpc");
  const wrapped = `<w>${xml}</w>`;
  const ok = XMLValidator.validate(wrapped);
  if (ok !== true) throw new RpcFault("malformed-message", `Malformed XML: ${ok.err.msg}`, "rpc");
  const root = parser.parse(wrapped) as Ordered[];
  return convert(((root[0]?.w as Ordered[]) ?? []), new Map([["", inheritedNs]]));
}

function convert(nodes: Ordered[], scope: Map<string, string>): CNode[] {
  const out: CNode[] = [];
  for (const n of nodes) {
    const tag = Object.keys(n).find((k) => k !== ":@" && k !== "#text" && !k.startsWith("?"));
    if (tag === undefined) continue;
    const attrs = (n[":@"] ?? {}) as Record<string, string>;
    const local = new Map(scope);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === "@_xmlns") local.set("", String(v));
      else if (k.startsWith("@_xmlns:")) local.set(k.slice(8), String(v));
    }
    const colon = tag.indexOf(":");
    const prefix = colon < 0 ? "" : tag.slice(0, colon);
    const name = colon < 0 ? tag : tag.slice(colon + 1);
    const ns = local.get(prefix);
    if (ns === undefined) throw new RpcFault("unknown-namespace", `Undeclared namespace prefix '${prefix}'.`, "protocol");
    let op: EditOp | undefined;
    for (const [k, v] of Object.entries(attrs)) {
      // `nc:operation` in the base namespace; unprefixed `operation` accepted too (ncclient-built payloads send it so).
      const an = k.slice(2);
      const ai = an.indexOf(":");
      if ((ai < 0 ? an : an.slice(ai + 1)) !== "operation" || an.startsWith("xmlns")) continue;
      if (ai >= 0 && local.get(an.slice(0, ai)) !== NS.base) continue;
      if (!EDIT_OPS.includes(String(v))) throw new RpcFault("bad-attribute", `Unknown edit operation '${String(v)}'.`, "protocol", undefined, { "bad-attribute": "operation", "bad-element": name });
      op = String(v) as EditOp;
    }
    const kids = (n[tag] as Ordered[]) ?? [];
    const value = kids.filter((k) => "#text" in k).map((k) => String(k["#text"])).join("").trim();
    const plain = Object.fromEntries(
      Object.entries(attrs).filter(([k]) => k !== "@_xmlns" && !k.startsWith("@_xmlns:")).map(([k, v]) => [k.slice(2), String(v)]),
    );
    out.push({ name, ns, value, ...(op ? { op } : {}), attrs: plain, children: convert(kids, local) });
  }
  return out;
}

export function emptyRoot(): DNode {
  return { name: "", ns: "", children: [] };
}

export function clone(n: DNode): DNode {
  return { name: n.name, ns: n.ns, ...(n.value !== undefined ? { value: n.value } : {}), children: n.children.map(clone) };
}

function keyOf(n: { children: { name: string; value?: string }[] }, key: string): string | undefined {
  return n.children.find((c) => c.name === key)?.value;
}

function isLeaf(c: CNode): boolean {
  return c.children.length === 0;
}

function materialize(c: CNode): DNode {
  if (isLeaf(c)) return { name: c.name, ns: c.ns, value: c.value, children: [] };
  return { name: c.name, ns: c.ns, children: c.children.filter((k) => k.op !== "delete" && k.op !== "remove").map(materialize) };
}

function describe(c: CNode, path: string): string {
  const key = LIST_KEYS[c.name];
  const kv = key ? keyOf(c, key) : undefined;
  return `${path}/${c.name}${kv !== undefined ? `[${key}='${kv}']` : ""}`;
}

/**
 * Applies edit-config `config` to a copy of `root` and returns the copy;
 * `root` is untouched when the edit fails (nothing half-applied).
 */
export function applyEdit(root: DNode, config: CNode[], defaultOp: "merge" | "replace" | "none"): DNode {
  for (const c of config) {
    const ns = TOP_LEVEL[c.name];
    if (ns === undefined || ns !== c.ns) {
      throw new RpcFault("unknown-element", `Unknown top-level element '${c.name}' in namespace '${c.ns}'.`, "application", `/${c.name}`, { "bad-element": c.name });
    }
  }
  const next = defaultOp === "replace" ? emptyRoot() : clone(root);
  editChildren(next, config, defaultOp === "replace" ? "merge" : defaultOp, "");
  checkValues(next, "");
  return next;
}

function editChildren(parent: DNode, cfg: CNode[], inherited: EditOp, path: string): void {
  for (const c of cfg) {
    const op = c.op ?? inherited;
    const here = describe(c, path);
    if (LEAF_LISTS.has(c.name)) {
      const i = parent.children.findIndex((d) => d.name === c.name && d.value === c.value);
      if (op === "delete" && i < 0) throw new RpcFault("data-missing", `${c.name} ${c.value} does not exist.`, "application", here);
      if (op === "create" && i >= 0) throw new RpcFault("data-exists", `${c.name} ${c.value} already exists.`, "application", here);
      if ((op === "delete" || op === "remove") && i >= 0) parent.children.splice(i, 1);
      if ((op === "merge" || op === "replace" || op === "create") && i < 0) parent.children.push(materialize(c));
      continue;
    }
    const key = LIST_KEYS[c.name];
    let i: number;
    if (key !== undefined) {
      const keyNode = c.children.find((k) => k.name === key);
      if (keyNode === undefined) {
        throw new RpcFault("missing-element", `List entry ${c.name} needs its key ${key}.`, "protocol", here, { "bad-element": key });
      }
      // netconfd refuses an operation on a key leaf (upstream's VLAN delete sends one); so does the simulator.
      if (keyNode.op !== undefined && keyNode.op !== "merge" && keyNode.op !== "none") {
        throw new RpcFault("access-denied", `Operation '${keyNode.op}' on list key ${key} is not allowed; put it on the ${c.name} entry.`, "application", `${here}/${key}`);
      }
      i = parent.children.findIndex((d) => d.name === c.name && keyOf(d, key) === keyNode.value);
    } else {
      i = parent.children.findIndex((d) => d.name === c.name);
    }
    const existing = i >= 0 ? parent.children[i] : undefined;
    switch (op) {
      case "delete":
        if (!existing) throw new RpcFault("data-missing", `${here} does not exist.`, "application", here);
        parent.children.splice(i, 1);
        break;
      case "remove":
        if (existing) parent.children.splice(i, 1);
        break;
      case "create":
        if (existing) throw new RpcFault("data-exists", `${here} already exists.`, "application", here);
        parent.children.push(materialize(c));
        break;
      case "replace":
        if (existing) parent.children[i] = materialize(c);
        else parent.children.push(materialize(c));
        break;
      case "merge":
      case "none": {
        if (isLeaf(c)) {
          // An empty element merged onto a container (`<config/>`) changes nothing.
          if (existing && existing.value === undefined && c.value === "") break;
          // Under default-operation `none` a leaf is neither created nor changed.
          if (op === "merge") {
            if (existing) existing.value = c.value;
            else parent.children.push(materialize(c));
          }
          break;
        }
        let node = existing;
        if (!node) {
          node = { name: c.name, ns: c.ns, children: [] };
          parent.children.push(node);
        }
        editChildren(node, c.children, op, here);
        // Under `none`, a container made only to reach a nested operation that created nothing goes again.
        if (!existing && op === "none" && node.children.length === 0) parent.children.splice(parent.children.indexOf(node), 1);
        break;
      }
    }
  }
}

const VLAN_ID = /^(409[0-4]|40[0-8][0-9]|[1-3][0-9]{3}|[1-9][0-9]{0,2})$/;
const LEAF_RULES: Record<string, (v: string) => boolean> = {
  "vlan-id": (v) => VLAN_ID.test(v),
  "access-vlan": (v) => VLAN_ID.test(v),
  "native-vlan": (v) => VLAN_ID.test(v),
  "trunk-vlans": (v) => VLAN_ID.test(v) || /^\d+\.\.\d+$/.test(v) && v.split("..").every((x) => VLAN_ID.test(x)),
  "interface-mode": (v) => v === "ACCESS" || v === "TRUNK",
  status: (v) => v === "ACTIVE" || v === "SUSPENDED",
  enabled: (v) => v === "true" || v === "false",
  mtu: (v) => /^\d{1,5}$/.test(v) && Number(v) <= 65535,
};

/** Type checks of the OpenConfig leaves the model knows (invalid-value with the leaf's path). */
function checkValues(n: DNode, path: string): void {
  for (const c of n.children) {
    const here = `${path}/${c.name}`;
    const rule = LEAF_RULES[c.name];
    if (c.value !== undefined && rule && !rule(c.value)) {
      throw new RpcFault("invalid-value", `'${c.value}' is not a valid ${c.name}.`, "application", here, { "bad-element": c.name });
    }
    checkValues(c, here);
  }
}

/** Subtree filtering (RFC 6241 §6.2); namespaces are compared at the top level only. */
export function filterTree(data: DNode[], filter: CNode[], top = true): DNode[] | null {
  const matches = filter.filter((f) => isLeaf(f) && f.value !== "");
  for (const m of matches) {
    if (!data.some((d) => d.name === m.name && d.value === m.value)) return null;
  }
  const rest = filter.filter((f) => !matches.includes(f));
  if (rest.length === 0) return data;
  const out: DNode[] = data.filter((d) => matches.some((m) => m.name === d.name && m.value === d.value));
  for (const f of rest) {
    for (const d of data) {
      if (d.name !== f.name || (top && f.ns !== "" && d.ns !== f.ns)) continue;
      if (isLeaf(f)) {
        out.push(d);
        continue;
      }
      const sub = filterTree(d.children, f.children, false);
      if (sub !== null && sub.length > 0 && !out.includes(d)) out.push({ ...d, children: sub });
    }
  }
  return out;
}

/**
 * XML in and out of NETCONF messages, through fast-xml-parser only.
 *
 * Every payload is a tree in fast-xml-parser's `preserveOrder` form
 * (`[{ tag: [children], ":@": { "@_attr": value } }, { "#text": value }]`)
 * and is serialised by its builder, which escapes every text and attribute
 * value. Caller XML (filters, config) is parsed and rebuilt, never spliced in
 * as text, so a fragment cannot close the element it is placed in.
 */
import { XMLBuilder, XMLParser, XMLValidator } from "fast-xml-parser";
import { NetconfInputError, NetconfProtocolError } from "./errors.js";

/** One node of a preserveOrder tree: an element `{ [tag]: XmlNode[], ":@"?: attrs }` or `{ "#text": string }`. */
export type XmlNode = Record<string, unknown>;

export const BASE_NS = "urn:ietf:params:xml:ns:netconf:base:1.0";

const ORDERED = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  commentPropName: false,
} as const;

const orderedParser = new XMLParser(ORDERED);
const builder = new XMLBuilder({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  suppressEmptyNode: true,
  processEntities: true,
});

/** A DTD can define entities (expansion bombs); NETCONF has no use for one. */
const DOCTYPE = /<!DOCTYPE/i;

function checkWellFormed(xml: string, what: string, fail: (msg: string) => Error): void {
  if (DOCTYPE.test(xml)) throw fail(`${what} must not contain a DOCTYPE declaration.`);
  const verdict = XMLValidator.validate(xml);
  if (verdict !== true) {
    throw fail(`${what} is not well-formed XML: ${verdict.err.msg} (line ${verdict.err.line}, column ${verdict.err.col}).`);
  }
}

/**
 * Parses a caller's XML fragment (one or more elements, e.g. a subtree filter
 * or the content of `<config>`) into nodes for `build`. Throws
 * NetconfInputError naming `what` when it is not well-formed or is bare text.
 */
export function parseFragment(xml: string, what: string): XmlNode[] {
  if (typeof xml !== "string") throw new NetconfInputError(`${what} must be an XML string.`);
  const fail = (msg: string) => new NetconfInputError(msg);
  // The validator wants one document; the wrapper is ours and fixed.
  checkWellFormed(`<ngs-fragment>${xml}</ngs-fragment>`, what, fail);
  const root = orderedParser.parse(`<ngs-fragment>${xml}</ngs-fragment>`) as XmlNode[];
  const nodes = (root[0]?.["ngs-fragment"] ?? []) as XmlNode[];
  if (nodes.some((n) => "#text" in n && String(n["#text"]).trim() !== "")) {
    throw new NetconfInputError(`${what} must contain only XML elements, not bare text.`);
  }
  return nodes.filter((n) => !("#text" in n) && !("?xml" in n));
}

/** Parses one message from the server. */
export function parseMessage(xml: string): XmlNode[] {
  checkWellFormed(xml, "A message from the NETCONF server", (msg) => new NetconfProtocolError(msg));
  return (orderedParser.parse(xml) as XmlNode[]).filter((n) => !("?xml" in n));
}

/** Serialises nodes; all text and attribute values are escaped by the builder. */
export function build(nodes: XmlNode[]): string {
  return builder.build(nodes) as string;
}

/** An element node. `children` may be nodes or one text value. */
export function el(tag: string, children: XmlNode[] | string | number = [], attrs: Record<string, string> = {}): XmlNode {
  const kids = typeof children === "object" ? children : [{ "#text": String(children) }];
  const node: XmlNode = { [tag]: kids };
  const entries = Object.entries(attrs);
  if (entries.length) node[":@"] = Object.fromEntries(entries.map(([k, v]) => [`@_${k}`, v]));
  return node;
}

/** The tag of an element node (with any prefix), or undefined for text. */
export function tagOf(node: XmlNode): string | undefined {
  return Object.keys(node).find((k) => k !== ":@" && k !== "#text");
}

/** The local name of a tag (`nc:rpc-reply` → `rpc-reply`). */
export function localName(tag: string): string {
  const i = tag.indexOf(":");
  return i < 0 ? tag : tag.slice(i + 1);
}

export function childrenOf(node: XmlNode): XmlNode[] {
  const tag = tagOf(node);
  return tag === undefined ? [] : ((node[tag] as XmlNode[]) ?? []);
}

export function attrsOf(node: XmlNode): Record<string, string> {
  const raw = (node[":@"] ?? {}) as Record<string, string>;
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k.replace(/^@_/, ""), String(v)]));
}

/** Child elements whose local name is `name`. */
export function children(node: XmlNode, name?: string): XmlNode[] {
  return childrenOf(node).filter((c) => {
    const t = tagOf(c);
    return t !== undefined && (name === undefined || localName(t) === name);
  });
}

export function child(node: XmlNode, name: string): XmlNode | undefined {
  return children(node, name)[0];
}

/** The concatenated text of an element's direct text children. */
export function textOf(node: XmlNode | undefined): string {
  if (!node) return "";
  return childrenOf(node)
    .filter((c) => "#text" in c)
    .map((c) => String(c["#text"]))
    .join("");
}

/**
 * Parses XML into plain objects for reading values (namespace prefixes
 * dropped, attributes as `@_name`, all values strings). For replies'
 * `data`; the result is for reading, not for sending back.
 */
export function parseXml(xml: string): Record<string, unknown> {
  checkWellFormed(`<ngs-fragment>${xml}</ngs-fragment>`, "XML", (msg) => new NetconfInputError(msg));
  return plainParser.parse(xml) as Record<string, unknown>;
}

const plainParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

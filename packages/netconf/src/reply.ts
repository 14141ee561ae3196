/** Reading an rpc-reply: its errors and warnings, and the content of `<data>`. */
import type { RpcErrorInfo } from "./errors.js";
import type { RpcReply } from "./types.js";
import { attrsOf, build, child, children, childrenOf, localName, tagOf, textOf, type XmlNode } from "./xml.js";

export function summariseReply(reply: XmlNode): RpcReply {
  return {
    xml: build([reply]),
    ok: child(reply, "ok") !== undefined,
    warnings: children(reply, "rpc-error").map(errorInfo),
  };
}

export function errorInfo(node: XmlNode): RpcErrorInfo {
  const text = (name: string) => {
    const c = child(node, name);
    return c === undefined ? undefined : textOf(c).trim();
  };
  const infoNode = child(node, "error-info");
  const info = infoNode ? Object.fromEntries(children(infoNode).map((c) => [localName(tagOf(c)!), textOf(c).trim()])) : undefined;
  const e: RpcErrorInfo = {
    type: text("error-type") ?? "",
    tag: text("error-tag") ?? "",
    severity: text("error-severity") ?? "error",
  };
  const appTag = text("error-app-tag");
  const path = text("error-path");
  const message = text("error-message");
  if (appTag) e.appTag = appTag;
  if (path) e.path = path;
  if (message) e.message = message;
  if (info && Object.keys(info).length) e.info = info;
  return e;
}

/** `<data>`'s children as XML, each carrying the namespace declarations it inherited. */
export function innerXml(reply: XmlNode, data: XmlNode): string {
  const inherited = Object.fromEntries(
    [...Object.entries(attrsOf(reply)), ...Object.entries(attrsOf(data))].filter(([k]) => k === "xmlns" || k.startsWith("xmlns:")),
  );
  delete inherited.xmlns; // the base namespace of the envelope is not the data's
  const out: XmlNode[] = childrenOf(data)
    .filter((c) => tagOf(c) !== undefined)
    .map((c) => {
      const own = (c[":@"] ?? {}) as Record<string, string>;
      const extra = Object.fromEntries(Object.entries(inherited).filter(([k]) => !(`@_${k}` in own)).map(([k, v]) => [`@_${k}`, v]));
      return Object.keys(extra).length ? { ...c, ":@": { ...extra, ...own } } : c;
    });
  return build(out);
}

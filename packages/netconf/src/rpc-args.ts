/** Checks and builds the arguments of NETCONF operations (RFC 6241 §7), before anything is sent. */
import { NetconfInputError } from "./errors.js";
import type { Datastore, Filter } from "./types.js";
import { el, parseFragment, type XmlNode } from "./xml.js";

export const DATASTORES: readonly Datastore[] = ["running", "candidate", "startup"];
export const DEFAULT_OPERATIONS = ["merge", "replace", "none"] as const;
export const TEST_OPTIONS = ["test-then-set", "set", "test-only"] as const;
export const ERROR_OPTIONS = ["stop-on-error", "continue-on-error", "rollback-on-error"] as const;
/** A persist token goes into the message as escaped text; this keeps it a plain token too. */
const PERSIST_TOKEN = /^[A-Za-z0-9._:-]{1,128}$/;

/** The `<filter>` of a get/get-config; `need` checks a capability (`:xpath`). */
export function filterNodes(filter: Filter | undefined, need: (capability: string, what: string) => void): XmlNode[] {
  if (filter === undefined) return [];
  if (typeof filter === "string" || "subtree" in filter) {
    const xml = typeof filter === "string" ? filter : filter.subtree;
    return [el("filter", parseFragment(xml, "subtree filter"), { type: "subtree" })];
  }
  need(":xpath", "an XPath filter");
  if (typeof filter.xpath !== "string" || filter.xpath.trim() === "") throw new NetconfInputError("xpath filter must be a non-empty string.");
  const attrs: Record<string, string> = { type: "xpath", select: filter.xpath };
  for (const [prefix, uri] of Object.entries(filter.namespaces ?? {})) {
    if (!/^[A-Za-z_][\w.-]*$/.test(prefix)) throw new NetconfInputError(`xpath namespace prefix '${prefix}' is not a valid XML name.`);
    attrs[`xmlns:${prefix}`] = uri;
  }
  return [el("filter", [], attrs)];
}

export function oneOf<T extends string>(value: string, allowed: readonly T[], what: string): asserts value is T {
  if (!allowed.includes(value as T)) throw new NetconfInputError(`${what} must be one of ${allowed.join(", ")}, got '${value}'.`);
}

export function token(value: string, what: string): string {
  if (typeof value !== "string" || !PERSIST_TOKEN.test(value)) {
    throw new NetconfInputError(`${what} must be 1..128 characters of letters, digits and . _ : -.`);
  }
  return value;
}

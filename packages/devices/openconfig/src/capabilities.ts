/** NETCONF capability URNs by the short names upstream uses (RFC 6241 §8, IANA registry). */
export const NETCONF_CAPABILITIES: Readonly<Record<string, string>> = {
  ":base:1.0": "urn:ietf:params:netconf:base:1.0",
  ":base:1.1": "urn:ietf:params:netconf:base:1.1",
  ":writable-running": "urn:ietf:params:netconf:capability:writable-running:1.0",
  ":candidate": "urn:ietf:params:netconf:capability:candidate:1.0",
  ":confirmed-commit": "urn:ietf:params:netconf:capability:confirmed-commit:1.0",
  ":confirmed-commit:1.1": "urn:ietf:params:netconf:capability:confirmed-commit:1.1",
  ":rollback-on-error": "urn:ietf:params:netconf:capability:rollback-on-error:1.0",
  ":validate": "urn:ietf:params:netconf:capability:validate:1.0",
  ":validate:1.1": "urn:ietf:params:netconf:capability:validate:1.1",
  ":startup": "urn:ietf:params:netconf:capability:startup:1.0",
};

/**
 * The server's hello capabilities as short names (`:candidate`, …) plus
 * the OpenConfig module names it announces (`openconfig-vlan`), as
 * upstream's `process_capabilities` does. A capability matches when it
 * starts with the URN (servers append `?module=…` parameters).
 */
export function processCapabilities(capabilities: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const cap of capabilities) {
    const c = cap.trim();
    for (const [short, urn] of Object.entries(NETCONF_CAPABILITIES)) {
      if (c === urn || c.startsWith(`${urn}?`)) out.add(short);
    }
    if (c.startsWith("http://openconfig.net/yang")) {
      const q = c.indexOf("?");
      const module = q >= 0 ? new URLSearchParams(c.slice(q + 1)).get("module") : null;
      if (module) out.add(module);
    }
  }
  return out;
}

export type Datastore = "candidate" | "running";

/** `ngs_netconf_target`, else candidate when advertised, else writable running, else none. */
export function chooseTarget(configured: Datastore | undefined, caps: ReadonlySet<string>): Datastore | undefined {
  if (configured) return configured;
  if (caps.has(":candidate")) return "candidate";
  if (caps.has(":writable-running")) return "running";
  return undefined;
}

export const hasValidate = (caps: ReadonlySet<string>) => caps.has(":validate") || caps.has(":validate:1.1");
export const hasConfirmedCommit = (caps: ReadonlySet<string>) => caps.has(":confirmed-commit") || caps.has(":confirmed-commit:1.1");

/** Capability URIs and the `:name` shorthand (`:candidate`, `:confirmed-commit:1.1`) upstream's driver uses. */

export const BASE_1_0 = "urn:ietf:params:netconf:base:1.0";
export const BASE_1_1 = "urn:ietf:params:netconf:base:1.1";
const CAP_PREFIX = "urn:ietf:params:netconf:capability:";

/** `urn:ietf:params:netconf:capability:candidate:1.0` → `:candidate:1.0`; others undefined. */
function shortForm(uri: string): string | undefined {
  const bare = uri.split("?")[0]!;
  return bare.startsWith(CAP_PREFIX) ? ":" + bare.slice(CAP_PREFIX.length) : undefined;
}

export class Capabilities {
  /** The URIs as the server sent them. */
  readonly uris: readonly string[];
  /** YANG module names advertised with `?module=` (`openconfig-interfaces`, ...). */
  readonly modules: readonly string[];

  constructor(uris: readonly string[]) {
    this.uris = uris;
    const modules: string[] = [];
    for (const uri of uris) {
      const q = uri.indexOf("?");
      if (q < 0) continue;
      const module = new URLSearchParams(uri.slice(q + 1)).get("module");
      if (module) modules.push(module);
    }
    this.modules = modules;
  }

  /**
   * `:candidate` (any version), `:confirmed-commit:1.1` (that version), a full
   * URI (query ignored) or a YANG module name (`openconfig-vlan`).
   */
  has(name: string): boolean {
    if (name.startsWith(":")) {
      return this.uris.some((uri) => {
        const s = shortForm(uri);
        return s !== undefined && (s === name || s.startsWith(name + ":"));
      });
    }
    if (name.includes(":")) return this.uris.some((uri) => uri.split("?")[0] === name.split("?")[0]);
    return this.modules.includes(name);
  }

  /** The `:name:version` short forms, for logs and error messages. */
  get short(): string[] {
    return this.uris.map(shortForm).filter((s): s is string => s !== undefined);
  }
}

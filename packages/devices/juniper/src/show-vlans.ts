/** One VLAN of Junos `show vlans`: its row plus the indented lines under it. */
export interface JunosVlanEntry {
  name: string;
  tag: number;
  interfaces: string[];
  vni?: number;
}

/**
 * Parse `show vlans` (columns: routing instance, VLAN name, tag, interfaces;
 * member interfaces and a `VNI:` line may follow on indented lines).
 */
export function parseShowVlans(output: string): JunosVlanEntry[] {
  const out: JunosVlanEntry[] = [];
  let cur: JunosVlanEntry | undefined;
  const take = (tokens: string[]) => {
    if (!cur) return;
    for (const t of tokens) if (/^[A-Za-z][\w/:.-]*\.\d+\*?$/.test(t)) cur.interfaces.push(t.replace(/\*$/, ""));
  };
  for (const raw of output.split("\n")) {
    const line = raw.replace(/\r$/, "");
    if (line.trim() === "" || /^\s*Routing instance\b/.test(line) || /^\s*\{[\w:]+\}\s*$/.test(line)) continue;
    const vni = /VNI:\s*(\d+)/.exec(line);
    if (/^\s/.test(line)) {
      if (cur && vni) cur.vni = Number(vni[1]);
      else take(line.trim().split(/[\s,]+/));
      continue;
    }
    const tokens = line.trim().split(/\s+/);
    // `instance name tag [interfaces…]`, or `name tag …` on releases without the instance column.
    const tagAt = tokens.findIndex((t, i) => i > 0 && i <= 2 && /^\d{1,4}$/.test(t));
    if (tagAt < 1) {
      cur = undefined;
      continue;
    }
    cur = { name: tokens[tagAt - 1]!, tag: Number(tokens[tagAt]), interfaces: [] };
    out.push(cur);
    take(tokens.slice(tagAt + 1));
    if (vni) cur.vni = Number(vni[1]);
  }
  return out;
}

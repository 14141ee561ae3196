/** Readers for SONiC show output; they accept the table styles seen across SONiC builds. */

const PORT = /\b(?:Ethernet|Eth|PortChannel|Po|Gi|Te|Fa)\d+/;

/** Table borders, separators, headers and footers. */
function isDecoration(line: string): boolean {
  const t = line.trim();
  return (
    t === "" ||
    /^[+=-]/.test(t) ||
    /VLAN ID/.test(t) ||
    (/\bName\b/.test(t) && /\bMembers\b/.test(t)) ||
    /total count/i.test(t) ||
    (/VLAN/i.test(t) && /VNI/.test(t) && !/\d/.test(t))
  );
}

const cells = (line: string) => line.split("|").map((c) => c.trim());
const isVlanCell = (c: string, vlan: number) => c === String(vlan) || c.toLowerCase() === `vlan${vlan}`;

/** `show vlan N`: true when the VLAN's row lists a member port. */
export function sonicVlanHasPorts(output: string, vlan: number): boolean {
  const mention = new RegExp(`(?:^|[^\\d])(?:Vlan|VLAN)?${vlan}\\b`);
  for (const line of output.split("\n")) {
    if (isDecoration(line) || !mention.test(line)) continue;
    if (line.includes("|")) {
      const c = cells(line);
      const i = c.findIndex((x) => isVlanCell(x, vlan));
      if (i < 0) continue;
      return c.slice(i + 1).some((x) => PORT.test(x));
    }
    return PORT.test(line);
  }
  return false;
}

/** `show vxlan vlanvnimap`: the VNI mapped to `vlan`, if any. */
export function sonicVniOf(output: string, vlan: number): number | undefined {
  const mention = new RegExp(`\\b(?:Vlan|VLAN)?${vlan}\\b`);
  for (const line of output.split("\n")) {
    if (isDecoration(line) || !mention.test(line)) continue;
    if (line.includes("|")) {
      const c = cells(line);
      const i = c.findIndex((x) => isVlanCell(x, vlan));
      if (i >= 0 && /^\d+$/.test(c[i + 1] ?? "")) return Number(c[i + 1]);
      continue;
    }
    const nums = [...line.matchAll(/\d+/g)].map((m) => Number(m[0]));
    const i = nums.indexOf(vlan);
    if (i >= 0 && i + 1 < nums.length) return nums[i + 1];
  }
  return undefined;
}

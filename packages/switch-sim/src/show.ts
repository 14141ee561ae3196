import { formatVlanList } from "./state.js";
import type { SimPortState, SimState } from "./types.js";

/** Default VLAN names as IOS prints them (`VLAN0100`). */
export function vlanName(state: SimState, id: number): string {
  return state.vlans.get(id)?.name ?? `VLAN${String(id).padStart(4, "0")}`;
}

function pad(s: string, n: number): string {
  return s.length >= n ? s + " " : s.padEnd(n);
}

export function portsInVlan(state: SimState, id: number, withTrunks: boolean): string[] {
  const out: string[] = [];
  for (const [name, p] of state.ports) {
    if (p.accessVlan === id || (withTrunks && (p.allowedVlans.includes(id) || p.nativeVlan === id))) out.push(name);
  }
  return out;
}

/** IOS/NX-OS/EOS style `show vlan brief` table. */
export function vlanTable(state: SimState, ids: number[], withTrunks: boolean): string {
  let s = "\nVLAN Name                             Status    Ports\n";
  s += "---- -------------------------------- --------- -------------------------------\n";
  for (const id of ids.sort((a, b) => a - b)) {
    s += `${pad(String(id), 5)}${pad(vlanName(state, id), 33)}${pad("active", 10)}${portsInVlan(state, id, withTrunks).join(", ")}\n`;
  }
  return s;
}

const modeText: Record<SimPortState["mode"], string> = {
  access: "static access",
  trunk: "trunk",
  general: "general",
  none: "dynamic auto",
};

/** IOS style `show interfaces switchport`. */
export function switchportText(state: SimState, names: string[]): string {
  let s = "";
  for (const name of names) {
    const p = state.ports.get(name);
    if (!p) continue;
    const vl = (id: number | null, dflt: string) => (id === null ? dflt : `${id} (${vlanName(state, id)})`);
    s += `Name: ${name}\n`;
    s += `Switchport: Enabled\n`;
    s += `Administrative Mode: ${modeText[p.mode]}\n`;
    s += `Operational Mode: ${p.shutdown ? "down" : modeText[p.mode]}\n`;
    s += `Access Mode VLAN: ${vl(p.accessVlan, "none")}\n`;
    s += `Trunking Native Mode VLAN: ${vl(p.nativeVlan, "1 (default)")}\n`;
    s += `Trunking VLANs Enabled: ${p.allowedVlans.length ? formatVlanList(p.allowedVlans) : "NONE"}\n`;
    s += `Administrative State: ${p.shutdown ? "down" : "up"}\n\n`;
  }
  return s;
}

/** IOS style running configuration of the modelled parts. */
export function runningConfig(state: SimState, hostname: string, onlyPort?: string): string {
  const lines: string[] = [];
  if (onlyPort === undefined) {
    lines.push("Building configuration...", "", "Current configuration:", "!", `hostname ${hostname}`, "!");
    for (const [id, v] of [...state.vlans].sort((a, b) => a[0] - b[0])) {
      lines.push(`vlan ${id}`);
      if (v.name) lines.push(` name ${v.name}`);
      lines.push("!");
    }
  }
  for (const [name, p] of state.ports) {
    if (onlyPort !== undefined && name !== onlyPort) continue;
    lines.push(`interface ${name}`);
    if (p.mode !== "none") lines.push(` switchport mode ${p.mode}`);
    if (p.accessVlan !== null) lines.push(` switchport access vlan ${p.accessVlan}`);
    if (p.nativeVlan !== null) lines.push(` switchport trunk native vlan ${p.nativeVlan}`);
    if (p.allowedVlans.length) lines.push(` switchport trunk allowed vlan ${formatVlanList(p.allowedVlans)}`);
    if (p.shutdown) lines.push(" shutdown");
    lines.push("!");
  }
  if (onlyPort === undefined) lines.push("end");
  return lines.join("\n") + "\n";
}

import type { SimPortState, SimState } from "./types.js";

/** A fresh port: no VLAN membership, administratively up. */
export function emptyPort(): SimPortState {
  return { mode: "none", accessVlan: null, nativeVlan: null, allowedVlans: [], shutdown: false };
}

export function createState(ports: readonly string[] = [], vlans: readonly { id: number; name?: string | null }[] = []): SimState {
  const state: SimState = { vlans: new Map(), ports: new Map() };
  for (const p of ports) state.ports.set(p, emptyPort());
  for (const v of vlans) state.vlans.set(v.id, { name: v.name ?? null });
  return state;
}

/** Ports are created on first mention, like a chassis with every slot populated. */
export function port(state: SimState, name: string): SimPortState {
  let p = state.ports.get(name);
  if (!p) {
    p = emptyPort();
    state.ports.set(name, p);
  }
  return p;
}

export function addVlan(state: SimState, id: number, name?: string | null): void {
  const cur = state.vlans.get(id);
  if (cur) {
    if (name !== undefined) cur.name = name;
  } else {
    state.vlans.set(id, { name: name ?? null });
  }
}

export function deleteVlan(state: SimState, id: number): void {
  state.vlans.delete(id);
}

export function addAllowed(p: SimPortState, ids: readonly number[]): void {
  const set = new Set(p.allowedVlans);
  for (const id of ids) set.add(id);
  p.allowedVlans = [...set].sort((a, b) => a - b);
}

export function removeAllowed(p: SimPortState, ids: readonly number[]): void {
  const drop = new Set(ids);
  p.allowedVlans = p.allowedVlans.filter((v) => !drop.has(v));
}

/** For dialects without an explicit mode keyword (NVUE, SONiC, OVS, ...). */
export function deriveMode(p: SimPortState): void {
  if (p.accessVlan !== null) p.mode = "access";
  else if (p.allowedVlans.length > 0 || p.nativeVlan !== null) p.mode = "trunk";
  else p.mode = "none";
}

/** Parses `10`, `10,20`, `10-12,30` into ids; null when the text is not a VLAN list. */
export function parseVlanList(text: string): number[] | null {
  const out: number[] = [];
  for (const part of text.split(",")) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) return null;
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (a < 1 || b > 4094 || b < a) return null;
    for (let i = a; i <= b; i++) out.push(i);
  }
  return out;
}

/** `[1,2,3,7]` → `1-3,7`. */
export function formatVlanList(ids: readonly number[]): string {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j === i ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(",");
}

export function cloneState(state: SimState): SimState {
  const copy: SimState = { vlans: new Map(), ports: new Map() };
  for (const [id, v] of state.vlans) copy.vlans.set(id, { ...v });
  for (const [name, p] of state.ports) copy.ports.set(name, { ...p, allowedVlans: [...p.allowedVlans] });
  return copy;
}

/** Replaces the content of `target` in place, so references held by tests stay valid. */
export function assignState(target: SimState, source: SimState): void {
  const fresh = cloneState(source);
  target.vlans.clear();
  target.ports.clear();
  for (const [k, v] of fresh.vlans) target.vlans.set(k, v);
  for (const [k, v] of fresh.ports) target.ports.set(k, v);
}

/** Stable, comparable JSON-friendly view of a state (sorted). */
export function snapshotState(state: SimState): {
  vlans: { id: number; name: string | null }[];
  ports: Record<string, SimPortState>;
} {
  const vlans = [...state.vlans].sort((a, b) => a[0] - b[0]).map(([id, v]) => ({ id, name: v.name }));
  const ports: Record<string, SimPortState> = {};
  for (const name of [...state.ports.keys()].sort()) {
    const p = state.ports.get(name)!;
    ports[name] = { ...p, allowedVlans: [...p.allowedVlans] };
  }
  return { vlans, ports };
}

/** State changes the Linux-shell flavours stage and apply as one (NVUE, NCLU pending buffers). */
import { cloneState } from "../../state.js";
import type { SimState } from "../../types.js";

export type Op = (s: SimState) => void;

function replaceState(target: SimState, next: SimState): void {
  target.vlans.clear();
  target.ports.clear();
  for (const [k, v] of next.vlans) target.vlans.set(k, v);
  for (const [k, v] of next.ports) target.ports.set(k, v);
}

export function applyOps(target: SimState, ops: Op[]): void {
  const next = cloneState(target);
  for (const op of ops) op(next);
  replaceState(target, next);
}

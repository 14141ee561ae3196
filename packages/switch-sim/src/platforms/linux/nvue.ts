/** The NVUE (Cumulus Linux 5.x `nv set` / `nv config apply`) flavour of the simulated Linux shell. */
import { words } from "../../dialect.js";
import { addAllowed, addVlan, deleteVlan, deriveMode, formatVlanList, parseVlanList, port, removeAllowed } from "../../state.js";
import { applyOps, type Op } from "./ops.js";
import type { ShellCtx, ShellFlavor } from "../linux-shell.js";

/** Parses one `nv set|unset` line into a state change; a string is the error text. */
function parseNv(w: string[]): Op | string {
  const set = w[1] === "set";
  const a = w.slice(2);
  const bad = `Error: Invalid parameter: ${a.join(" ")}`;
  if (a[0] === "bridge" && a[1] === "domain" && a[2] === "br_default" && a[3] === "vlan") {
    if (a[4] === undefined) return set ? bad : (s) => s.vlans.clear();
    const ids = parseVlanList(a[4]);
    if (!ids) return `Error: Invalid parameter: vlan ${a[4]}`;
    if (a.length > 5) return () => {}; // vni maps, flooding: accepted, not modelled
    return (s) => ids.forEach((id) => (set ? addVlan(s, id) : deleteVlan(s, id)));
  }
  if (a[0] === "interface" && a[1] !== undefined) {
    const name = a[1];
    const r = a.slice(2);
    if (r[0] === "link" && r[1] === "state" && (r[2] === "up" || r[2] === "down" || !set)) {
      return (s) => void (port(s, name).shutdown = set && r[2] === "down");
    }
    if (r[0] === "bridge" && r[1] === "domain" && r[2] === "br_default") {
      const key = r[3];
      const val = r[4];
      if (key === undefined) {
        if (set) return () => void 0;
        return (s) => {
          const p = port(s, name);
          p.accessVlan = null;
          p.nativeVlan = null;
          p.allowedVlans = [];
          deriveMode(p);
        };
      }
      const ids = val === undefined ? null : parseVlanList(val);
      if (set && !ids) return bad;
      if (key === "access") {
        if (set && ids!.length !== 1) return bad;
        return (s) => {
          const p = port(s, name);
          p.accessVlan = set ? ids![0]! : null;
          deriveMode(p);
        };
      }
      if (key === "untagged") {
        return (s) => {
          const p = port(s, name);
          if (set) p.nativeVlan = ids![0]!;
          else if (!ids || ids.includes(p.nativeVlan ?? -1)) p.nativeVlan = null;
          deriveMode(p);
        };
      }
      if (key === "vlan") {
        return (s) => {
          const p = port(s, name);
          if (set) addAllowed(p, ids!);
          else if (ids) removeAllowed(p, ids);
          else p.allowedVlans = [];
          deriveMode(p);
        };
      }
      return bad;
    }
    if (r[0] === "description" || r[0] === "type" || r[0] === "bond" || r[0] === "evpn") return () => {};
    return bad;
  }
  if (/^(nve|system|router|vrf|evpn|service|qos|acl)$/.test(a[0] ?? "")) return () => {};
  return bad;
}

function nvShow(ctx: ShellCtx, w: string[]): void {
  const json = w.includes("-o") && w[w.indexOf("-o") + 1] === "json";
  const a = w.slice(2).filter((x, i, arr) => x !== "-o" && arr[i - 1] !== "-o");
  const s = ctx.state;
  if (a[0] === "bridge" && a[1] === "domain" && a[2] === "br_default" && a[3] === "vlan-vni-map") return ctx.out(json ? "{}" : "");
  if (a[0] === "bridge" && a[1] === "domain" && a[2] === "br_default" && a[3] === "vlan") {
    if (a[4] !== undefined) {
      const id = Number(a[4]);
      if (!s.vlans.has(id)) return ctx.out("Error: The requested item does not exist.");
      const ports: Record<string, object> = {};
      for (const [n, p] of s.ports) if (p.accessVlan === id || p.allowedVlans.includes(id) || p.nativeVlan === id) ports[n] = {};
      return ctx.out(json ? JSON.stringify({ port: ports, vni: {} }, null, 2) : `port\n${Object.keys(ports).map((p) => `  ${p}`).join("\n")}`);
    }
    const all: Record<string, object> = {};
    for (const id of [...s.vlans.keys()].sort((x, y) => x - y)) all[String(id)] = {};
    return ctx.out(json ? JSON.stringify(all, null, 2) : Object.keys(all).join("\n"));
  }
  if (a[0] === "interface" && a[1] !== undefined) {
    const p = s.ports.get(a[1]);
    if (!p) return ctx.out("Error: The requested item does not exist.");
    const d = {
      access: p.accessVlan ?? undefined,
      untagged: p.nativeVlan ?? undefined,
      vlan: p.allowedVlans.length ? Object.fromEntries(p.allowedVlans.map((v) => [String(v), {}])) : undefined,
    };
    return ctx.out(json ? JSON.stringify(d, null, 2) : `access: ${d.access ?? "none"}\nuntagged: ${d.untagged ?? "none"}\nvlan: ${formatVlanList(p.allowedVlans) || "none"}`);
  }
  return ctx.out(`Error: Invalid parameter: ${a.join(" ")}`);
}

export const nvue: ShellFlavor = {
  platform: "cumulus_nvue",
  defaultHostname: "cumulus",
  banner: "Linux cumulus 6.1.0-cl-1-amd64 #1 SMP Debian (Cumulus Linux 5.9, simulated by ngs switch-sim)\n",
  promptInfix: "mgmt:",
  open: (ctx) => {
    const pending: string[] = [];
    const ops: Op[] = [];
    let rev = 0;
    return async (line) => {
      const w = words(line);
      if (w[0] === "vtysh") return true; // FRR EVPN config: accepted, not modelled
      if (w[0] !== "nv") return false;
      const sub = w[1];
      if (sub === "set" || sub === "unset") {
        const op = parseNv(w);
        if (typeof op === "string") ctx.out(op);
        else {
          ops.push(op);
          pending.push(line);
        }
        return true;
      }
      if (sub === "config" && w[2] === "apply") {
        if (!w.includes("-y") && !w.includes("--assume-yes")) {
          const a = (await ctx.shell.ask("Are you sure? [y/N] ")).trim();
          if (!/^y/i.test(a)) {
            ctx.out("Aborted apply.");
            return true;
          }
        }
        applyOps(ctx.state, ops);
        ops.length = 0;
        pending.length = 0;
        ctx.shell.commit();
        ctx.out(`applied [rev_id: ${++rev}]`);
        return true;
      }
      if (sub === "config" && w[2] === "save") {
        await ctx.shell.save();
        ctx.out("saved");
        return true;
      }
      if (sub === "config" && w[2] === "diff") {
        ctx.out(pending.map((l) => `- ${l.replace(/^nv /, "")}`).join("\n"));
        return true;
      }
      if (sub === "config" && w[2] === "detach") {
        ops.length = 0;
        pending.length = 0;
        return true;
      }
      if (sub === "show") {
        nvShow(ctx, w);
        return true;
      }
      ctx.out(`Error: Invalid parameter: ${w.slice(1).join(" ")}`);
      return true;
    };
  },
};

/** The Open vSwitch `ovs-vsctl` flavour of the simulated Linux shell. */
import { words } from "../../dialect.js";
import { port } from "../../state.js";
import type { SimState } from "../../types.js";
import type { ShellFlavor } from "../linux-shell.js";

interface OvsPort {
  tag: number | null;
  trunks: number[];
  vlanMode: string | null;
}

/** SimPortState from OVS's Port columns. */
function ovsDerive(s: SimState, name: string, o: OvsPort): void {
  const p = port(s, name);
  p.allowedVlans = [...o.trunks].sort((a, b) => a - b);
  p.accessVlan = null;
  p.nativeVlan = null;
  const mode = o.vlanMode ?? (o.tag !== null ? "access" : o.trunks.length ? "trunk" : null);
  if (mode === "access") {
    p.mode = "access";
    p.accessVlan = o.tag;
  } else if (mode === "native-untagged" || mode === "native-tagged") {
    p.mode = "trunk";
    p.nativeVlan = o.tag;
  } else if (mode === "trunk") p.mode = "trunk";
  else p.mode = "none";
}

function ovsValue(raw: string): string {
  return raw.replace(/^"(.*)"$/, "$1");
}

export const ovs: ShellFlavor = {
  platform: "ovs_linux",
  defaultHostname: "ovs",
  banner: "Linux ovs 6.1.0 #1 SMP x86_64 (Open vSwitch, simulated by ngs switch-sim)\n",
  open: (ctx) => {
    const table = ctx.shared<Map<string, OvsPort>>("ovs.ports", () => new Map());
    const bridges = ctx.shared<Map<string, Map<string, string>>>("ovs.bridges", () => new Map([["genericswitch", new Map()]]));
    const rec = (name: string): OvsPort => {
      let r = table.get(name);
      if (!r) {
        r = { tag: null, trunks: [], vlanMode: null };
        table.set(name, r);
      }
      return r;
    };
    for (const name of ctx.state.ports.keys()) rec(name);
    const noRow = (name: string, t = "Port") => ctx.out(`ovs-vsctl: no row "${name}" in table ${t}`);
    const bridge = (name: string): Map<string, string> => {
      let b = bridges.get(name);
      if (!b) bridges.set(name, (b = new Map()));
      return b;
    };
    const listPort = (name: string, r: OvsPort) =>
      `_uuid               : 00000000-0000-4000-8000-${String(name.length).padStart(12, "0")}\nname                : ${name}\ntag                 : ${r.tag ?? "[]"}\ntrunks              : [${r.trunks.join(", ")}]\nvlan_mode           : ${r.vlanMode ?? "[]"}\n`;
    return (line) => {
      const w = words(line).filter((x) => !/^--(may-exist|if-exists|timeout=\d+)$/.test(x));
      if (w[0] !== "ovs-vsctl") return false;
      const [verb, table_, name] = [w[1], w[2], w[3]];
      const args = w.slice(4);
      if (table_ === "bridge" && name !== undefined) {
        const b = bridge(name);
        if (verb === "set") {
          for (const a of args) {
            const m = /^external_ids:([^=]+)=(.*)$/.exec(a);
            if (m) b.set(ovsValue(m[1]!), ovsValue(m[2]!));
          }
          return true;
        }
        if (verb === "remove" && args[0] === "external_ids") {
          for (const k of args.slice(1)) b.delete(ovsValue(k));
          return true;
        }
        if (verb === "get" && args[0] === "external_ids") {
          ctx.out(`{${[...b].map(([k, v]) => `${k.includes("-") ? `"${k}"` : k}="${v}"`).join(", ")}}`);
          return true;
        }
      }
      if (verb === "list" && table_ === "port") {
        if (name !== undefined) {
          const r = table.get(name);
          if (!r) return noRow(name), true;
          ctx.out(listPort(name, r));
        } else ctx.out([...table].map(([n, r]) => listPort(n, r)).join("\n"));
        return true;
      }
      if (verb === "list-br") return ctx.out([...bridges.keys()].join("\n")), true;
      if (verb === "list-ports") return ctx.out([...table.keys()].join("\n")), true;
      if (verb === "show") {
        ctx.out([...bridges.keys()].map((b) => `    Bridge ${b}\n` + [...table].map(([n, r]) => `        Port ${n}\n` + (r.tag !== null ? `            tag: ${r.tag}\n` : "") + `            Interface ${n}\n`).join("")).join(""));
        return true;
      }
      if (verb === "add-br" && table_ !== undefined) return bridge(table_), true;
      if (verb === "add-port" && name !== undefined) {
        rec(name);
        ovsDerive(ctx.state, name, rec(name));
        return true;
      }
      if (verb === "del-port") {
        const n = name ?? table_!;
        table.delete(n);
        ctx.state.ports.delete(n);
        return true;
      }
      if (table_ !== "port" || name === undefined) {
        ctx.out(`ovs-vsctl: unknown command '${verb ?? ""}'; use --help for help`);
        return true;
      }
      const r = rec(name);
      const num = (t: string) => (/^\d+$/.test(t) && Number(t) <= 4095 ? Number(t) : null);
      if (verb === "get") {
        const col = args[0];
        ctx.out(col === "tag" ? String(r.tag ?? "[]") : col === "trunks" ? `[${r.trunks.join(", ")}]` : col === "vlan_mode" ? (r.vlanMode ?? "[]") : `ovs-vsctl: Port does not contain a column whose name matches "${col}"`);
        return true;
      }
      if (verb === "set") {
        for (const a of args) {
          const m = /^(tag|vlan_mode|trunks)=(.*)$/.exec(a);
          if (!m) continue; // other columns: accepted, not modelled
          const v = ovsValue(m[2]!);
          if (m[1] === "tag") {
            const t = num(v);
            if (t === null) return ctx.out(`ovs-vsctl: "${v}" is not a valid integer`), true;
            r.tag = t;
          } else if (m[1] === "vlan_mode") {
            if (!/^(access|trunk|native-tagged|native-untagged|dot1q-tunnel)$/.test(v)) {
              return ctx.out(`ovs-vsctl: constraint violation: ${v} is not one of the allowed values ([access, dot1q-tunnel, native-tagged, native-untagged, trunk])`), true;
            }
            r.vlanMode = v;
          } else {
            const ids = v.replace(/^\[|\]$/g, "").split(/[,\s]+/).filter(Boolean).map(num);
            if (ids.some((x) => x === null)) return ctx.out(`ovs-vsctl: "${v}" is not a valid integer`), true;
            r.trunks = [...new Set(ids as number[])];
          }
        }
      } else if (verb === "clear") {
        for (const col of args) {
          if (col === "tag") r.tag = null;
          else if (col === "trunks") r.trunks = [];
          else if (col === "vlan_mode") r.vlanMode = null;
        }
      } else if ((verb === "add" || verb === "remove") && args[0] === "trunks") {
        const ids = args.slice(1).map(num);
        if (ids.some((x) => x === null)) return ctx.out(`ovs-vsctl: "${args.slice(1).join(" ")}" is not a valid integer`), true;
        if (verb === "add") r.trunks = [...new Set([...r.trunks, ...(ids as number[])])];
        else r.trunks = r.trunks.filter((t) => !ids.includes(t));
      } else {
        ctx.out(`ovs-vsctl: unknown command '${verb ?? ""}'; use --help for help`);
        return true;
      }
      ovsDerive(ctx.state, name, r);
      return true;
    };
  },
};

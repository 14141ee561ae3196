import { words } from "../dialect.js";
import { vlanName } from "../show.js";
import { addAllowed, addVlan, cloneState, deleteVlan, deriveMode, formatVlanList, parseVlanList, port, removeAllowed } from "../state.js";
import type { SimState } from "../types.js";
import type { ShellCtx, ShellFlavor } from "./linux-shell.js";

type Op = (s: SimState) => void;

function replaceState(target: SimState, next: SimState): void {
  target.vlans.clear();
  target.ports.clear();
  for (const [k, v] of next.vlans) target.vlans.set(k, v);
  for (const [k, v] of next.ports) target.ports.set(k, v);
}

function applyOps(target: SimState, ops: Op[]): void {
  const next = cloneState(target);
  for (const op of ops) op(next);
  replaceState(target, next);
}

// ---------------------------------------------------------------- NVUE

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

// ---------------------------------------------------------------- NCLU

export const nclu: ShellFlavor = {
  platform: "cumulus",
  defaultHostname: "cumulus",
  banner: "Linux cumulus 4.19.0-cl-1-amd64 #1 SMP Cumulus 4.19.149-1+cl4.4u1 (simulated by ngs switch-sim)\n",
  open: (ctx) => {
    // NCLU keeps one pending buffer for the whole switch.
    const pending = ctx.shared<{ lines: string[]; ops: Op[] }>("nclu", () => ({ lines: [], ops: [] }));
    return async (line) => {
      const w = words(line);
      if (w[0] === "vtysh") return true;
      if (w[0] !== "net") return false;
      const add = w[1] === "add";
      if (add || w[1] === "del") {
        const a = w.slice(2);
        let op: Op | null = null;
        if (a[0] === "vlan" && a[1] !== undefined && a.length === 2) {
          const ids = parseVlanList(a[1]);
          if (ids) op = (s) => ids.forEach((id) => (add ? addVlan(s, id) : deleteVlan(s, id)));
        } else if ((a[0] === "interface" || a[0] === "bond") && a[1] !== undefined) {
          const name = a[1];
          const r = a.slice(2).join(" ");
          let m: RegExpExecArray | null;
          if (r === "link down") op = (s) => void (port(s, name).shutdown = add);
          else if ((m = /^bridge access( (\d+))?$/.exec(r)) && (m[2] || !add)) {
            const id = m[2] ? Number(m[2]) : null;
            op = (s) => {
              const p = port(s, name);
              if (add) p.accessVlan = id;
              else if (id === null || p.accessVlan === id) p.accessVlan = null;
              deriveMode(p);
            };
          } else if ((m = /^bridge vids (\S+)$/.exec(r))) {
            const ids = parseVlanList(m[1]!);
            if (ids) op = (s) => {
              const p = port(s, name);
              if (add) addAllowed(p, ids);
              else removeAllowed(p, ids);
              deriveMode(p);
            };
          } else if ((m = /^bridge pvid (\d+)$/.exec(r))) {
            const id = Number(m[1]);
            op = (s) => {
              const p = port(s, name);
              p.nativeVlan = add ? id : null;
              deriveMode(p);
            };
          } else if (/^(alias|mtu|bond-slaves|clag-id)\b/.test(r)) op = () => {};
        } else if (/^(bgp|bridge|loopback|hostname|time|dns)$/.test(a[0] ?? "")) op = () => {};
        if (!op) {
          ctx.out("ERROR: Command not found.\n\nnet add|del ...: see 'net help'");
          return true;
        }
        pending.ops.push(op);
        pending.lines.push(line);
        return true;
      }
      if (w[1] === "commit") {
        if (pending.ops.length === 0) {
          ctx.out("There are no pending changes.");
          return true;
        }
        applyOps(ctx.state, pending.ops);
        pending.ops.length = 0;
        pending.lines.length = 0;
        ctx.shell.commit();
        await ctx.shell.save();
        ctx.out("net add/del commands since the last \"net commit\"\n================================================");
        return true;
      }
      if (w[1] === "abort") {
        pending.ops.length = 0;
        pending.lines.length = 0;
        return true;
      }
      if (w[1] === "pending") {
        ctx.out(pending.lines.join("\n"));
        return true;
      }
      if (w[1] === "show" && w[2] === "bridge" && w[3] === "vlan") {
        let out = "Interface  VLAN  Flags\n---------  ----  ---------------------\n";
        for (const [n, p] of ctx.state.ports) {
          if (p.accessVlan !== null) out += `${n.padEnd(11)}${String(p.accessVlan).padEnd(6)}PVID, Egress Untagged\n`;
          for (const v of p.allowedVlans) out += `${n.padEnd(11)}${String(v).padEnd(6)}\n`;
        }
        ctx.out(out);
        return true;
      }
      ctx.out("ERROR: Command not found.");
      return true;
    };
  },
};

// ---------------------------------------------------------------- SONiC

const SONIC_PORT = /^(Ethernet\d+|PortChannel\d+|Eth\d+(\/\d+)+)$/;

export const sonic: ShellFlavor = {
  platform: "sonic",
  defaultHostname: "sonic",
  banner: "Debian GNU/Linux 11 (SONiC Software Version: SONiC.master, simulated by ngs switch-sim)\n",
  open: (ctx) => (line) => {
    const w = words(line);
    const s = ctx.state;
    if (w[0] === "config") {
      if (!ctx.isRoot()) {
        ctx.out("Root privileges are required for this operation");
        return true;
      }
      return sonicConfig(ctx, w, line);
    }
    if (w[0] === "show" && w[1] === "vlan") {
      if (w[2] === "brief" || w[2] === undefined || w[2] === "config" || /^\d+$/.test(w[2])) {
        const only = w[2] !== undefined && /^\d+$/.test(w[2]) ? Number(w[2]) : null;
        let out = "+-----------+--------------+-----------+----------------+-------------+\n";
        out += "|   VLAN ID | IP Address   | Ports     | Port Tagging   | Proxy ARP   |\n";
        out += "+===========+==============+===========+================+=============+\n";
        for (const id of [...s.vlans.keys()].sort((a, b) => a - b)) {
          if (only !== null && id !== only) continue;
          const members: [string, string][] = [];
          for (const [n, p] of s.ports) {
            if (p.accessVlan === id) members.push([n, "untagged"]);
            else if (p.allowedVlans.includes(id)) members.push([n, "tagged"]);
          }
          if (members.length === 0) members.push(["", ""]);
          members.forEach(([n, t], i) => {
            out += `| ${(i === 0 ? String(id) : "").padStart(9)} | ${"".padEnd(12)} | ${n.padEnd(9)} | ${t.padEnd(14)} | ${(i === 0 ? "disabled" : "").padEnd(11)} |\n`;
          });
          out += "+-----------+--------------+-----------+----------------+-------------+\n";
        }
        ctx.out(out);
        return true;
      }
    }
    if (w[0] === "show" && w[1] === "vxlan") {
      ctx.out("+--------+-------+-------+\n| VLAN   | VNI   | VTEP  |\n+========+=======+=======+\n+--------+-------+-------+\nTotal count : 0");
      return true;
    }
    if (/^(acl-loader|vtysh|rm|base64|gunzip)$/.test(w[0] ?? "") || /^echo -n /.test(line)) return true;
    return false;
  },
};

function sonicConfig(ctx: ShellCtx, w: string[], line: string): boolean | Promise<boolean> {
  const s = ctx.state;
  const invalidId = "Error: Invalid Vlan Id , Valid Range : 1 to 4094";
  const vid = (t: string | undefined): number | null => {
    const n = Number(t);
    return t !== undefined && /^\d+$/.test(t) && n >= 1 && n <= 4094 ? n : null;
  };
  if (w[1] === "vlan" && (w[2] === "add" || w[2] === "del") && w.length === 4) {
    const id = vid(w[3]);
    if (id === null) return void ctx.out(invalidId), true;
    if (w[2] === "add") {
      if (s.vlans.has(id)) ctx.out(`Error: Vlan${id} already exists`);
      else addVlan(s, id);
    } else if (!s.vlans.has(id)) ctx.out(`Error: Vlan${id} does not exist`);
    else if ([...s.ports.values()].some((p) => p.accessVlan === id || p.allowedVlans.includes(id))) {
      ctx.out(`Error: VLAN ID ${id} can not be removed. First remove all members assigned to this VLAN.`);
    } else deleteVlan(s, id);
    return true;
  }
  if (w[1] === "vlan" && w[2] === "member" && (w[3] === "add" || w[3] === "del")) {
    const args = w.slice(4);
    const untagged = args.some((a) => a === "-u" || a === "--untagged");
    const pos = args.filter((a) => !a.startsWith("-"));
    if (pos.length !== 2) return void ctx.out(`Usage: config vlan member ${w[3]} [OPTIONS] <vid> port\nTry "config vlan member ${w[3]} -h" for help.\n\nError: Missing argument "port".`), true;
    const id = vid(pos[0]);
    const name = pos[1]!;
    if (id === null) return void ctx.out(invalidId), true;
    if (!s.vlans.has(id)) return void ctx.out(`Error: Vlan${id} doesn't exist`), true;
    if (!SONIC_PORT.test(name)) return void ctx.out("Error: Interface name is invalid!!"), true;
    const p = port(s, name);
    const member = p.accessVlan === id || p.allowedVlans.includes(id);
    if (w[3] === "add") {
      if (member) return void ctx.out(`Error: ${name} is already a member of Vlan${id}`), true;
      if (untagged) {
        if (p.accessVlan !== null) return void ctx.out(`Error: ${name} is already untagged member of Vlan${p.accessVlan}`), true;
        p.accessVlan = id;
      } else addAllowed(p, [id]);
    } else {
      if (!member) return void ctx.out(`Error: ${name} is not a member of Vlan${id}`), true;
      if (p.accessVlan === id) p.accessVlan = null;
      removeAllowed(p, [id]);
    }
    deriveMode(p);
    return true;
  }
  if (w[1] === "switchport" && w[2] === "mode" && w.length === 5) {
    const mode = w[3];
    const name = w[4]!;
    if (!SONIC_PORT.test(name)) return void ctx.out("Error: Interface name is invalid!!"), true;
    if (mode !== "access" && mode !== "trunk" && mode !== "routed") return void ctx.out(`Error: Invalid value for "<mode>": invalid choice: ${mode}`), true;
    port(s, name).mode = mode === "routed" ? "none" : mode;
    return true;
  }
  if (w[1] === "interface" && (w[2] === "shutdown" || w[2] === "startup") && w[3] !== undefined) {
    if (!SONIC_PORT.test(w[3])) return void ctx.out("Error: Interface name is invalid!!"), true;
    port(s, w[3]).shutdown = w[2] === "shutdown";
    return true;
  }
  if (w[1] === "save") {
    return (async () => {
      if (!w.includes("-y") && !w.includes("--yes")) {
        const a = (await ctx.shell.ask("Existing files will be overwritten, continue? [y/N]: ")).trim();
        if (!/^y/i.test(a)) {
          ctx.out("Aborted!");
          return true;
        }
      }
      await ctx.shell.save();
      ctx.out("Running command: /usr/local/bin/sonic-cfggen -d --print-data > /etc/sonic/config_db.json");
      return true;
    })();
  }
  if (/^(vxlan|acl|interface|portchannel|loopback|bgp)$/.test(w[1] ?? "")) return true;
  ctx.out(`Usage: config [OPTIONS] COMMAND [ARGS]...\nTry "config -h" for help.\n\nError: No such command "${w[1] ?? ""}".`);
  void line;
  return true;
}

// ---------------------------------------------------------------- OVS

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

// ---------------------------------------------------------------- fake

/** The command set of upstream's `netmiko_fake` driver, modelled for demos. */
export const fake: ShellFlavor = {
  platform: "fake",
  defaultHostname: "fake",
  banner: "ngs fake switch (simulated)\n",
  open: (ctx) => (line) => {
    const s = ctx.state;
    let m: RegExpExecArray | null;
    if ((m = /^add network (\d+)$/.exec(line))) return addVlan(s, Number(m[1])), true;
    if ((m = /^delete network (\d+)$/.exec(line))) return deleteVlan(s, Number(m[1])), true;
    if ((m = /^plug port (\S+) to network (\d+)$/.exec(line))) {
      const p = port(s, m[1]!);
      p.accessVlan = Number(m[2]);
      deriveMode(p);
      return true;
    }
    if ((m = /^delete port (\S+)$/.exec(line))) {
      const p = port(s, m[1]!);
      p.accessVlan = null;
      p.nativeVlan = null;
      p.allowedVlans = [];
      deriveMode(p);
      return true;
    }
    if ((m = /^add network (\d+) to trunk (\S+)$/.exec(line))) {
      const p = port(s, m[2]!);
      addAllowed(p, [Number(m[1])]);
      deriveMode(p);
      return true;
    }
    if ((m = /^remove network (\d+) from trunk (\S+)$/.exec(line))) {
      const p = port(s, m[2]!);
      removeAllowed(p, [Number(m[1])]);
      deriveMode(p);
      return true;
    }
    if ((m = /^(enable|disable) (\S+)$/.exec(line))) return void (port(s, m[2]!).shutdown = m[1] === "disable"), true;
    if (/security group/.test(line)) return true;
    if (line === "show vlans") {
      ctx.out([...s.vlans.keys()].sort((a, b) => a - b).map((id) => `${id} ${vlanName(s, id)}`).join("\n"));
      return true;
    }
    return false;
  },
};

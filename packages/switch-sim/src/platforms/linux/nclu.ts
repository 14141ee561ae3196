/** The NCLU (Cumulus Linux 3.x/4.x `net add` / `net commit`) flavour of the simulated Linux shell. */
import { words } from "../../dialect.js";
import { addAllowed, addVlan, deleteVlan, deriveMode, parseVlanList, port, removeAllowed } from "../../state.js";
import { applyOps, type Op } from "./ops.js";
import type { ShellFlavor } from "../linux-shell.js";

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

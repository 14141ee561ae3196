/** The SONiC's `config` command flavour of the simulated Linux shell. */
import { words } from "../../dialect.js";
import { addAllowed, addVlan, deleteVlan, deriveMode, port, removeAllowed } from "../../state.js";
import type { ShellCtx, ShellFlavor } from "../linux-shell.js";

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

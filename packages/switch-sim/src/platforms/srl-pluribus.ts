import { splitPipe, words, type Dialect, type DialectSession, type Shell } from "../dialect.js";
import { addVlan, cloneState, deleteVlan, deriveMode, port } from "../state.js";
import type { SimState } from "../types.js";

type Op = (s: SimState) => void;

// ---------------------------------------------------------------- Nokia SR Linux

function parseSrl(line: string): Op | string {
  const w = words(line.replace(/^(set|delete)\s+\/\s*/, "$1 "));
  const set = w[0] === "set";
  const a = w.slice(1);
  let m: RegExpExecArray | null;
  if (a[0] === "network-instance" && a[1] !== undefined) {
    const vrf = /^mac-vrf-(\d+)$/.exec(a[1]);
    if (!vrf) return () => {};
    const id = Number(vrf[1]);
    if (a.length === 2) {
      if (set) return () => {};
      return (s) => {
        deleteVlan(s, id);
        for (const p of s.ports.values()) {
          if (p.accessVlan === id) {
            p.accessVlan = null;
            deriveMode(p);
          }
        }
      };
    }
    if (a[2] === "type" && a[3] === "mac-vrf") return set ? (s) => addVlan(s, id) : () => {};
    if (a[2] === "description") return (s) => s.vlans.has(id) && addVlan(s, id, set ? (a[3] ?? null) : null);
    if (a[2] === "interface" && a[3] !== undefined && (m = /^(.+)\.(\d+)$/.exec(a[3]))) {
      const name = m[1]!;
      return (s) => {
        const p = port(s, name);
        if (set) p.accessVlan = id;
        else if (p.accessVlan === id) p.accessVlan = null;
        deriveMode(p);
      };
    }
    return () => {};
  }
  if (a[0] === "interface" && a[1] !== undefined) {
    const name = a[1];
    if (a[2] === "admin-state" && (a[3] === "enable" || a[3] === "disable")) return (s) => void (port(s, name).shutdown = a[3] === "disable");
    return (s) => void port(s, name);
  }
  if (/^(tunnel-interface|system|routing-policy|acl|qos)$/.test(a[0] ?? "")) return () => {};
  return `Parsing error: Unknown token '${a[0] ?? ""}'. Options are ['acl', 'interface', 'network-instance', 'qos', 'routing-policy', 'system', 'tunnel-interface']`;
}

class SrlSession implements DialectSession {
  private candidate = false;
  private ops: Op[] = [];
  constructor(private readonly shell: Shell) {}

  private get unsaved(): boolean {
    return this.shell.sw.extra.get("srl.unsaved") === true;
  }

  banner(): string {
    return "Using configuration file(s): []\nWelcome to the srlinux CLI (simulated by ngs switch-sim).\nType 'help' (and press <ENTER>) if you need any help using this.\n";
  }

  prompt(): string {
    const flags = (this.unsaved ? "+" : "") + (this.ops.length ? "*" : "");
    const f = flags ? ` ${flags}` : "";
    const mode = this.candidate ? `candidate private private-${this.shell.username}` : "running";
    return `\n--{${f} ${mode} }--[  ]--\nA:${this.shell.sw.hostname}# `;
  }

  private out(t: string): void {
    if (t) this.shell.write(t.endsWith("\n") ? t : t + "\n");
  }

  async run(line: string): Promise<void> {
    const { cmd } = splitPipe(line);
    if (/^environment\b/.test(cmd)) return;
    if (/^(quit|exit|logout)$/.test(cmd)) {
      if (this.candidate) {
        this.candidate = false;
        this.ops = [];
        return;
      }
      return this.shell.end();
    }
    if (/^enter candidate( private| shared)?$/.test(cmd)) {
      this.candidate = true;
      return;
    }
    if (cmd === "enter running") {
      this.candidate = false;
      this.ops = [];
      return;
    }
    if (cmd === "save startup") {
      await this.shell.save();
      this.shell.sw.extra.set("srl.unsaved", false);
      return this.out("/system:\n    Saved current running configuration as initial (startup) configuration '/etc/opt/srlinux/config.json'");
    }
    if (this.candidate) {
      if (/^(set|delete)\s/.test(cmd)) {
        const op = parseSrl(cmd);
        if (typeof op === "string") return this.out(op);
        this.ops.push(op);
        return;
      }
      if (/^commit (stay|now|save)$/.test(cmd)) {
        const next = cloneState(this.shell.sw.state);
        for (const op of this.ops) op(next);
        const st = this.shell.sw.state;
        st.vlans.clear();
        st.ports.clear();
        for (const [k, v] of next.vlans) st.vlans.set(k, v);
        for (const [k, v] of next.ports) st.ports.set(k, v);
        this.ops = [];
        this.shell.commit();
        this.shell.sw.extra.set("srl.unsaved", true);
        if (cmd === "commit now") {
          this.candidate = false;
          return this.out("All changes have been committed. Leaving candidate mode.");
        }
        return this.out("All changes have been committed. Starting new transaction.");
      }
      if (/^discard (stay|now)$/.test(cmd)) {
        this.ops = [];
        if (cmd === "discard now") this.candidate = false;
        return;
      }
    }
    if (/^(info|show)\b/.test(cmd)) {
      const s = this.shell.sw.state;
      const lines: string[] = [];
      for (const [id, v] of [...s.vlans].sort((a, b) => a[0] - b[0])) {
        lines.push(`    network-instance mac-vrf-${id} {`, "        type mac-vrf", ...(v.name ? [`        description ${v.name}`] : []));
        for (const [n, p] of s.ports) if (p.accessVlan === id) lines.push(`        interface ${n}.${id} {`, "        }");
        lines.push("    }");
      }
      return this.out(lines.join("\n"));
    }
    return this.out(`Parsing error: Unknown token '${words(cmd)[0]}'. Options are ['back', 'bash', 'commit', 'delete', 'diff', 'discard', 'enter', 'info', 'quit', 'save', 'set', 'show']`);
  }
}

export const srl: Dialect = { platform: "nokia_srl", defaultHostname: "srl", open: (shell) => new SrlSession(shell) };

// ---------------------------------------------------------------- Pluribus Netvisor

class PluribusSession implements DialectSession {
  constructor(private readonly shell: Shell) {}
  banner(): string {
    return "Netvisor OS Command Line Interface (simulated by ngs switch-sim)\nConnected to Switch " + this.shell.sw.hostname + "; nvOS Identifier:0x1; Ver: 7.0.0\n";
  }
  prompt(): string {
    return `CLI (${this.shell.username}@${this.shell.sw.hostname}) > `;
  }
  private out(t: string): void {
    if (t) this.shell.write(t.endsWith("\n") ? t : t + "\n");
  }
  run(line: string): void {
    const s = this.shell.sw.state;
    let m: RegExpExecArray | null;
    if (/^(exit|quit)$/.test(line)) return this.shell.end();
    if (/^pager (off|on)$/.test(line)) return;
    if ((m = /^vlan-create id (\d+)\b(.*)$/.exec(line))) {
      const id = Number(m[1]);
      if (s.vlans.has(id)) return this.out(`vlan-create: vlan ${id} already exists`);
      const d = /\bdescription (\S+)/.exec(m[2]!);
      addVlan(s, id, d ? d[1]! : null);
      return this.out(`Vlan ${id} created`);
    }
    if ((m = /^vlan-delete id (\d+)$/.exec(line))) {
      const id = Number(m[1]);
      if (!s.vlans.has(id)) return this.out(`vlan-delete: vlan ${id} not found`);
      deleteVlan(s, id);
      return;
    }
    if ((m = /^vlan-port-remove vlan-range all ports (\S+)$/.exec(line))) {
      const p = port(s, m[1]!);
      p.accessVlan = null;
      p.nativeVlan = null;
      p.allowedVlans = [];
      deriveMode(p);
      return;
    }
    if ((m = /^port-vlan-add port (\S+) untagged-vlan (\d+)$/.exec(line))) {
      const p = port(s, m[1]!);
      p.accessVlan = Number(m[2]);
      deriveMode(p);
      return;
    }
    if (/^vlan-show\b/.test(line)) {
      return this.out(["id   description", ...[...s.vlans].sort((a, b) => a[0] - b[0]).map(([id, v]) => `${String(id).padEnd(5)}${v.name ?? ""}`)].join("\n"));
    }
    return this.out(`${words(line)[0]}: command not found`);
  }
}

export const pluribus: Dialect = { platform: "pluribus", defaultHostname: "sw1", open: (shell) => new PluribusSession(shell) };

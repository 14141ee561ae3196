import { splitPipe, wordColumn, words, type Dialect, type DialectSession, type Shell } from "../dialect.js";
import { addAllowed, addVlan, cloneState, emptyPort, parseVlanList, port, removeAllowed } from "../state.js";
import type { SimState } from "../types.js";

type Op = (s: SimState) => void;

const IGNORED_HIERARCHIES = /^(system|protocols|routing-options|policy-options|switch-options|chassis|snmp|firewall|class-of-service|routing-instances|forwarding-options|groups|apply-groups)$/;

function vlanIdByName(s: SimState, name: string): number | undefined {
  for (const [id, v] of s.vlans) if (v.name === name) return id;
  return undefined;
}

/** Members are ids, ranges, or VLAN names (resolved against the state at commit). */
function resolveMembers(s: SimState, items: string[]): number[] {
  const out: number[] = [];
  for (const it of items) {
    const ids = parseVlanList(it);
    if (ids) out.push(...ids);
    else {
      const id = vlanIdByName(s, it);
      if (id !== undefined) out.push(id);
    }
  }
  return out;
}

/** Parses one `set`/`delete` line into a state change; a string is the syntax error word index. */
export function parseJunosEdit(line: string): Op | number | null {
  const w = words(line.replace(/[[\]]/g, " "));
  const verb = w[0];
  const isSet = verb === "set";
  if (!isSet && verb !== "delete") return null;
  const top = w[1];
  if (top === undefined) return 1;
  if (IGNORED_HIERARCHIES.test(top)) return () => {};
  if (top === "vlans") {
    const name = w[2];
    if (name === undefined) return isSet ? 2 : (s) => s.vlans.clear();
    if (w.length === 3) {
      if (isSet) return 3;
      return (s) => {
        const id = vlanIdByName(s, name);
        if (id !== undefined) s.vlans.delete(id);
      };
    }
    if (w[3] === "vlan-id") {
      if (!isSet) return () => {};
      const id = Number(w[4]);
      if (!Number.isInteger(id) || id < 1 || id > 4094 || w.length !== 5) return 4;
      return (s) => {
        const old = vlanIdByName(s, name);
        if (old !== undefined && old !== id) s.vlans.delete(old);
        addVlan(s, id, name);
      };
    }
    if (/^(description|vxlan|vrf-target|l3-interface|interface)$/.test(w[3]!)) return () => {};
    return 3;
  }
  if (top === "interfaces") {
    const p = w[2];
    if (p === undefined) return 2;
    const rest = w.slice(3);
    if (rest.length === 0) {
      if (isSet) return 3;
      return (s) => void s.ports.set(p, emptyPort());
    }
    if (rest[0] === "disable" && rest.length === 1) return (s) => void (port(s, p).shutdown = isSet);
    if (rest[0] === "native-vlan-id") {
      const id = Number(rest[1]);
      if (isSet && (!Number.isInteger(id) || id < 1 || id > 4094)) return 4;
      return (s) => void (port(s, p).nativeVlan = isSet ? id : null);
    }
    if (/^(description|mtu|ether-options|speed|gigether-options)$/.test(rest[0]!)) return () => {};
    // unit 0 family ethernet-switching ...
    if (rest[0] !== "unit" || rest[1] === undefined) return 3;
    const fam = rest.slice(2);
    if (fam.length === 0) return isSet ? 5 : (s) => void s.ports.set(p, { ...emptyPort(), shutdown: port(s, p).shutdown });
    if (fam[0] !== "family" || fam[1] !== "ethernet-switching") {
      return fam[0] === "family" || fam[0] === "description" ? () => {} : 5;
    }
    const sw = fam.slice(2);
    if (sw.length === 0) return isSet ? () => {} : (s) => void s.ports.set(p, { ...emptyPort(), shutdown: port(s, p).shutdown });
    if (sw[0] === "interface-mode" || sw[0] === "port-mode") {
      if (!isSet) return (s) => void (port(s, p).mode = port(s, p).accessVlan !== null ? "access" : "none");
      const mode = sw[1];
      if (mode !== "access" && mode !== "trunk") return 8;
      return (s) => {
        const pt = port(s, p);
        if (mode === "trunk" && pt.mode !== "trunk") {
          if (pt.accessVlan !== null) addAllowed(pt, [pt.accessVlan]);
          pt.accessVlan = null;
        } else if (mode === "access" && pt.mode === "trunk") {
          pt.accessVlan = pt.allowedVlans[0] ?? null;
          pt.allowedVlans = [];
        }
        pt.mode = mode;
      };
    }
    if (sw[0] === "vlan" && sw[1] === "members") {
      const items = sw.slice(2);
      if (isSet && items.length === 0) return 9;
      return (s) => {
        const pt = port(s, p);
        if (!isSet && items.length === 0) {
          pt.accessVlan = null;
          pt.allowedVlans = [];
          if (pt.mode === "access") pt.mode = "none";
          return;
        }
        const ids = resolveMembers(s, items);
        if (isSet) {
          if (pt.mode === "trunk") addAllowed(pt, ids);
          else {
            pt.mode = "access";
            pt.accessVlan = ids[ids.length - 1] ?? pt.accessVlan;
          }
        } else {
          removeAllowed(pt, ids);
          if (pt.accessVlan !== null && ids.includes(pt.accessVlan)) {
            pt.accessVlan = null;
            if (pt.mode === "access") pt.mode = "none";
          }
        }
      };
    }
    return 7;
  }
  return 1;
}

/** `set` lines that rebuild the modelled part of a state. */
function displaySet(s: SimState): string {
  const lines: string[] = [];
  for (const [id, v] of [...s.vlans].sort((a, b) => a[0] - b[0])) lines.push(`set vlans ${v.name ?? `vlan${id}`} vlan-id ${id}`);
  for (const [name, p] of s.ports) {
    if (p.shutdown) lines.push(`set interfaces ${name} disable`);
    if (p.nativeVlan !== null) lines.push(`set interfaces ${name} native-vlan-id ${p.nativeVlan}`);
    const base = `set interfaces ${name} unit 0 family ethernet-switching`;
    if (p.mode === "trunk") lines.push(`${base} interface-mode trunk`);
    const members = p.mode === "trunk" ? p.allowedVlans : p.accessVlan !== null ? [p.accessVlan] : [];
    for (const m of members) lines.push(`${base} vlan members ${m}`);
  }
  return lines.join("\n") + (lines.length ? "\n" : "");
}

function showVlans(s: SimState): string {
  let out = "Routing instance        VLAN name             Tag          Interfaces\n";
  for (const [id, v] of [...s.vlans].sort((a, b) => a[0] - b[0])) {
    const members: string[] = [];
    for (const [name, p] of s.ports) {
      if (p.accessVlan === id || p.allowedVlans.includes(id) || p.nativeVlan === id) members.push(`${name}.0*`);
    }
    // Like Junos, a name too long for its column still gets one space before the tag.
    const name = v.name ?? `vlan${id}`;
    out += `default-switch          ${name.length >= 22 ? `${name} ` : name.padEnd(22)}${String(id).padEnd(13)}\n`;
    if (members.length === 0) out += `                                                           \n`;
    for (const m of members) out += `                                                           ${m}\n`;
  }
  return out;
}

/**
 * What differs between Junos and a Junos-like dialect: its texts. The
 * built-in `juniper` model is `junosDialect(junosBase)`; a platform-kit
 * `junosLike` platform gets its own prompt characters, config and commit
 * commands, session-preparation lines and error text (see `derived.ts`).
 */
export interface JunosSpec {
  platform: string;
  banner: string;
  promptChars: { user: string; enabled: string };
  /** Group 1, when present, is ` private` / ` exclusive`. */
  configEnter: RegExp;
  configExit: RegExp;
  commit: RegExp;
  commitOutput: string;
  /** Extra lines accepted silently in operational mode (a dialect's own session preparation). */
  quietLines: RegExp[];
  /** The message under the `^` marker; `kind` is Junos's own wording. */
  invalid(kind: "unknown command." | "syntax error." | "syntax error, expecting <command>."): string;
}

export const junosBase: JunosSpec = {
  platform: "juniper",
  banner: "--- JUNOS 21.4R3 (simulated by ngs switch-sim)\n",
  promptChars: { user: ">", enabled: "#" },
  configEnter: /^configure( private| exclusive)?$/,
  configExit: /^(exit|quit)( configuration-mode)?$/,
  commit: /^commit( comment ".*"| synchronize)*$|^commit confirmed( \d+)?$/,
  commitOutput: "commit complete",
  quietLines: [],
  invalid: (kind) => kind,
};

class JunosSession implements DialectSession {
  private config = false;
  /** root lands in the FreeBSD shell and needs `cli`, like a real Junos box. */
  private inShell: boolean;
  private readonly rootLogin: boolean;
  private pending: Op[] = [];
  private readonly state: SimState;

  constructor(
    private readonly spec: JunosSpec,
    private readonly shell: Shell,
  ) {
    this.state = shell.sw.state;
    this.rootLogin = shell.username === "root";
    this.inShell = this.rootLogin;
  }

  banner(): string {
    return this.spec.banner;
  }

  prompt(): string {
    const who = `${this.shell.username}@${this.shell.sw.hostname}`;
    if (this.inShell) return `${who}:RE:0% `;
    const { user, enabled } = this.spec.promptChars;
    return this.config ? `\n[edit]\n${who}${enabled} ` : `${who}${user} `;
  }

  private out(text: string): void {
    if (text) this.shell.write(text.endsWith("\n") ? text : text + "\n");
  }

  private error(line: string, word: number, kind: Parameters<JunosSpec["invalid"]>[0]): void {
    const promptLen = this.prompt().split("\n").pop()!.length;
    this.out(`${" ".repeat(promptLen + wordColumn(line, word))}^\n${this.spec.invalid(kind)}`);
  }

  async run(line: string): Promise<void> {
    if (this.inShell) {
      if (line === "cli") this.inShell = false;
      else if (/^(exit|logout)$/.test(line)) this.shell.end();
      else this.out(`${line.split(/\s+/)[0]}: Command not found.`);
      return;
    }
    if (this.config) return this.runConfig(line);
    return this.runOp(line);
  }

  private candidate(): SimState {
    const c = cloneState(this.state);
    for (const op of this.pending) op(c);
    return c;
  }

  private runOp(line: string): void {
    const { cmd, filter } = splitPipe(line);
    const w = words(cmd);
    if (/^(exit|quit|logout)$/.test(cmd)) {
      if (this.rootLogin) {
        this.inShell = true;
        return;
      }
      return this.shell.end();
    }
    if (cmd === "cli") return;
    let m: RegExpExecArray | null;
    if ((m = /^set cli screen-width (\d+)$/.exec(cmd))) return this.out(`Screen width set to ${m[1]}`);
    if ((m = /^set cli screen-length (\d+)$/.exec(cmd))) return this.out(`Screen length set to ${m[1]}`);
    if (/^set cli complete-on-space off$/.test(cmd)) return this.out("Disabling complete-on-space");
    if (/^set cli complete-on-space on$/.test(cmd)) return this.out("Enabling complete-on-space");
    if (this.spec.quietLines.some((re) => re.test(cmd))) return;
    if ((m = this.spec.configEnter.exec(cmd))) {
      this.config = true;
      this.pending = [];
      if (m[1] === " private") this.out("warning: uncommitted changes will be discarded on exit");
      return this.out("Entering configuration mode");
    }
    if (w[0] === "show") {
      if (w[1] === "vlans") return this.out(filter(showVlans(this.state)));
      if (w[1] === "configuration") return this.out(filter(displaySet(this.state)));
      if (w[1] === "version") return this.out(`Hostname: ${this.shell.sw.hostname}\nModel: ex4300-48t\nJunos: 21.4R3 (simulated)`);
      return this.error(line, 1, "syntax error, expecting <command>.");
    }
    return this.error(line, 0, "unknown command.");
  }

  private async runConfig(line: string): Promise<void> {
    const { cmd, filter } = splitPipe(line);
    if (/^(set|delete)\b/.test(cmd)) {
      const op = parseJunosEdit(cmd);
      if (typeof op === "number") return this.error(line, op, "syntax error.");
      if (op) this.pending.push(op);
      return;
    }
    if (this.spec.commit.test(cmd) || cmd === "commit and-quit") {
      this.apply();
      this.out(this.spec.commitOutput);
      if (cmd === "commit and-quit") {
        this.config = false;
        this.out("Exiting configuration mode");
      }
      return;
    }
    if (cmd === "commit check") return this.out("configuration check succeeds");
    if (/^rollback( 0)?$/.test(cmd)) {
      this.pending = [];
      return this.out("load complete");
    }
    if (this.spec.configExit.test(cmd)) {
      if (this.pending.length > 0) {
        const answer = (await this.shell.ask("Exit with uncommitted changes? [yes,no] (yes) ")).trim();
        if (answer !== "" && !/^y(es)?$/i.test(answer)) return;
        this.pending = [];
      }
      this.config = false;
      return this.out("Exiting configuration mode");
    }
    if (/^(top|up)$/.test(cmd)) return;
    if (cmd === "show" || cmd === "show | display set") return this.out(filter(displaySet(this.candidate())));
    if (/^show\b/.test(cmd)) return this.out(filter(displaySet(this.candidate())));
    if (/^run\s+/.test(cmd)) {
      const saved = this.config;
      this.config = false;
      this.runOp(line.replace(/^run\s+/, ""));
      this.config = saved;
      return;
    }
    if (cmd === "status") return this.out(`Users currently editing the configuration:\n  ${this.shell.username} terminal p0 (private)`);
    return this.error(line, 0, "unknown command.");
  }

  /** Replays this session's edits onto the running state (private-mode merge). */
  private apply(): void {
    const next = cloneState(this.state);
    for (const op of this.pending) op(next);
    this.state.vlans.clear();
    this.state.ports.clear();
    for (const [k, v] of next.vlans) this.state.vlans.set(k, v);
    for (const [k, v] of next.ports) this.state.ports.set(k, v);
    this.pending = [];
    this.shell.commit();
  }
}

export function junosDialect(spec: JunosSpec): Dialect {
  return { platform: spec.platform, defaultHostname: "sw1", open: (shell) => new JunosSession(spec, shell) };
}

export const junos: Dialect = junosDialect(junosBase);


import { splitPipe, wordColumn, words, type Dialect, type DialectSession, type Shell } from "../dialect.js";
import { runningConfig, switchportText, vlanTable } from "../show.js";
import { addAllowed, addVlan, deleteVlan, parseVlanList, port, removeAllowed } from "../state.js";
import type { SimState } from "../types.js";

/** Where a session of an IOS-like CLI is. */
type Sub =
  | { kind: "if"; port: string }
  | { kind: "vlan"; id: number }
  | { kind: "ifvlan"; id: number } // OS10 / FTOS `interface vlan N`
  | { kind: "vlandb" } // PowerConnect `vlan database`
  | { kind: "other"; label: string }; // modes whose content is accepted but not modelled

type Level = "user" | "enable" | "config";

export interface SaveSpec {
  /** Commands that save, e.g. `write mem`. */
  commands: RegExp;
  /** Level the command runs at. */
  level: "enable" | "config";
  /** A confirmation question; the answer must match `yes` for the save to happen. */
  confirm?: { question: string; yes: RegExp; aborted: string };
  output: string;
}

/** Everything that differs between IOS-like platforms, as data. */
export interface IosSpec {
  platform: string;
  defaultHostname: string;
  /** Lands at `#` after login. */
  startEnabled: boolean;
  banner: string;
  /** Text inside the parentheses of a config prompt. */
  label(sub: Sub | null): string;
  /** Prompt from hostname, level and label; default `host>`/`host#`/`host(label)#`. */
  prompt?(host: string, level: Level, label: string): string;
  /** Paging/width commands and their reply (accepted in any mode). */
  paging: [RegExp, string][];
  configEnter: RegExp;
  configBanner: string;
  save: SaveSpec;
  /** Error for an unknown command, given the prompt and the line. */
  invalid(prompt: string, line: string, word: number): string;
  enableDenied: string;
  /** The enable command, when not IOS's `enable` (a derived dialect). */
  enableCommand?: RegExp;
  /** Leaves config mode from anywhere besides `end` (a derived dialect). */
  configExit?: RegExp;
  /** Enable asks no password even when a secret is configured (Mellanox). */
  enableNoPassword?: boolean;
  /** `show` works in config mode without `do`. */
  showInConfig: boolean;
  /** First-login question (with `loginQuestions`); an answer not matching `proceed` hangs up. */
  loginQuestion?: { question: string; proceed: RegExp };
  /** PowerConnect: `User Name:` / `Password:` asked inside the shell (with `loginQuestions`). */
  inbandLogin?: boolean;
  /** Which VLAN/port syntax this platform speaks. */
  syntax: {
    /** `vlan N` enters a VLAN sub-mode (IOS, EOS, NX-OS, AOS-CX, Brocade with `by port`). */
    vlanCommand: boolean;
    /** `interface vlan N` creates a VLAN (OS10, FTOS). */
    interfaceVlan: boolean;
    /** Brocade `vlan N by port`, `untagged ether P`. */
    brocade?: boolean;
    /** FTOS `untagged P` / `tagged P` inside `interface vlan N`. */
    ftos?: boolean;
    /** OS10: `switchport trunk allowed vlan N` adds instead of replacing. */
    additiveAllowed?: boolean;
    /** AOS-CX `vlan access N`, `vlan trunk allowed N`. */
    aruba?: boolean;
    /** PowerConnect `vlan database`. */
    vlanDatabase?: boolean;
    /** Mellanox `interface ethernet 1/1` names the port `1/1`. */
    ethernetPrefix?: boolean;
    /** IOS prints a note and creates the VLAN when an access VLAN does not exist. */
    createsAccessVlan?: boolean;
  };
}

/** Commands accepted everywhere in config mode without being modelled. */
const LENIENT = /^(no )?(description|spanning-tree|mtu|speed|duplex|lldp|load-interval|switchport$|routing$|ip (port )?access-group|(ip|ipv6|mac) access-list|flowcontrol|storm-control|channel-group|negotiation)\b/;
/** VLAN sub-mode commands accepted without being modelled (VXLAN mapping, state). */
const VLAN_LENIENT = /^(no )?(vn-segment|state|shutdown|mtu)\b/;
/** Commands that open a sub-mode whose content is not modelled (ACLs, EVPN, BGP, NVE). */
const OTHER_MODES: [RegExp, string][] = [
  [/^ip access-list (standard |extended )?\S+/, "config-acl"],
  [/^(ipv6|mac) access-list \S+/, "config-acl"],
  [/^router bgp \d+/, "config-router-bgp"],
  [/^evpn$/, "config-evpn"],
  [/^interface (nve|vxlan)\S*$/i, "config-if-nve"],
];

export function iosFamily(spec: IosSpec): Dialect {
  return {
    platform: spec.platform,
    defaultHostname: spec.defaultHostname,
    open: (shell) => new IosSession(spec, shell),
  };
}

class IosSession implements DialectSession {
  private level: Level;
  private sub: Sub | null = null;
  private readonly state: SimState;

  constructor(
    private readonly spec: IosSpec,
    private readonly shell: Shell,
  ) {
    this.level = spec.startEnabled || shell.sw.privileged ? "enable" : "user";
    this.state = shell.sw.state;
  }

  banner(): string {
    return this.spec.banner;
  }

  async login(): Promise<boolean> {
    const sw = this.shell.sw;
    if (this.spec.inbandLogin && sw.inbandLogin) {
      const user = await this.shell.ask("User Name:");
      const pass = await this.shell.ask("Password:", { echo: false });
      if (user.trim() !== sw.username || sw.password === undefined || pass !== sw.password) {
        sw.counters.authFailures++;
        this.out("% Authentication failed.");
        return false;
      }
      return true;
    }
    const q = this.spec.loginQuestion;
    if (!q || !sw.loginQuestions) return true;
    return q.proceed.test((await this.shell.ask(q.question)).trim());
  }

  prompt(): string {
    const host = this.shell.sw.hostname;
    const label = this.level === "config" ? this.spec.label(this.sub) : "";
    if (this.spec.prompt) return this.spec.prompt(host, this.level, label);
    if (this.level === "user") return `${host}>`;
    if (this.level === "enable") return `${host}#`;
    return `${host}(${label})#`;
  }

  private out(text: string): void {
    this.shell.write(text.endsWith("\n") || text === "" ? text : text + "\n");
  }

  private invalid(line: string, word = 0): void {
    this.out(this.spec.invalid(this.prompt(), line, word));
  }

  async run(line: string): Promise<void> {
    if (line === "\x1a") {
      if (this.level === "config") this.toExec();
      return;
    }
    for (const [re, reply] of this.spec.paging) {
      if (re.test(line)) return this.out(reply);
    }
    if (this.level === "config") return this.runConfig(line);
    return this.runExec(line);
  }

  private toExec(): void {
    this.level = "enable";
    this.sub = null;
  }

  private async runExec(line: string): Promise<void> {
    const l = line.toLowerCase();
    if (/^(exit|logout|quit)$/.test(l)) return this.shell.end();
    if (/^en(a(b(le?)?)?)?$/.test(l) || this.spec.enableCommand?.test(l)) return this.enable();
    if (/^disable$/.test(l)) {
      this.level = "user";
      return;
    }
    if (/^show\s/.test(l) || l === "show") return this.show(line);
    if (this.level === "user") return this.invalid(line);
    if (this.spec.configEnter.test(l)) {
      this.level = "config";
      this.sub = null;
      return this.out(this.spec.configBanner);
    }
    if (this.spec.save.level === "enable" && this.spec.save.commands.test(l)) return this.save();
    if (/^(end)$/.test(l)) return;
    return this.invalid(line);
  }

  private async enable(): Promise<void> {
    if (this.level !== "user") return;
    const secret = this.shell.sw.secret;
    if (secret !== undefined && !this.spec.enableNoPassword) {
      const answer = await this.shell.ask("Password: ", { echo: false });
      if (answer !== secret) return this.out(this.spec.enableDenied);
    }
    this.level = "enable";
  }

  private async save(): Promise<void> {
    const c = this.spec.save.confirm;
    if (c) {
      const answer = await this.shell.ask(c.question);
      if (!c.yes.test(answer.trim())) return this.out(c.aborted);
    }
    await this.shell.save();
    this.out(this.spec.save.output);
  }

  private show(line: string): void {
    const { cmd, filter } = splitPipe(line);
    const w = words(cmd.toLowerCase());
    const s = this.state;
    let out: string | null = null;
    const arg = (i: number) => w[i];
    if (arg(1) === "vlan" || arg(1) === "vlans") {
      if (w.length === 2 || arg(2) === "brief" || arg(2) === "all") out = vlanTable(s, [...s.vlans.keys()], false);
      else if (arg(2) === "id" && arg(3) !== undefined) {
        const id = Number(arg(3));
        out = s.vlans.has(id) ? vlanTable(s, [id], true) : `VLAN ${arg(3)} not found in current VLAN database\n`;
      }
    } else if (/^int/.test(arg(1) ?? "")) {
      const rest = words(cmd).slice(2);
      if (rest.length === 0 || rest[0] === "switchport") out = switchportText(s, [...s.ports.keys()]);
      else if (rest[rest.length - 1] === "switchport") out = switchportText(s, [this.portName(rest.slice(0, -1).join(" "))]);
      else out = this.showInterface(this.portName(rest.join(" ").replace(/^(ether|ethernet)\s+/i, "")));
    } else if (/^run/.test(arg(1) ?? "")) {
      const i = words(cmd).findIndex((x, k) => k > 1 && /^int/.test(x));
      out = runningConfig(s, this.shell.sw.hostname, i > 0 ? this.portName(words(cmd).slice(i + 1).join(" ")) : undefined);
    } else if (arg(1) === "version") {
      out = `${this.spec.platform} simulated switch (ngs switch-sim)\n`;
    } else if (/^(ip|ipv6|access-lists|vxlan|nve|evpn|bgp|lldp|mac|spanning-tree|clock|users)$/.test(arg(1) ?? "")) {
      out = ""; // tables the simulator does not model are shown empty
    }
    if (out === null) return this.invalid(line, 1);
    this.out(filter(out));
  }

  private showInterface(name: string): string {
    if (/^(vxlan|nve)/i.test(name)) return `${name} is up, line protocol is up (connected)\n  Static VLAN to VNI mapping is not configured\n`;
    const p = this.state.ports.get(name);
    if (!p) return `Invalid input -> ${name}\n`;
    let s = `${name} is ${p.shutdown ? "disabled" : "up"}, line protocol is ${p.shutdown ? "down" : "up"}\n`;
    if (p.mode === "trunk" || p.allowedVlans.length > 0) {
      s += `  Member of ${p.allowedVlans.length + (p.accessVlan ? 1 : 0)} L2 VLANs, port is tagged, port state is FORWARDING\n`;
    } else {
      s += `  Member of L2 VLAN ID ${p.accessVlan ?? 1}, port is untagged, port state is FORWARDING\n`;
    }
    return s;
  }

  private portName(raw: string): string {
    const t = raw.trim();
    if (this.spec.syntax.ethernetPrefix) return t.replace(/^ethernet\s+/i, "");
    return t;
  }

  private async runConfig(line: string): Promise<void> {
    const l = line.toLowerCase();
    const syn = this.spec.syntax;
    if (l === "end" || this.spec.configExit?.test(l)) return this.toExec();
    if (l === "exit") {
      if (this.sub) this.sub = null;
      else this.toExec();
      return;
    }
    if (l.startsWith("do ")) return this.runExec(line.slice(3).trim());
    if (this.spec.save.level === "config" && this.spec.save.commands.test(l)) return this.save();
    if (/^show\b/.test(l) && this.spec.showInConfig) return this.show(line);
    const sub = this.sub;

    // Mode changes that work from config or any sub-mode.
    let m: RegExpExecArray | null;
    const inOther = sub?.kind === "other";
    if (sub?.kind !== "vlandb") {
      for (const [re, label] of OTHER_MODES) {
        if (re.test(line)) {
          this.sub = { kind: "other", label };
          return;
        }
      }
      if (syn.vlanDatabase && l === "vlan database") {
        this.sub = { kind: "vlandb" };
        return;
      }
      if (syn.interfaceVlan && (m = /^interface vlan\s*(\d+)$/i.exec(line))) {
        const id = Number(m[1]);
        addVlan(this.state, id);
        this.sub = { kind: "ifvlan", id };
        return;
      }
      if (syn.interfaceVlan && (m = /^no interface vlan\s*(\d+)$/i.exec(line))) {
        deleteVlan(this.state, Number(m[1]));
        return;
      }
      if ((m = /^interface\s+(.+)$/i.exec(line)) && !/^interface range\b/i.test(line)) {
        const name = this.portName(m[1]!);
        port(this.state, name);
        this.sub = { kind: "if", port: name };
        return;
      }
      // Inside BGP and similar modes `vlan N` means something else.
      if (!inOther && syn.vlanCommand && (m = /^vlan\s+(\d+)(\s+by\s+port)?$/i.exec(line))) {
        const id = Number(m[1]);
        addVlan(this.state, id);
        this.sub = { kind: "vlan", id };
        return;
      }
      if (!inOther && syn.vlanCommand && (m = /^no vlan\s+([\d,-]+)$/i.exec(line))) {
        const ids = parseVlanList(m[1]!);
        if (!ids) return this.invalid(line, 2);
        for (const id of ids) deleteVlan(this.state, id);
        return;
      }
    }
    if (LENIENT.test(l) && sub?.kind !== "vlan" && sub?.kind !== "ifvlan") return;
    if (sub?.kind === "other") return; // content of unmodelled modes is accepted
    if (sub?.kind === "vlandb") {
      if ((m = /^(no )?vlan\s+([\d,-]+)$/i.exec(line))) {
        const ids = parseVlanList(m[2]!);
        if (!ids) return this.invalid(line, m[1] ? 2 : 1);
        for (const id of ids) {
          if (m[1]) deleteVlan(this.state, id);
          else addVlan(this.state, id);
        }
        return;
      }
      return this.invalid(line);
    }
    if (sub?.kind === "vlan" || sub?.kind === "ifvlan") {
      if ((m = /^(name|description)\s+(.+)$/i.exec(line))) {
        addVlan(this.state, sub.id, m[2]!.trim());
        return;
      }
      if (VLAN_LENIENT.test(l)) return;
      if ((m = /^no (name|description)\b/i.exec(line))) {
        addVlan(this.state, sub.id, null);
        return;
      }
      if (syn.brocade || syn.ftos) {
        const re = syn.brocade ? /^(no\s+)?(untagged|tagged)\s+(?:ether|ethernet|e)\s+(.+)$/i : /^(no\s+)?(untagged|tagged)\s+(.+)$/i;
        if ((m = re.exec(line))) {
          this.member(sub.id, m[3]!.trim(), m[2]!.toLowerCase() === "untagged", !m[1]);
          return;
        }
      }
      return this.invalid(line);
    }
    if (sub?.kind === "if") return this.interfaceCommand(sub.port, line);
    return this.invalid(line);
  }

  /** Brocade / FTOS membership from inside a VLAN. */
  private member(id: number, portName: string, untagged: boolean, add: boolean): void {
    const p = port(this.state, portName);
    if (untagged) {
      if (add) {
        p.accessVlan = id;
        if (p.mode === "none") p.mode = "access";
      } else if (p.accessVlan === id) {
        p.accessVlan = null;
        if (p.mode === "access") p.mode = "none";
      }
    } else if (add) {
      addAllowed(p, [id]);
      p.mode = "trunk";
    } else {
      removeAllowed(p, [id]);
      if (p.allowedVlans.length === 0 && p.mode === "trunk") p.mode = p.accessVlan === null ? "none" : "access";
    }
  }

  private interfaceCommand(name: string, line: string): void {
    const p = port(this.state, name);
    const syn = this.spec.syntax;
    const l = line.toLowerCase().replace(/\s+/g, " ");
    let m: RegExpExecArray | null;
    const vlans = (text: string, wordIndex: number): number[] | null => {
      const ids = parseVlanList(text);
      if (!ids) this.invalid(line, wordIndex);
      return ids;
    };
    if (l === "shutdown") return void (p.shutdown = true);
    if (l === "no shutdown") return void (p.shutdown = false);
    if ((m = /^switchport mode (access|trunk|general)$/.exec(l))) return void (p.mode = m[1] as "access" | "trunk" | "general");
    if (/^no switchport mode( (access|trunk|general))?$/.test(l)) return void (p.mode = "none");
    if ((m = /^switchport access vlan (\d+)$/.exec(l))) {
      const id = Number(m[1]);
      if (syn.createsAccessVlan && !this.state.vlans.has(id)) {
        this.out(`% Access VLAN does not exist. Creating vlan ${id}`);
        addVlan(this.state, id);
      }
      p.accessVlan = id;
      return;
    }
    if (/^(no switchport access vlan( \d+)?|switchport access vlan none)$/.test(l)) return void (p.accessVlan = null);
    if ((m = /^switchport trunk native vlan (\d+)$/.exec(l))) return void (p.nativeVlan = Number(m[1]));
    if (/^no switchport trunk native vlan( \d+)?$/.test(l)) return void (p.nativeVlan = null);
    if ((m = /^switchport trunk allowed vlan (add|remove|except) (\S+)$/.exec(l))) {
      if (m[1] === "remove" && m[2] === "all") return void (p.allowedVlans = []);
      const ids = vlans(m[2]!, 5);
      if (!ids) return;
      if (m[1] === "add") addAllowed(p, ids);
      else if (m[1] === "remove") removeAllowed(p, ids);
      else p.allowedVlans = allVlans().filter((v) => !ids.includes(v));
      return;
    }
    if (/^switchport trunk allowed vlan none$/.test(l)) return void (p.allowedVlans = []);
    if (/^switchport trunk allowed vlan all$/.test(l)) return void (p.allowedVlans = allVlans());
    if ((m = /^switchport trunk allowed vlan (\S+)$/.exec(l))) {
      const ids = vlans(m[1]!, 4);
      if (!ids) return;
      if (syn.additiveAllowed) addAllowed(p, ids);
      else p.allowedVlans = [...new Set(ids)].sort((a, b) => a - b);
      return;
    }
    if ((m = /^no switchport trunk allowed vlan( (\S+))?$/.exec(l))) {
      if (!m[2]) return void (p.allowedVlans = []);
      const ids = vlans(m[2], 5);
      if (ids) removeAllowed(p, ids);
      return;
    }
    if ((m = /^switchport general allowed vlan (add|remove) (\S+)( tagged| untagged)?$/.exec(l))) {
      const ids = vlans(m[2]!, 5);
      if (!ids) return;
      p.mode = "general";
      if (m[1] === "add") addAllowed(p, ids);
      else removeAllowed(p, ids);
      return;
    }
    if ((m = /^switchport general pvid (\d+)$/.exec(l))) return void (p.nativeVlan = Number(m[1]));
    if (/^no switchport general pvid$/.test(l)) return void (p.nativeVlan = null);
    if (syn.aruba) {
      if ((m = /^vlan access (\d+)$/.exec(l))) {
        p.mode = "access";
        p.accessVlan = Number(m[1]);
        return;
      }
      if (/^no vlan access( \d+)?$/.test(l)) {
        p.accessVlan = null;
        if (p.mode === "access") p.mode = "none";
        return;
      }
      if ((m = /^vlan trunk allowed (\S+)$/.exec(l))) {
        const ids = vlans(m[1]!, 3);
        if (!ids) return;
        p.mode = "trunk";
        addAllowed(p, ids);
        return;
      }
      if ((m = /^no vlan trunk allowed( (\S+))?$/.exec(l))) {
        if (!m[2]) return void (p.allowedVlans = []);
        const ids = vlans(m[2], 4);
        if (ids) removeAllowed(p, ids);
        return;
      }
      if ((m = /^vlan trunk native (\d+)$/.exec(l))) {
        p.mode = "trunk";
        p.nativeVlan = Number(m[1]);
        return;
      }
      if (/^no vlan trunk native( \d+)?$/.test(l)) return void (p.nativeVlan = null);
    }
    return this.invalid(line);
  }
}

function allVlans(): number[] {
  return Array.from({ length: 4094 }, (_, i) => i + 1);
}

/** IOS-style caret error: a `^` under the offending word, then the message. */
export function caret(prompt: string, line: string, word: number, message: string): string {
  return `${" ".repeat(prompt.length + wordColumn(line, word))}^\n${message}\n`;
}

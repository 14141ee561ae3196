import { splitPipe, wordColumn, type Dialect, type DialectSession, type Shell } from "../dialect.js";
import { addAllowed, addVlan, cloneState, deleteVlan, formatVlanList, parseVlanList, port, removeAllowed } from "../state.js";
import type { SimState } from "../types.js";
import { vlanName } from "../show.js";

type Op = (s: SimState) => void;
type View = { kind: "user" } | { kind: "system" } | { kind: "if"; port: string } | { kind: "vlan"; id: number } | { kind: "other"; label: string };

export interface VrpSpec {
  platform: string;
  defaultHostname: string;
  banner: string;
  /** VRPv8: edits wait for `commit`, the prompt shows `~`/`*`. */
  twoStage: boolean;
  comware: boolean;
  systemViewBanner: string;
  errorPrefix: string;
  /**
   * A platform-kit `vrpLike` dialect's own texts (see `derived.ts`); the
   * built-in platforms leave these unset and keep VRP's / Comware's.
   */
  derived?: {
    /** Closing characters of the user-view and system-view prompts (`>` / `]`). */
    promptChars: { user: string; enabled: string };
    systemView: RegExp;
    returnCommand: RegExp;
    save: RegExp;
    saveQuestion: string;
    saveYes: RegExp;
    quietLines: RegExp[];
    errorText: string;
  };
}

/** VRP `vlan batch 10 20 to 30` / Comware `10 to 20` lists. */
function parseVrpList(text: string): number[] | null {
  const t = text.trim().replace(/\s+to\s+/g, "-").replace(/\s+/g, ",");
  return parseVlanList(t);
}

class VrpSession implements DialectSession {
  private view: View = { kind: "user" };
  private pending: Op[] = [];
  private readonly state: SimState;

  constructor(
    private readonly spec: VrpSpec,
    private readonly shell: Shell,
  ) {
    this.state = shell.sw.state;
  }

  banner(): string {
    return this.spec.banner;
  }

  async login(): Promise<boolean> {
    if (this.spec.comware) {
      const a = (await this.shell.ask("Press Y or ENTER to continue, N to exit.")).trim();
      return !/^n/i.test(a);
    }
    // netmiko answers N; either answer reaches the prompt here.
    await this.shell.ask("Warning: The password needs to be changed. Change now? [Y/N]:");
    return true;
  }

  prompt(): string {
    const h = this.shell.sw.hostname;
    const v = this.view;
    const { user, enabled } = this.spec.derived?.promptChars ?? { user: ">", enabled: "]" };
    if (v.kind === "user") return `<${h}${user}`;
    const mark = this.spec.twoStage ? (this.pending.length ? "*" : "~") : "";
    if (v.kind === "system") return `[${mark}${h}${enabled}`;
    if (v.kind === "if") return `[${mark}${h}-${v.port}${enabled}`;
    if (v.kind === "vlan") return `[${mark}${h}-vlan${v.id}${enabled}`;
    return `[${mark}${h}-${v.label}${enabled}`;
  }

  private out(text: string): void {
    if (text) this.shell.write(text.endsWith("\n") ? text : text + "\n");
  }

  private error(line: string, word: number, what = "Unrecognized command"): void {
    const text = this.spec.derived?.errorText ?? `${this.spec.errorPrefix} ${what} found at '^' position.`;
    this.out(`${" ".repeat(this.prompt().length + wordColumn(line, word))}^\n${text}`);
  }

  /** Applies now, or queues until `commit` on two-stage platforms. */
  private edit(op: Op): void {
    if (this.spec.twoStage) this.pending.push(op);
    else op(this.state);
  }

  async run(line: string): Promise<void> {
    const l = line.replace(/\s+/g, " ");
    if (line === "\x1a") return this.leave();
    if (/^screen-length (0 temporary|disable)$/.test(l)) {
      return this.out(this.spec.comware ? "" : "Info: The configuration takes effect on the current user terminal interface only.");
    }
    const d = this.spec.derived;
    if (d?.quietLines.some((re) => re.test(l))) return;
    if (/^(display|dis)\b/.test(l)) return this.display(line);
    if (d ? d.save.test(l) : /^save( force)?$/.test(l) || /^save \S+\.(cfg|zip)$/.test(l)) return this.save(l);
    if (this.view.kind === "user") {
      if (/^(quit|exit|logout)$/.test(l)) return this.shell.end();
      if ((d?.systemView ?? /^(system-view|sys(tem)?)$/).test(l)) {
        this.view = { kind: "system" };
        return this.out(this.spec.systemViewBanner);
      }
      return this.error(line, 0);
    }
    if (d ? d.returnCommand.test(l) : l === "return") return this.leave();
    if (l === "quit") {
      if (this.view.kind === "system") return this.leave();
      this.view = { kind: "system" };
      return;
    }
    if (this.spec.twoStage && /^commit( comment .*)?$/.test(l)) {
      const ops = this.pending;
      this.pending = [];
      const next = cloneState(this.state);
      for (const op of ops) op(next);
      this.state.vlans.clear();
      this.state.ports.clear();
      for (const [k, v] of next.vlans) this.state.vlans.set(k, v);
      for (const [k, v] of next.ports) this.state.ports.set(k, v);
      this.shell.commit();
      return;
    }
    return this.configure(line, l);
  }

  private async leave(): Promise<void> {
    if (this.view.kind === "user") return;
    if (this.spec.twoStage && this.pending.length) {
      const a = (await this.shell.ask("Warning: Uncommitted configurations found. Are you sure to commit them before exiting? [Y(yes)/N(no)/C(cancel)]:")).trim();
      if (/^c/i.test(a)) return;
      if (/^y/i.test(a)) await this.run("commit");
      this.pending = [];
    }
    this.view = { kind: "user" };
  }

  private async save(l: string): Promise<void> {
    const d = this.spec.derived;
    if (d) {
      const a = (await this.shell.ask(d.saveQuestion)).trim();
      if (!d.saveYes.test(a)) return this.out("Info: The configuration is not saved.");
      await this.shell.save();
      return this.out("Info: Save the configuration successfully.");
    }
    if (this.spec.comware) {
      if (l !== "save force") {
        const a = (await this.shell.ask("The current configuration will be written to the device. Are you sure? [Y/N]:")).trim();
        if (!/^y/i.test(a)) return this.out("Configuration is not saved!");
        await this.shell.ask("Please input the file name(*.cfg)[flash:/startup.cfg]\n(To leave the existing filename unchanged, press the enter key):");
        const o = (await this.shell.ask("flash:/startup.cfg exists, overwrite? [Y/N]:")).trim();
        if (!/^y/i.test(o)) return this.out("Configuration is not saved!");
      }
      await this.shell.save();
      return this.out("Validating file. Please wait...\nSaved the current configuration to mainboard device successfully.");
    }
    const a = (await this.shell.ask("Warning: The current configuration will be written to the device. Are you sure to continue?[Y/N]:")).trim();
    if (!/^y/i.test(a)) return this.out("Info: The configuration is not saved.");
    this.out("Now saving the current configuration to the slot 0.");
    await this.shell.save();
    this.out("Info: Save the configuration successfully.");
  }

  private display(line: string): void {
    const { cmd, filter } = splitPipe(line);
    const l = cmd.replace(/^dis(play)?\s+/, "").trim();
    const s = this.state;
    let out: string;
    if (/^vlan( brief)?$/.test(l) || /^vlan \d+$/.test(l)) {
      const only = /^vlan (\d+)$/.exec(l);
      const ids = only ? [Number(only[1])].filter((i) => s.vlans.has(i)) : [...s.vlans.keys()].sort((a, b) => a - b);
      if (only && ids.length === 0) return this.out(`Error: The VLAN does not exist.`);
      out = "VID  Status  Property      Description      Ports\n--------------------------------------------------------------------------------\n";
      for (const id of ids) {
        const ports = [...s.ports].filter(([, p]) => p.accessVlan === id || p.allowedVlans.includes(id)).map(([n]) => n);
        out += `${String(id).padEnd(5)}enable  default       ${vlanName(s, id).padEnd(17)}${ports.join(" ")}\n`;
      }
    } else if (/^port vlan$/.test(l)) {
      out = "Port                    Link Type    PVID  Trunk VLAN List\n-------------------------------------------------------------------------------\n";
      for (const [n, p] of s.ports) {
        out += `${n.padEnd(24)}${(p.mode === "none" ? "hybrid" : p.mode).padEnd(13)}${String(p.accessVlan ?? p.nativeVlan ?? 1).padEnd(6)}${p.allowedVlans.length ? formatVlanList(p.allowedVlans) : "-"}\n`;
      }
    } else if (/^cur(rent-configuration)?$/.test(l)) {
      const lines: string[] = ["#", `sysname ${this.shell.sw.hostname}`, "#"];
      const ids = [...s.vlans.keys()].sort((a, b) => a - b);
      if (ids.length) lines.push(`vlan batch ${ids.join(" ")}`, "#");
      for (const [n, p] of s.ports) {
        lines.push(`interface ${n}`);
        if (p.mode !== "none") lines.push(` port link-type ${p.mode}`);
        if (p.accessVlan !== null) lines.push(this.spec.comware ? ` port access vlan ${p.accessVlan}` : ` port default vlan ${p.accessVlan}`);
        if (p.allowedVlans.length) lines.push(` port trunk ${this.spec.comware ? "permit" : "allow-pass"} vlan ${p.allowedVlans.join(" ")}`);
        if (p.shutdown) lines.push(" shutdown");
        lines.push("#");
      }
      lines.push("return");
      out = lines.join("\n") + "\n";
    } else if (l === "version") {
      out = `${this.spec.platform} (simulated by ngs switch-sim)\n`;
    } else return this.error(line, 1);
    this.out(filter(out));
  }

  private configure(line: string, l: string): void {
    let m: RegExpExecArray | null;
    const v = this.view;
    if ((m = /^vlan (\d+)$/.exec(l))) {
      const id = Number(m[1]);
      this.edit((s) => addVlan(s, id));
      this.view = { kind: "vlan", id };
      return;
    }
    if ((m = /^vlan batch (.+)$/.exec(l))) {
      const ids = parseVrpList(m[1]!);
      if (!ids) return this.error(line, 2, "Wrong parameter");
      return this.edit((s) => ids.forEach((id) => addVlan(s, id)));
    }
    if ((m = /^undo vlan (batch )?(.+)$/.exec(l))) {
      const ids = parseVrpList(m[2]!);
      if (!ids) return this.error(line, 2, "Wrong parameter");
      return this.edit((s) => ids.forEach((id) => deleteVlan(s, id)));
    }
    if ((m = /^interface (.+)$/i.exec(line.trim()))) {
      const name = m[1]!.trim();
      if (/^(vlanif|nve|vbdif|loopback)/i.test(name)) {
        this.view = { kind: "other", label: name };
        return;
      }
      this.view = { kind: "if", port: name };
      return;
    }
    if (/^(undo )?(description|stp|lldp|mtu|speed|duplex|jumboframe)\b/.test(l)) {
      if (v.kind === "vlan" && (m = /^(undo )?(?:description|name) ?(.*)$/.exec(line.trim()))) {
        const id = v.id;
        const name = m[1] ? null : m[2]!.trim();
        this.edit((s) => addVlan(s, id, name));
      }
      return;
    }
    if (v.kind === "vlan" && (m = /^name (.+)$/.exec(line.trim()))) {
      const id = v.id;
      const name = m[1]!.trim();
      return this.edit((s) => addVlan(s, id, name));
    }
    if (v.kind === "other") return;
    if (v.kind === "if") return this.interfaceCommand(v.port, line, l);
    return this.error(line, 0);
  }

  private interfaceCommand(name: string, line: string, l: string): void {
    let m: RegExpExecArray | null;
    const cw = this.spec.comware;
    const edit = (f: (p: ReturnType<typeof port>) => void) => this.edit((s) => f(port(s, name)));
    if (l === "shutdown") return edit((p) => void (p.shutdown = true));
    if (l === "undo shutdown") return edit((p) => void (p.shutdown = false));
    if ((m = /^port link-type (access|trunk|hybrid)$/.exec(l))) {
      const mode = m[1] === "hybrid" ? "general" : (m[1] as "access" | "trunk");
      return edit((p) => void (p.mode = mode));
    }
    if (l === "undo port link-type") return edit((p) => void (p.mode = "none"));
    const accessRe = cw ? /^port access vlan (\d+)$/ : /^port default vlan (\d+)$/;
    if ((m = accessRe.exec(l))) {
      const id = Number(m[1]);
      return edit((p) => void (p.accessVlan = id));
    }
    const undoAccessRe = cw ? /^undo port access vlan( \d+)?$/ : /^undo port default vlan( \d+)?$/;
    if (undoAccessRe.test(l)) return edit((p) => void (p.accessVlan = null));
    const trunkRe = cw ? /^(undo )?port trunk permit vlan (.+)$/ : /^(undo )?port trunk allow-pass vlan (.+)$/;
    if ((m = trunkRe.exec(l))) {
      const undo = !!m[1];
      if (m[2] === "all") return edit((p) => void (p.allowedVlans = undo ? [] : Array.from({ length: 4094 }, (_, i) => i + 1)));
      const ids = parseVrpList(m[2]!);
      if (!ids) return this.error(line, undo ? 5 : 4, "Wrong parameter");
      return edit((p) => (undo ? removeAllowed(p, ids) : addAllowed(p, ids)));
    }
    if ((m = /^port trunk pvid vlan (\d+)$/.exec(l))) {
      const id = Number(m[1]);
      return edit((p) => void (p.nativeVlan = id));
    }
    if (/^undo port trunk pvid vlan$/.test(l)) return edit((p) => void (p.nativeVlan = null));
    return this.error(line, 0);
  }
}

export function vrp(spec: VrpSpec): Dialect {
  return { platform: spec.platform, defaultHostname: spec.defaultHostname, open: (shell) => new VrpSession(spec, shell) };
}

export const vrpDialects: Dialect[] = [
  vrp({
    platform: "huawei",
    defaultHostname: "HUAWEI",
    banner: "Info: The max number of VTY users is 10, and the number\n      of current VTY users on line is 1.\n",
    twoStage: false,
    comware: false,
    systemViewBanner: "Enter system view, return user view with Ctrl+Z.",
    errorPrefix: "Error:",
  }),
  vrp({
    platform: "huawei_vrpv8",
    defaultHostname: "HUAWEI",
    banner: "Info: The max number of VTY users is 21, the number of current VTY users online is 1.\n",
    twoStage: true,
    comware: false,
    systemViewBanner: "Enter system view, return user view with return command.",
    errorPrefix: "Error:",
  }),
  vrp({
    platform: "hp_comware",
    defaultHostname: "HPE",
    banner: "******************************************************************************\n* Copyright (c) 2004-2024 Hewlett Packard Enterprise Development LP (simulated)*\n******************************************************************************\n",
    twoStage: false,
    comware: true,
    systemViewBanner: "System View: return to User View with Ctrl+Z.",
    errorPrefix: "%",
  }),
];

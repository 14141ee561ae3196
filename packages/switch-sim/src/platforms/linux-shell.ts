import { splitPipe, words, type Dialect, type DialectSession, type Shell } from "../dialect.js";
import type { SimState } from "../types.js";

/** A command set layered on the shell (NVUE, SONiC's `config`, ovs-vsctl, ...). */
export interface ShellFlavor {
  platform: string;
  defaultHostname: string;
  banner: string;
  /** Text between `host:` and the cwd, e.g. NVUE's `mgmt:`. */
  promptInfix?: string;
  /**
   * A platform-kit `linuxShell` dialect's own texts (see `derived.ts`); the
   * built-in flavours leave this unset and keep bash's.
   */
  derived?: {
    /** Prompt characters as user and as root (`$` / `#`). */
    promptChars: { user: string; enabled: string };
    /** Lines that become root (the dialect's enable and config-enter commands). */
    becomeRoot: RegExp;
    /** Lines that drop root again, or log out (the dialect's config-exit command). */
    leave: RegExp;
    quietLines: RegExp[];
    /** What a command not found prints (default: bash's `-bash: X: command not found`). */
    errorText?: string;
  };
  /** Creates per-session data and returns a handler; `false` = not mine. */
  open(ctx: ShellCtx): (line: string) => boolean | Promise<boolean>;
}

/** What a flavor sees of the shell. */
export interface ShellCtx {
  readonly shell: Shell;
  readonly state: SimState;
  readonly isRoot: () => boolean;
  out(text: string): void;
  /** Switch-wide storage for the flavor. */
  shared<T>(key: string, init: () => T): T;
}

class LinuxSession implements DialectSession {
  private root: boolean;
  private readonly rootAtLogin: boolean;
  private readonly handler: (line: string) => boolean | Promise<boolean>;

  constructor(
    private readonly flavor: ShellFlavor,
    private readonly shell: Shell,
  ) {
    this.rootAtLogin = shell.username === "root" || shell.sw.privileged;
    this.root = this.rootAtLogin;
    const sw = shell.sw;
    const ctx: ShellCtx = {
      shell,
      state: sw.state,
      isRoot: () => this.root,
      out: (t) => this.out(t),
      shared: <T>(key: string, init: () => T): T => {
        if (!sw.extra.has(key)) sw.extra.set(key, init());
        return sw.extra.get(key) as T;
      },
    };
    this.handler = flavor.open(ctx);
  }

  banner(): string {
    return this.flavor.banner;
  }

  prompt(): string {
    const user = this.root ? "root" : this.shell.username;
    const { user: u, enabled } = this.flavor.derived?.promptChars ?? { user: "$", enabled: "#" };
    return `${user}@${this.shell.sw.hostname}:${this.flavor.promptInfix ?? ""}~${this.root ? enabled : u} `;
  }

  private out(text: string): void {
    if (text) this.shell.write(text.endsWith("\n") ? text : text + "\n");
  }

  async run(line: string): Promise<void> {
    const { cmd, filter } = splitPipe(line);
    const w = words(cmd);
    const first = w[0]!;
    const d = this.flavor.derived;
    if (d?.quietLines.some((re) => re.test(cmd))) return;
    if (d?.becomeRoot.test(cmd)) return this.sudo();
    if (/^(exit|logout)$/.test(cmd) || d?.leave.test(cmd)) {
      if (this.root && !this.rootAtLogin) {
        this.root = false;
        return this.out("exit");
      }
      return this.shell.end();
    }
    if (/^sudo (-s|-i|su|su -|bash)$/.test(cmd)) return this.sudo();
    if (first === "sudo" && w.length > 1 && !this.root) {
      // `sudo cmd`: authenticate, then run the command as root.
      if (!(await this.sudoAuth())) return;
      this.root = true;
      try {
        return await this.run(line.replace(/^\s*sudo\s+/, ""));
      } finally {
        this.root = false;
      }
    }
    if (first === "sudo" && w.length > 1) return this.run(line.replace(/^\s*sudo\s+/, ""));
    const captured: string[] = [];
    const realOut = this.out.bind(this);
    // Flavors write through `out`; a pipe filter applies to what they print.
    const piped = cmd !== line;
    if (piped) {
      this.out = (t: string) => void captured.push(t);
    }
    try {
      if (await this.handler(cmd)) return;
    } finally {
      if (piped) {
        this.out = realOut;
        const text = captured.map((t) => (t.endsWith("\n") ? t : t + "\n")).join("");
        this.out(filter(text));
      }
    }
    switch (first) {
      case "whoami":
        return this.out(this.root ? "root" : this.shell.username);
      case "hostname":
        return this.out(this.shell.sw.hostname);
      case "echo":
        return this.out(w.slice(1).join(" "));
      case "true":
      case "cd":
      case ":":
        return;
      case "pwd":
        return this.out(this.root ? "/root" : `/home/${this.shell.username}`);
      case "id":
        return this.out(this.root ? "uid=0(root) gid=0(root) groups=0(root)" : `uid=1000(${this.shell.username}) gid=1000(${this.shell.username}) groups=1000(${this.shell.username}),27(sudo)`);
      case "uname":
        return this.out("Linux");
      default:
        return this.out(d?.errorText ?? `-bash: ${first}: command not found`);
    }
  }

  private async sudoAuth(): Promise<boolean> {
    const expected = this.shell.sw.secret ?? this.shell.sw.password;
    if (expected === undefined) return true; // NOPASSWD
    const answer = await this.shell.ask(`[sudo] password for ${this.shell.username}: `, { echo: false });
    if (answer === expected) return true;
    this.out("Sorry, try again.\nsudo: 1 incorrect password attempt");
    return false;
  }

  private async sudo(): Promise<void> {
    if (this.root) return;
    if (await this.sudoAuth()) this.root = true;
  }
}

export function linuxShell(flavor: ShellFlavor): Dialect {
  return {
    platform: flavor.platform,
    defaultHostname: flavor.defaultHostname,
    open: (shell) => new LinuxSession(flavor, shell),
  };
}

export const plainLinux: ShellFlavor = {
  platform: "linux",
  defaultHostname: "sw1",
  banner: "Linux sw1 6.1.0 #1 SMP x86_64 (simulated by ngs switch-sim)\n",
  open: () => () => false,
};

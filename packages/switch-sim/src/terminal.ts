import type { Dialect, DialectSession, Shell, SwitchContext } from "./dialect.js";

export interface TerminalHooks {
  /** Called for every command line typed at a prompt (not for dialogue answers). */
  onCommand(line: string): void;
  /** Closes the whole SSH connection. */
  close(): void;
}

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The line discipline of one interactive shell: collects typed characters into
 * lines, echoes them, runs them through the dialect one at a time and prints
 * the prompt. Input typed ahead is queued, as on a real terminal.
 */
export class Terminal {
  private partial = "";
  private lastWasCr = false;
  private readonly lines: string[] = [];
  private waiter: ((line: string) => void) | null = null;
  private closed = false;
  private ending = false;
  private commands = 0;
  private readonly session: DialectSession;

  constructor(
    private readonly out: { write(data: string): unknown },
    private readonly sw: SwitchContext,
    dialect: Dialect,
    username: string,
    private readonly hooks: TerminalHooks,
  ) {
    const shell: Shell = {
      sw,
      username,
      write: (t) => this.write(t),
      ask: (q, o) => this.ask(q, o?.echo ?? true),
      save: async () => {
        const ms = sw.faults.saveLatencyMs ?? 0;
        if (ms > 0) await delay(ms);
        sw.counters.saves++;
      },
      commit: () => {
        sw.counters.commits++;
      },
      end: () => {
        this.ending = true;
      },
    };
    this.session = dialect.open(shell);
  }

  start(): void {
    const banner = this.sw.banner ?? this.session.banner();
    if (banner) this.write(banner.endsWith("\n") ? banner : banner + "\n");
    void this.begin();
  }

  private async begin(): Promise<void> {
    if ((this.sw.loginQuestions || this.sw.inbandLogin) && this.session.login) {
      const ok = await this.session.login();
      if (this.closed) return;
      if (!ok) {
        this.closed = true;
        this.hooks.close();
        return;
      }
    }
    this.write(this.session.prompt());
    await this.loop();
  }

  /** Raw bytes from the client. */
  input(data: Buffer | string): void {
    const text = typeof data === "string" ? data : data.toString("utf8");
    for (const c of text) {
      if (c === "\n" && this.lastWasCr) {
        this.lastWasCr = false;
        continue;
      }
      this.lastWasCr = c === "\r";
      if (c === "\r" || c === "\n") {
        this.pushLine(this.partial);
        this.partial = "";
      } else if (c === "\x7f" || c === "\b") {
        this.partial = this.partial.slice(0, -1);
      } else if (c === "\x03") {
        this.partial = ""; // Ctrl-C drops the line being typed
      } else if (c === "\x1a") {
        this.pushLine("\x1a"); // Ctrl-Z: leave configuration mode
        this.partial = "";
      } else if (c >= " " || c === "\t") {
        this.partial += c;
      } // NUL (netmiko's is_alive probe) and other control bytes are ignored
    }
  }

  shutdown(): void {
    this.closed = true;
    this.waiter?.("");
    this.waiter = null;
  }

  private pushLine(line: string): void {
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w(line);
    } else this.lines.push(line);
  }

  private nextLine(): Promise<string> {
    const l = this.lines.shift();
    if (l !== undefined) return Promise.resolve(l);
    return new Promise((r) => (this.waiter = r));
  }

  private write(text: string): void {
    if (this.closed) return;
    this.out.write(text.replace(/\r?\n/g, "\r\n"));
  }

  private async ask(question: string, echo: boolean): Promise<string> {
    this.write(question);
    const line = await this.nextLine();
    this.sw.counters.answers++;
    this.write(echo ? line + "\n" : "\n");
    return line;
  }

  private async loop(): Promise<void> {
    while (!this.closed) {
      const raw = await this.nextLine();
      if (this.closed) return;
      const line = raw.trim();
      // The device starts working on a line when it arrives; the echo goes out while it works.
      const latency = line === "" ? 0 : (this.sw.faults.commandLatencyMs ?? 0);
      const working = latency > 0 ? delay(latency) : undefined;
      this.write((raw === "\x1a" ? "^Z" : raw) + "\n");
      if (line === "") {
        this.sw.counters.emptyLines++;
        this.write(this.session.prompt());
        continue;
      }
      this.commands++;
      this.sw.counters.commandsReceived++;
      this.hooks.onCommand(line);
      if (working) await working;
      if (this.closed) return;
      const fault = this.sw.faults.errorOn?.find((e) => e.pattern.test(line));
      try {
        if (fault) this.write(fault.output.endsWith("\n") ? fault.output : fault.output + "\n");
        else await this.session.run(line);
      } catch (err) {
        this.write(`% Simulator error: ${(err as Error).message}\n`);
      }
      if (this.closed) return;
      const dropAfter = this.sw.faults.dropAfterCommands;
      if (this.ending || (dropAfter !== undefined && this.commands >= dropAfter)) {
        this.closed = true;
        this.hooks.close();
        return;
      }
      this.write(this.session.prompt());
    }
  }
}

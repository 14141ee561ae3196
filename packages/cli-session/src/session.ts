/**
 * The session: netmiko's behaviour (login, prompt, enable, config mode,
 * config sets, save, commit) driven by a Platform table. Every wait is a
 * read-until-pattern with a deadline; nothing sleeps.
 */
import { Channel } from "./channel.js";
import {
  AuthenticationError,
  ChannelClosedError,
  CliSessionError,
  CommandError,
  CommitNotSupportedError,
  ConnectError,
  EnableRefusedError,
  ReadTimeoutError,
  SaveNotSupportedError,
} from "./errors.js";
import { getPlatform, promptPatternFor } from "./platform-kit.js";
import { Redactor, escapeRegExp, tail } from "./text.js";
import { Transcript } from "./transcript.js";
import { openTransport, type Transport } from "./transport.js";
import type {
  CliSessionApi,
  DialogueStep,
  LoginHandler,
  Platform,
  SendCommandOptions,
  SendConfigSetOptions,
  SessionOptions,
  WireLogger,
} from "./types.js";

const DEFAULT_READ_TIMEOUT_MS = 10_000;
const DEFAULT_SAVE_TIMEOUT_MS = 100_000;
/** Bounds on dialogue rounds so a looping device cannot hold a session forever. */
const MAX_LOGIN_ROUNDS = 8;
const MAX_DIALOGUE_ROUNDS = 5;
const CTRL_C = "\x03";
/** Numbers each session of the process, so a debug log or transcript block says which session it is. */
let sessionCounter = 0;

/** Milliseconds since `t0` (performance.now()), rounded for logs. */
const since = (t0: number) => Math.round(performance.now() - t0);

interface LineResult {
  output: string;
  /** The pattern index that ended the read: 0 is the prompt, others are the extras passed in. */
  index: number;
}

export class CliSession implements CliSessionApi {
  readonly platform: Platform;
  private base = "";
  private promptRe: RegExp;
  /** Prompt of the platform (any hostname), only after a newline: for reads right after a write. */
  private readonly genericAfterWrite: RegExp;
  /** The last lines up to and including the last prompt seen: tells the current mode. */
  private promptBlock = "";
  private queue: Promise<unknown> = Promise.resolve();
  private closing = false;
  /** A read timed out: the device may still be busy, so close() skips the polite logout. */
  private tainted = false;
  private readonly terminators: string;
  private readonly openedAt = performance.now();
  /** Login answered an in-band password question (PowerConnect): a failed login is then an authentication failure. */
  private inbandPasswordSent = false;

  private constructor(
    private readonly options: SessionOptions,
    platform: Platform,
    private readonly transport: Transport,
    private readonly channel: Channel,
    private readonly redactor: Redactor,
    private readonly transcript: Transcript,
    private readonly wire: Wire,
  ) {
    this.platform = platform;
    this.terminators = platform.promptTerminators ?? "#>";
    const terms = escapeClass(this.terminators);
    this.genericAfterWrite = new RegExp(`\\n[^\\n]*[${terms}][ \\t]*$`);
    this.promptRe = this.genericAfterWrite;
  }

  /** Connects, logs in, finds the prompt and runs the platform's session preparation (paging off). */
  static async open(options: SessionOptions): Promise<CliSession> {
    const platform = typeof options.platform === "string" ? getPlatform(options.platform) : options.platform;
    const port = options.port ?? 22;
    const secrets = [options.password, options.secret, options.passphrase].filter(
      (s): s is string => typeof s === "string" && s.length > 0,
    );
    const redactor = new Redactor(secrets);
    const id = ++sessionCounter;
    const wire = new Wire(options.logger, redactor, { session: id, host: options.host, port, platform: platform.name });
    const transcript = new Transcript(options.sessionLog, secrets, redactor);
    transcript.note(
      `\n=== ngs cli-session #${id} ${options.username}@${options.host}:${port} (${platform.name}) opened ${new Date().toISOString()} ===\n`,
    );
    const t0 = performance.now();
    wire.log("connecting", { username: options.username });
    let transport: Transport;
    try {
      transport = await openTransport(options);
    } catch (err) {
      wire.log("connect failed", { ms: since(t0), error: (err as Error).message });
      transcript.note(`=== connect failed: ${(err as Error).name} ===\n`);
      await transcript.close();
      throw err;
    }
    wire.log("SSH connected and authenticated", { ms: since(t0), hostKey: transport.hostKeyFingerprint });
    const where = { host: options.host, port };
    const channel = new Channel(transport.shell, where, redactor, transcript);
    transport.client.on("error", (err: Error) => channel.markClosed(`SSH error: ${err.message}`, err));
    transport.client.on("close", () => channel.markClosed("the SSH connection closed"));
    const session = new CliSession(options, platform, transport, channel, redactor, transcript, wire);
    const tLogin = performance.now();
    try {
      await session.login();
      wire.log("logged in", { ms: since(tLogin), prompt: session.basePrompt });
    } catch (err) {
      wire.log("login failed", { ms: since(tLogin), error: (err as Error).message });
      await session.destroy();
      if (session.inbandPasswordSent && (err instanceof ReadTimeoutError || err instanceof ChannelClosedError)) {
        // The switch asked for the credentials in the shell (PowerConnect) and did not take them.
        throw new AuthenticationError(
          `Authentication to ${options.username}@${options.host}:${port} failed: the switch refused the user name or password it asked for in-band. ` +
            "To resolve this issue, check username and password for this switch.",
          { cause: err, ...where },
        );
      }
      if (err instanceof ReadTimeoutError || err instanceof ChannelClosedError) {
        throw new ConnectError(
          `Login to ${options.host}:${port} (${platform.name}) did not reach a usable prompt: ${err.message}`,
          { cause: err, ...where },
        );
      }
      throw err;
    }
    return session;
  }

  /** The prompt without its terminator (`sw1` for `sw1#`), as netmiko's base_prompt. */
  get basePrompt(): string {
    return this.base;
  }

  /** `SHA256:...` of the host key the device presented. */
  get hostKeyFingerprint(): string {
    return this.transport.hostKeyFingerprint;
  }

  enable(): Promise<string> {
    return this.serial(() => this.doEnable());
  }

  configMode(command?: string): Promise<string> {
    return this.serial(() => this.doConfigMode(command));
  }

  exitConfigMode(): Promise<string> {
    return this.serial(() => this.doExitConfigMode());
  }

  /** Whether the last prompt seen is a config-mode prompt (always true on platforms without config mode). */
  get inConfigMode(): boolean {
    return this.isInConfig();
  }

  /**
   * Enters config mode (unless disabled), sends each line and waits for the
   * prompt after it, leaves config mode (unless disabled) and returns all output.
   */
  sendConfigSet(lines: readonly string[], opts: SendConfigSetOptions = {}): Promise<string> {
    return this.serial(async () => {
      const timeout = opts.readTimeoutMs ?? this.readTimeout;
      const exit = opts.exitConfigMode ?? this.platform.config?.exitAfterConfigSet ?? true;
      let out = "";
      if (opts.enterConfigMode ?? true) out += await this.doConfigMode(opts.configModeCommand);
      for (const line of lines) {
        const r = await this.sendLine(line, timeout);
        out += r.output;
        const bad = this.findError(stripEcho(r.output, line, this.platform), opts.checkErrors ?? true, opts.errorPatterns);
        if (bad !== undefined) {
          if (exit) await this.doExitConfigMode().catch(() => "");
          throw this.commandError(`Command '${line}' was rejected`, line, bad, out);
        }
      }
      if (exit) out += await this.doExitConfigMode();
      return out;
    });
  }

  /** Sends one command and returns its output without the echo and the trailing prompt. */
  sendCommand(cmd: string, opts: SendCommandOptions = {}): Promise<string> {
    return this.serial(async () => {
      const timeout = opts.readTimeoutMs ?? this.readTimeout;
      let r: LineResult;
      if (opts.expect !== undefined) {
        this.channel.drain();
        this.channel.write(cmd + this.platform.returnChar);
        const res = await this.read([new RegExp(opts.expect)], timeout);
        r = { output: res.output, index: 1 };
      } else {
        r = await this.sendLine(cmd, timeout);
      }
      const body = stripEcho(r.output, cmd, this.platform);
      const bad = this.findError(body, opts.checkErrors ?? true, opts.errorPatterns);
      if (bad !== undefined) throw this.commandError(`Command '${cmd}' was rejected`, cmd, bad, r.output);
      return opts.raw ? r.output : body;
    });
  }

  /** Runs the platform's save command and answers its confirmation dialogue. */
  saveConfig(): Promise<string> {
    return this.serial(async () => {
      const save = this.platform.save;
      if (!save) throw new SaveNotSupportedError(this.platform.name, this.where);
      let out = "";
      if (save.requiresEnable) out += await this.doEnable();
      if (save.mode === "exec") out += await this.doExitConfigMode();
      if (save.mode === "config") out += await this.doConfigMode();
      const t0 = performance.now();
      let r: string;
      try {
        r = await this.dialogue(save.command, save.confirm ?? [], this.saveTimeout);
      } catch (e) {
        // The device said the save completed, then the connection dropped before its prompt: saved.
        if (e instanceof ChannelClosedError && save.success && afterLast(e.output, save.command, save.success)) {
          this.wire.log("save", { command: save.command, ms: since(t0), closedAfterSuccess: true });
          return out + e.output;
        }
        throw e;
      }
      this.wire.log("save", { command: save.command, ms: since(t0) });
      out += r;
      const body = stripEcho(r, save.command, this.platform);
      const bad = save.failure?.test(body) ? body : this.findError(body, true);
      if (bad !== undefined) throw this.commandError("Saving the configuration failed", save.command, bad, out);
      if (save.mode === "config") out += await this.doExitConfigMode();
      return out;
    });
  }

  /** Junos `commit` (expects `commit complete`), SRL `commit stay`, VRPv8 `commit`; failure carries the output. */
  commit(): Promise<string> {
    return this.serial(async () => {
      const c = this.platform.commit;
      if (!c) throw new CommitNotSupportedError(this.platform.name, this.where);
      let out = "";
      if (c.inConfigMode) out += await this.doConfigMode();
      const t0 = performance.now();
      const r = await this.sendLine(c.command, this.saveTimeout);
      out += r.output;
      const body = stripEcho(r.output, c.command, this.platform);
      this.wire.log("commit", { command: c.command, ms: since(t0) });
      if (c.failure?.test(body) || !c.success.test(body)) {
        throw this.commandError("Commit failed", c.command, body, out);
      }
      return out;
    });
  }

  /** The connection is gone or close() was called: no probe needed to know it is unusable. */
  get isClosed(): boolean {
    return this.channel.isClosed || this.closing;
  }

  /** Sends a bare return and expects the prompt back; false when the session is unusable. */
  isAlive(): Promise<boolean> {
    if (this.isClosed) return Promise.resolve(false);
    return this.serial(async () => {
      try {
        await this.sendLine("", Math.min(this.readTimeout, 5_000));
        return true;
      } catch {
        return false;
      }
    });
  }

  /** Leaves config mode, logs out and closes the connection. Never throws. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    await this.queue.catch(() => undefined);
    if (!this.channel.isClosed && !this.tainted) {
      try {
        if (this.platform.logout.length > 0 && this.isInConfig() && this.platform.config) {
          await this.doExitConfigMode();
        }
        for (const line of this.platform.logout) this.channel.write(line + this.platform.returnChar);
      } catch {
        // Best effort: the connection is closed below either way.
      }
    }
    await this.destroy();
  }

  // ---------------------------------------------------------------- internals

  private get where(): { host: string; port: number } {
    return { host: this.options.host, port: this.options.port ?? 22 };
  }

  private get readTimeout(): number {
    return this.options.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS;
  }

  private get saveTimeout(): number {
    return this.options.saveTimeoutMs ?? DEFAULT_SAVE_TIMEOUT_MS;
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(() => {
      if (this.closing) throw new CliSessionError("The session is closed.", this.where);
      return fn();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async destroy(): Promise<void> {
    const { client } = this.transport;
    const closed = new Promise<void>((resolve) => {
      if (this.channel.isClosed) resolve();
      else client.once("close", () => resolve());
    });
    client.end();
    // Wait for the close event, with a deadline, then force it.
    const timer = setTimeout(() => client.destroy(), 2_000);
    await closed;
    clearTimeout(timer);
    this.channel.markClosed("closed by the client");
    this.wire.log("closed", { sessionMs: since(this.openedAt) });
    this.transcript.note(`\n=== ngs cli-session closed ${new Date().toISOString()} ===\n`);
    await this.transcript.close();
  }

  private async login(): Promise<void> {
    const handlers = this.platform.loginHandlers ?? [];
    const patterns = [...handlers.map((h) => h.prompt), this.platform.promptPattern];
    let output = "";
    for (let round = 0; ; round++) {
      const r = await this.channel.readUntil(patterns, this.readTimeout);
      if (r.index === handlers.length) {
        output = r.output;
        break;
      }
      if (round >= MAX_LOGIN_ROUNDS) {
        throw new ConnectError(`Login to ${this.where.host} kept asking questions; last output:\n${this.scrubTail(r.output)}`, this.where);
      }
      this.answerLogin(handlers[r.index]!);
    }
    // Confirm with a fresh prompt (a banner line can look like one), then learn it.
    const r = await this.sendLine("", this.readTimeout, [], this.genericAfterWrite);
    this.learnPrompt(r.output || output);
    if (this.platform.enableDuringLogin) await this.doEnable();
    for (const cmd of this.platform.sessionPreparation) await this.sendLine(cmd, this.readTimeout);
  }

  private answerLogin(h: LoginHandler): void {
    const a = h.answer;
    if (typeof a === "string") {
      this.channel.write(a + this.platform.returnChar);
      return;
    }
    const value =
      a.credential === "username" ? this.options.username : a.credential === "password" ? this.options.password : this.options.secret;
    if (a.credential === "password") this.inbandPasswordSent = true;
    this.channel.write((value ?? "") + this.platform.returnChar);
  }

  /** Sets the base prompt from the last line of `output` (netmiko's set_base_prompt). */
  private learnPrompt(output: string): void {
    const lines = output.split("\n");
    const line = (lines[lines.length - 1] ?? "").trim();
    const terms = this.terminators;
    if (!line || !terms.includes(line[line.length - 1]!)) {
      throw new CommandError(
        `Router prompt not found on ${this.where.host}: the last line '${this.scrubTail(line, 80)}' does not end with one of '${terms}'.`,
        "",
        this.scrubTail(output),
        this.where,
      );
    }
    let base = line.slice(0, -1).trimEnd();
    const m = this.platform.basePromptPattern?.exec(line);
    if (m?.[1]) base = m[1].trim();
    if (this.platform.basePromptMaxLength) base = base.slice(0, this.platform.basePromptMaxLength);
    this.base = base;
    this.promptRe = new RegExp(`\\n[^\\n]*${escapeRegExp(base)}[^\\n]*[${escapeClass(terms)}][ \\t]*$`);
    this.promptBlock = lastLines(output, 3);
  }

  /**
   * Writes one line and reads until the prompt (pattern index 0) or one of
   * `extra`. `promptOverride` replaces the learned prompt for this read.
   */
  private async sendLine(line: string, timeoutMs: number, extra: RegExp[] = [], promptOverride?: RegExp): Promise<LineResult> {
    this.channel.drain();
    const t0 = performance.now();
    this.channel.write(line + this.platform.returnChar);
    const r = await this.readPrompt(timeoutMs, extra, promptOverride);
    if (this.wire.enabled) this.wire.log("sent", { command: line, answer: stripEcho(r.output, line, this.platform), ms: since(t0) });
    return r;
  }

  private async readPrompt(timeoutMs: number, extra: RegExp[] = [], promptOverride?: RegExp): Promise<LineResult> {
    const r = await this.read([promptOverride ?? this.promptRe, ...extra], timeoutMs);
    if (r.index === 0) this.promptBlock = lastLines(r.output, 3);
    return { output: r.output, index: r.index };
  }

  private read(patterns: RegExp[], timeoutMs: number) {
    return this.channel.readUntil(patterns, timeoutMs).catch((err: unknown) => {
      if (err instanceof ReadTimeoutError) this.tainted = true;
      throw err;
    });
  }

  private isInConfig(): boolean {
    const c = this.platform.config;
    return c ? c.inConfigPattern.test(this.promptBlock) : true;
  }

  private async doEnable(): Promise<string> {
    const e = this.platform.enable;
    if (!e || e.enabledPattern.test(this.promptBlock)) return "";
    const t0 = performance.now();
    let out: string;
    let secretSent: boolean;
    try {
      ({ out, passwords: secretSent } = await this.modeCommand(e.command, e.passwordPrompt, e.usernamePrompt));
    } catch (err) {
      if (!(err instanceof CommandError) || !/was refused/.test(err.message)) throw err;
      throw this.enableRefused(e.command, err.output, true);
    }
    if (!e.enabledPattern.test(this.promptBlock)) throw this.enableRefused(e.command, out, secretSent);
    this.wire.log("enable", { command: e.command, ms: since(t0) });
    return out;
  }

  private async doConfigMode(command?: string): Promise<string> {
    const c = this.platform.config;
    if (!c || this.isInConfig()) return "";
    const cmd = command ?? c.enter;
    const { out } = await this.modeCommand(cmd, this.platform.enable?.passwordPrompt, this.platform.enable?.usernamePrompt);
    if (!this.isInConfig()) throw this.commandError("Failed to enter configuration mode", cmd, lastLines(out, 3), out);
    return out;
  }

  private async doExitConfigMode(): Promise<string> {
    const c = this.platform.config;
    if (!c || !this.isInConfig()) return "";
    if (c.noExitForUser !== undefined && c.noExitForUser === this.options.username) return "";
    let out = "";
    for (const b of c.beforeExit ?? []) {
      if (b.when.test(this.promptBlock)) out += (await this.sendLine(b.command, this.readTimeout)).output;
    }
    const relearn = this.platform.relearnPromptOnModeChange === true;
    for (let i = 0; i < (c.exitRepeat ?? 1) && this.isInConfig(); i++) {
      out += await this.dialogue(c.exit, c.exitConfirm ?? [], this.readTimeout, relearn ? this.genericAfterWrite : undefined);
    }
    if (relearn) this.learnPrompt(out);
    if (this.isInConfig()) throw this.commandError("Failed to exit configuration mode", c.exit, lastLines(out, 3), out);
    return out;
  }

  /**
   * A mode change that may ask for a password (enable, `sudo -s`) or a user
   * name (RADIUS enable). A second password prompt means the secret was
   * refused: abort with Ctrl-C and report.
   */
  private async modeCommand(cmd: string, passwordPrompt?: RegExp, usernamePrompt?: RegExp): Promise<{ out: string; passwords: boolean }> {
    const relearn = this.platform.relearnPromptOnModeChange === true;
    const prompt = relearn ? this.genericAfterWrite : undefined;
    const extra: RegExp[] = [];
    if (passwordPrompt) extra.push(passwordPrompt);
    if (usernamePrompt) extra.push(usernamePrompt);
    let r = await this.sendLine(cmd, this.readTimeout, extra, prompt);
    let out = r.output;
    let passwords = 0;
    for (let round = 0; r.index !== 0; round++) {
      const isPassword = extra[r.index - 1] === passwordPrompt;
      if (round >= MAX_DIALOGUE_ROUNDS || (isPassword && passwords > 0)) {
        this.channel.write(CTRL_C);
        await this.readPrompt(this.readTimeout, [], prompt).catch(() => undefined);
        throw this.commandError(`'${cmd}' was refused: the password was not accepted`, cmd, lastLines(out, 3), out);
      }
      if (isPassword) {
        passwords++;
        // Secrets are never echoed by the device, and writes never reach the transcript.
        this.channel.write((this.options.secret ?? "") + this.platform.returnChar);
      } else {
        this.channel.write(this.options.username + this.platform.returnChar);
      }
      r = await this.readPrompt(this.readTimeout, extra, prompt);
      out += r.output;
    }
    if (relearn) this.learnPrompt(out);
    return { out, passwords: passwords > 0 };
  }

  /**
   * The enable (or sudo) step failed: one clean cause for the message, the
   * scrubbed device answer kept on the error (and in the debug log) only.
   */
  private enableRefused(command: string, output: string, secretSent: boolean): EnableRefusedError {
    const answer = this.scrubTail(lastLines(output, 3));
    this.wire.log("enable refused", { command, answer });
    const what = secretSent ? "enable secret rejected" : this.options.secret ? "enable mode refused" : "enable mode refused (no secret configured)";
    return new EnableRefusedError(what, `${what} by ${this.where.host}:${this.where.port}`, this.redactor.scrub(command), answer, this.where);
  }

  /** Sends `cmd`, answering each question in `steps` until the prompt returns. */
  private async dialogue(cmd: string, steps: DialogueStep[], timeoutMs: number, promptOverride?: RegExp): Promise<string> {
    const questions = steps.map((s) => s.prompt);
    let r = await this.sendLine(cmd, timeoutMs, questions, promptOverride);
    let out = r.output;
    for (let round = 0; r.index !== 0; round++) {
      if (round >= MAX_DIALOGUE_ROUNDS) {
        throw this.commandError(`'${cmd}' kept asking questions`, cmd, lastLines(out, 3), out);
      }
      this.channel.write(steps[r.index - 1]!.answer + this.platform.returnChar);
      r = await this.readPrompt(timeoutMs, questions, promptOverride);
      out += r.output;
    }
    return out;
  }

  /** The first line of `text` matching an error pattern, or undefined. */
  private findError(text: string, usePlatform: boolean, extra: RegExp[] = []): string | undefined {
    const patterns = usePlatform ? [...this.platform.errorPatterns, ...extra] : extra;
    for (const re of patterns) {
      re.lastIndex = 0;
      const m = re.exec(text);
      if (!m) continue;
      const start = text.lastIndexOf("\n", m.index) + 1;
      const end = text.indexOf("\n", m.index);
      return text.slice(start, end < 0 ? undefined : end).trim();
    }
    return undefined;
  }

  private commandError(what: string, command: string, detail: string, output: string): CommandError {
    const cmd = this.redactor.scrub(command);
    const shown = this.scrubTail(output);
    return new CommandError(
      `${what} on ${this.where.host} (${this.platform.name}): ${this.redactor.scrub(detail)}`,
      cmd,
      shown,
      this.where,
    );
  }

  private scrubTail(text: string, n = 500): string {
    return tail(this.redactor.scrub(text), n);
  }
}

function escapeClass(chars: string): string {
  return chars.replace(/[\]\\^-]/g, "\\$&");
}

/** The last `n` lines of `text` (all of it when it has fewer); runs after every prompt, so no split of the whole output. */
function lastLines(text: string, n: number): string {
  let i = text.length;
  for (let k = 0; k < n; k++) {
    if (i <= 0) return text;
    i = text.lastIndexOf("\n", i - 1);
    if (i < 0) return text;
  }
  return text.slice(i + 1);
}

/** Drops the echoed command (first line, when it is the echo), the prompt and its context lines. */
export function stripEcho(output: string, cmd: string, platform: Platform): string {
  const lines = output.split("\n");
  const echo = cmd.trim();
  if (lines.length > 0 && (echo === "" ? lines[0]!.trim() === "" : lines[0]!.includes(echo))) lines.shift();
  lines.pop();
  const ctx = platform.promptContextLines;
  while (lines.length > 0 && (lines[lines.length - 1]!.trim() === "" || (ctx && ctx.test(lines[lines.length - 1]!)))) {
    lines.pop();
  }
  return lines.join("\n");
}

/**
 * Debug logging of the wire, scrubbed of secrets. `enabled` is checked before
 * building a log entry, so a session without a debug logger pays nothing.
 */
class Wire {
  readonly enabled: boolean;
  constructor(
    private readonly logger: WireLogger | undefined,
    private readonly redactor: Redactor,
    private readonly base: Record<string, unknown>,
  ) {
    this.enabled = logger !== undefined && (logger.isLevelEnabled?.("debug") ?? true);
  }
  log(msg: string, fields: Record<string, unknown>): void {
    if (!this.enabled) return;
    const clean: Record<string, unknown> = { ...this.base };
    for (const [k, v] of Object.entries(fields)) clean[k] = typeof v === "string" ? this.redactor.scrub(v) : v;
    this.logger!.debug(clean, `cli-session: ${msg}`);
  }
}

// Kept for callers that build prompt patterns for custom platforms.
export { promptPatternFor };

/** Does `pattern` match in what `output` holds after the last echo of `command`? */
function afterLast(output: string, command: string, pattern: RegExp): boolean {
  const at = output.lastIndexOf(command);
  if (at < 0) return false;
  pattern.lastIndex = 0;
  return pattern.test(output.slice(at + command.length));
}

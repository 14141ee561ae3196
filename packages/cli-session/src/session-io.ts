/**
 * The session's reading and writing: the learned prompt, one line out and
 * the reply read up to the prompt (or a question) with a deadline, dialogue
 * answers, error matching and scrubbed errors. The mode changes build on
 * this (`session-modes.ts`), the public session on those (`session.ts`).
 */
import type { Channel } from "./channel.js";
import { CommandError, ReadTimeoutError } from "./errors.js";
import { escapeRegExp, tail, type Redactor } from "./text.js";
import type { Transcript } from "./transcript.js";
import type { Transport } from "./transport.js";
import type { DialogueStep, Platform, SessionOptions, WireLogger } from "./types.js";

export const DEFAULT_READ_TIMEOUT_MS = 10_000;
export const DEFAULT_SAVE_TIMEOUT_MS = 100_000;
/** Bounds on dialogue rounds so a looping device cannot hold a session forever. */
export const MAX_LOGIN_ROUNDS = 8;
export const MAX_DIALOGUE_ROUNDS = 5;
export const CTRL_C = "\x03";
/** Milliseconds since `t0` (performance.now()), rounded for logs. */
export const since = (t0: number) => Math.round(performance.now() - t0);

export interface LineResult {
  output: string;
  /** The pattern index that ended the read: 0 is the prompt, others are the extras passed in. */
  index: number;
}

export abstract class SessionIo {
  readonly platform: Platform;
  protected base = "";
  protected promptRe: RegExp;
  /** Prompt of the platform (any hostname), only after a newline: for reads right after a write. */
  protected readonly genericAfterWrite: RegExp;
  /** The last lines up to and including the last prompt seen: tells the current mode. */
  protected promptBlock = "";
  /** A read timed out: the device may still be busy, so close() skips the polite logout. */
  protected tainted = false;
  protected readonly terminators: string;
  /** Login answered an in-band password question (PowerConnect): a failed login is then an authentication failure. */
  protected inbandPasswordSent = false;

  protected constructor(
    protected readonly options: SessionOptions,
    platform: Platform,
    protected readonly transport: Transport,
    protected readonly channel: Channel,
    protected readonly redactor: Redactor,
    protected readonly transcript: Transcript,
    protected readonly wire: Wire,
  ) {
    this.platform = platform;
    this.terminators = platform.promptTerminators ?? "#>";
    const terms = escapeClass(this.terminators);
    this.genericAfterWrite = new RegExp(`\\n[^\\n]*[${terms}][ \\t]*$`);
    this.promptRe = this.genericAfterWrite;
  }

  protected get where(): { host: string; port: number } {
    return { host: this.options.host, port: this.options.port ?? 22 };
  }

  protected get readTimeout(): number {
    return this.options.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS;
  }

  protected get saveTimeout(): number {
    return this.options.saveTimeoutMs ?? DEFAULT_SAVE_TIMEOUT_MS;
  }

  /** Sets the base prompt from the last line of `output` (netmiko's set_base_prompt). */
  protected learnPrompt(output: string): void {
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
  protected async sendLine(line: string, timeoutMs: number, extra: RegExp[] = [], promptOverride?: RegExp): Promise<LineResult> {
    this.channel.drain();
    const t0 = performance.now();
    this.channel.write(line + this.platform.returnChar);
    const r = await this.readPrompt(timeoutMs, extra, promptOverride);
    if (this.wire.enabled) this.wire.log("sent", { command: line, answer: stripEcho(r.output, line, this.platform), ms: since(t0) });
    return r;
  }

  protected async readPrompt(timeoutMs: number, extra: RegExp[] = [], promptOverride?: RegExp): Promise<LineResult> {
    const r = await this.read([promptOverride ?? this.promptRe, ...extra], timeoutMs);
    if (r.index === 0) this.promptBlock = lastLines(r.output, 3);
    return { output: r.output, index: r.index };
  }

  protected read(patterns: RegExp[], timeoutMs: number) {
    return this.channel.readUntil(patterns, timeoutMs).catch((err: unknown) => {
      if (err instanceof ReadTimeoutError) this.tainted = true;
      throw err;
    });
  }

  protected isInConfig(): boolean {
    const c = this.platform.config;
    return c ? c.inConfigPattern.test(this.promptBlock) : true;
  }

  /** Sends `cmd`, answering each question in `steps` until the prompt returns. */
  protected async dialogue(cmd: string, steps: DialogueStep[], timeoutMs: number, promptOverride?: RegExp): Promise<string> {
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
  protected findError(text: string, usePlatform: boolean, extra: RegExp[] = []): string | undefined {
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

  protected commandError(what: string, command: string, detail: string, output: string): CommandError {
    const cmd = this.redactor.scrub(command);
    const shown = this.scrubTail(output);
    return new CommandError(
      `${what} on ${this.where.host} (${this.platform.name}): ${this.redactor.scrub(detail)}`,
      cmd,
      shown,
      this.where,
    );
  }

  protected scrubTail(text: string, n = 500): string {
    return tail(this.redactor.scrub(text), n);
  }
}

export function escapeClass(chars: string): string {
  return chars.replace(/[\]\\^-]/g, "\\$&");
}

/** The last `n` lines of `text` (all of it when it has fewer); runs after every prompt, so no split of the whole output. */
export function lastLines(text: string, n: number): string {
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
export class Wire {
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


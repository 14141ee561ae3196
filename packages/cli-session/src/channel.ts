/**
 * Channel: normalised text over the shell stream and "read until a pattern,
 * within a deadline". Knows nothing about vendors.
 */
import type { ClientChannel } from "ssh2";
import { ChannelClosedError, ReadTimeoutError } from "./errors.js";
import { OutputCleaner, Redactor, tail } from "./text.js";
import type { Transcript } from "./transcript.js";

/** Patterns are tested against new text plus this much already-scanned text (prompts are short). */
const OVERLAP = 2048;

export interface ReadResult {
  /** Everything read up to and including the match. */
  output: string;
  /** Which pattern matched. */
  index: number;
  match: RegExpExecArray;
}

interface Waiter {
  patterns: RegExp[];
  resolve: (r: ReadResult) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

export class Channel {
  private buf = "";
  private scanned = 0;
  private waiter: Waiter | undefined;
  private closedError: ChannelClosedError | undefined;
  private readonly cleaner = new OutputCleaner();

  constructor(
    private readonly stream: ClientChannel,
    private readonly where: { host: string; port: number },
    private readonly redactor: Redactor,
    private readonly transcript: Transcript,
  ) {
    const onData = (d: Buffer) => this.receive(this.cleaner.push(d.toString("utf8")));
    stream.on("data", onData);
    stream.stderr.on("data", onData);
    stream.on("close", () => this.markClosed("the device closed the session"));
  }

  get isClosed(): boolean {
    return this.closedError !== undefined;
  }

  /** Marks the channel dead (also used when the SSH connection reports an error). */
  markClosed(reason: string, cause?: unknown): void {
    if (this.closedError) return;
    this.receive(this.cleaner.flush());
    this.transcript.flush();
    this.closedError = new ChannelClosedError(
      `SSH channel to ${this.where.host}:${this.where.port} closed: ${reason}. Last output:\n${this.safeTail()}`,
      this.safeTail(),
      { ...this.where, ...(cause !== undefined ? { cause } : {}) },
    );
    const w = this.waiter;
    if (w) {
      this.waiter = undefined;
      clearTimeout(w.timer);
      w.reject(this.closedError);
    }
  }

  /** Writes raw text. Writes never reach the transcript (secrets are sent through here too). */
  write(text: string): void {
    if (this.closedError) throw this.closedError;
    this.stream.write(text);
  }

  /** Drops everything received so far (netmiko's clear_buffer), returning it. */
  drain(): string {
    const out = this.buf;
    this.buf = "";
    this.scanned = 0;
    return out;
  }

  /** Resolves when one of `patterns` matches; rejects with ReadTimeoutError at the deadline or ChannelClosedError. */
  readUntil(patterns: RegExp[], timeoutMs: number): Promise<ReadResult> {
    if (this.waiter) return Promise.reject(new Error("cli-session: concurrent reads on one channel"));
    return new Promise<ReadResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.waiter?.timer !== timer) return;
        this.waiter = undefined;
        const out = this.safeTail();
        const shown = patterns.map((p) => p.source).join(" | ");
        reject(new ReadTimeoutError(
          `Timed out after ${timeoutMs} ms waiting for ${shown} from ${this.where.host}:${this.where.port}. ` +
            `Last output:\n${out}\nTo resolve this issue, check the device is responsive or raise read_timeout_override.`,
          shown,
          timeoutMs,
          out,
          this.where,
        ));
      }, timeoutMs);
      this.waiter = { patterns, resolve, reject, timer };
      // Everything already buffered is unscanned for this waiter.
      this.scanned = 0;
      this.check();
      if (this.waiter && this.closedError) {
        this.waiter = undefined;
        clearTimeout(timer);
        reject(this.closedError);
      }
    });
  }

  private receive(text: string): void {
    if (!text) return;
    this.buf += text;
    this.transcript.push(text);
    this.check();
  }

  private check(): void {
    const w = this.waiter;
    if (!w) return;
    const from = Math.max(0, this.scanned - OVERLAP);
    const window = this.buf.slice(from);
    this.scanned = this.buf.length;
    for (let i = 0; i < w.patterns.length; i++) {
      const re = w.patterns[i]!;
      re.lastIndex = 0;
      const m = re.exec(window);
      if (!m) continue;
      const end = from + m.index + m[0].length;
      const output = this.buf.slice(0, end);
      this.buf = this.buf.slice(end);
      this.scanned = 0;
      this.waiter = undefined;
      clearTimeout(w.timer);
      w.resolve({ output, index: i, match: m });
      return;
    }
  }

  private safeTail(): string {
    return tail(this.redactor.scrub(this.buf), 500);
  }
}

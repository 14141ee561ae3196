/**
 * Session transcript: received text, scrubbed of secrets even when a secret
 * spans two chunks. A file gets the session as one block, appended when the
 * session closes, so parallel sessions writing the same `session_log_file`
 * never interleave (a very long session is appended in blocks of BLOCK_BYTES).
 */
import { appendFile } from "node:fs/promises";
import { Redactor } from "./text.js";
import type { SessionLog } from "./types.js";

/** A pooled session can live for hours: past this much text, append what there is and go on. */
const BLOCK_BYTES = 1 << 20;

export class Transcript {
  private pending = "";
  private readonly holdBack: number;
  private readonly file: string | undefined;
  private readonly sink: SessionLog | undefined;
  /** Scrubbed text not yet appended to the file. */
  private block: string[] = [];
  private blockLength = 0;
  /** Appends in flight, in order. */
  private writing: Promise<void> = Promise.resolve();

  constructor(
    target: string | SessionLog | undefined,
    private readonly secrets: string[],
    private readonly redactor: Redactor,
  ) {
    this.holdBack = Math.max(0, ...secrets.map((s) => s.length - 1));
    if (typeof target === "string") {
      this.file = target;
    } else {
      this.sink = target;
    }
  }

  get enabled(): boolean {
    return this.file !== undefined || this.sink !== undefined;
  }

  /** Text that is not device output (session header, notes); scrubbed too. */
  note(text: string): void {
    this.flush();
    this.emit(this.redactor.scrub(text));
  }

  push(text: string): void {
    if (!this.enabled || !text) return;
    this.pending += text;
    let safe = this.pending.length - this.holdBack;
    if (safe <= 0) return;
    // Do not cut through a secret that starts before the cut and ends after it.
    for (const s of this.secrets) {
      let i = this.pending.indexOf(s, Math.max(0, safe - s.length + 1));
      while (i >= 0 && i < safe) {
        if (i + s.length > safe) safe = i;
        i = this.pending.indexOf(s, i + 1);
      }
    }
    if (safe <= 0) return;
    const out = this.pending.slice(0, safe);
    this.pending = this.pending.slice(safe);
    this.emit(this.redactor.scrub(out));
  }

  flush(): void {
    if (!this.pending) return;
    const out = this.pending;
    this.pending = "";
    this.emit(this.redactor.scrub(out));
  }

  async close(): Promise<void> {
    this.flush();
    this.appendBlock();
    await this.writing;
  }

  private emit(text: string): void {
    if (!text) return;
    if (this.file) {
      this.block.push(text);
      this.blockLength += text.length;
      if (this.blockLength >= BLOCK_BYTES) this.appendBlock();
    } else this.sink?.write(text);
  }

  /** One append (one write with O_APPEND) per block. */
  private appendBlock(): void {
    const file = this.file;
    if (!file || this.block.length === 0) return;
    const text = this.block.join("");
    this.block = [];
    this.blockLength = 0;
    // Transcripts may show configuration; keep them private to the owner. A failed write never fails the session.
    this.writing = this.writing.then(() => appendFile(file, text, { mode: 0o600 }).catch(() => undefined));
  }
}

/** Session transcript: received text, scrubbed of secrets even when a secret spans two chunks. */
import { createWriteStream, type WriteStream } from "node:fs";
import { Redactor } from "./text.js";
import type { SessionLog } from "./types.js";

export class Transcript {
  private pending = "";
  private readonly holdBack: number;
  private readonly file: WriteStream | undefined;
  private readonly sink: SessionLog | undefined;

  constructor(
    target: string | SessionLog | undefined,
    private readonly secrets: string[],
    private readonly redactor: Redactor,
  ) {
    this.holdBack = Math.max(0, ...secrets.map((s) => s.length - 1));
    if (typeof target === "string") {
      // Transcripts may show configuration; keep them private to the owner.
      this.file = createWriteStream(target, { flags: "a", mode: 0o600 });
      this.file.on("error", () => {});
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
    const file = this.file;
    if (file) await new Promise<void>((resolve) => file.end(() => resolve()));
  }

  private emit(text: string): void {
    if (!text) return;
    if (this.file) this.file.write(text);
    else this.sink?.write(text);
  }
}

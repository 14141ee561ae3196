/** A one-line progress bar on stderr, drawn only when stderr is a terminal. */

export interface Progress {
  /** Count finished steps (ok or failed). */
  tick(n?: number, failed?: number): void;
  stop(): void;
}

export interface ProgressOptions {
  total: number;
  stream?: NodeJS.WriteStream;
  /** Force on/off; default: on when the stream is a TTY. */
  enabled?: boolean;
}

const WIDTH = 30;
const REDRAW_MS = 100;

export function createProgress(opts: ProgressOptions): Progress {
  const stream = opts.stream ?? process.stderr;
  const enabled = opts.enabled ?? Boolean(stream.isTTY);
  let done = 0;
  let failed = 0;
  const t0 = performance.now();
  let lastDraw = 0;
  const draw = (force = false): void => {
    const now = performance.now();
    if (!force && now - lastDraw < REDRAW_MS) return;
    lastDraw = now;
    const frac = opts.total > 0 ? Math.min(1, done / opts.total) : 1;
    const filled = Math.round(frac * WIDTH);
    const rate = done / Math.max(0.001, (now - t0) / 1000);
    const err = failed > 0 ? `  ${failed} failed` : "";
    stream.write(`\r[${"#".repeat(filled)}${".".repeat(WIDTH - filled)}] ${done}/${opts.total} ops  ${rate.toFixed(1)} ops/s${err}\x1b[K`);
  };
  if (!enabled) return { tick: () => {}, stop: () => {} };
  draw(true);
  return {
    tick(n = 1, f = 0) {
      done += n;
      failed += f;
      draw(done >= opts.total);
    },
    stop() {
      draw(true);
      stream.write("\n");
    },
  };
}

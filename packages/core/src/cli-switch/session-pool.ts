/**
 * The per-device reuse pool (`ngs_ssh_reuse_connection`): a LIFO stack of
 * idle sessions, at most `size` of them, so the most recently used (most
 * likely still alive) session is taken first.
 */
export interface PooledSession {
  isAlive(): boolean | Promise<boolean>;
  /** Known dead without a round trip; when absent, every take probes. */
  readonly isClosed?: boolean;
  close(): Promise<void> | void;
}

/**
 * A session handed back this recently (after a good prompt) is taken without
 * the liveness round trip: in a burst of operations the probe would cost one
 * extra round trip each. A connection that died silently in this window
 * fails the operation's first read, and withSession retries it once on a
 * fresh connection, as for any session that breaks mid-operation.
 */
export const PROBE_AFTER_IDLE_MS = 1_000;

interface Idle<S> {
  session: S;
  /** Date.now() when it was given back. */
  since: number;
}

export class SessionPool<S extends PooledSession> {
  readonly #idle: Idle<S>[] = [];

  constructor(
    readonly size: number,
    readonly probeAfterIdleMs = PROBE_AFTER_IDLE_MS,
  ) {}

  get idleCount(): number {
    return this.#idle.length;
  }

  /** The newest idle session that is still alive; dead ones are closed and dropped. */
  async take(): Promise<S | undefined> {
    for (let idle = this.#idle.pop(); idle !== undefined; idle = this.#idle.pop()) {
      const s = idle.session;
      if (s.isClosed === false && Date.now() - idle.since < this.probeAfterIdleMs) return s;
      let alive = false;
      if (s.isClosed !== true) {
        try {
          alive = await s.isAlive();
        } catch {
          alive = false;
        }
      }
      if (alive) return s;
      await closeQuietly(s);
    }
    return undefined;
  }

  /** Keep a healthy session for the next caller, or close it when the pool is full. */
  async give(s: S): Promise<void> {
    if (this.#idle.length < this.size) this.#idle.push({ session: s, since: Date.now() });
    else await closeQuietly(s);
  }

  /** Close every idle session (after a config error, and on shutdown). */
  async drain(): Promise<void> {
    const all = this.#idle.splice(0);
    await Promise.all(all.map((i) => closeQuietly(i.session)));
  }
}

export async function closeQuietly(s: PooledSession): Promise<void> {
  try {
    await s.close();
  } catch {
    // Closing a broken session can fail; it is gone either way.
  }
}

/**
 * The per-device reuse pool (`ngs_ssh_reuse_connection`): a LIFO stack of
 * idle sessions, at most `size` of them, so the most recently used (most
 * likely still alive) session is taken first.
 */
export interface PooledSession {
  isAlive(): boolean | Promise<boolean>;
  close(): Promise<void> | void;
}

export class SessionPool<S extends PooledSession> {
  readonly #idle: S[] = [];

  constructor(readonly size: number) {}

  get idleCount(): number {
    return this.#idle.length;
  }

  /** The newest idle session that is still alive; dead ones are closed and dropped. */
  async take(): Promise<S | undefined> {
    for (let s = this.#idle.pop(); s !== undefined; s = this.#idle.pop()) {
      let alive = false;
      try {
        alive = await s.isAlive();
      } catch {
        alive = false;
      }
      if (alive) return s;
      await closeQuietly(s);
    }
    return undefined;
  }

  /** Keep a healthy session for the next caller, or close it when the pool is full. */
  async give(s: S): Promise<void> {
    if (this.#idle.length < this.size) this.#idle.push(s);
    else await closeQuietly(s);
  }

  /** Close every idle session (after a config error, and on shutdown). */
  async drain(): Promise<void> {
    const all = this.#idle.splice(0);
    await Promise.all(all.map(closeQuietly));
  }
}

export async function closeQuietly(s: PooledSession): Promise<void> {
  try {
    await s.close();
  } catch {
    // Closing a broken session can fail; it is gone either way.
  }
}

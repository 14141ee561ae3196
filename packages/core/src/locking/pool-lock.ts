import type { Coordinator, CoordinatorLock } from "../coordinator.js";
import { GenericSwitchLockAcquireFailed } from "../errors.js";
import type { Logger } from "../logging.js";

export interface PoolLockOptions {
  /** How many holders may run at once (`ngs_max_connections`). */
  poolSize: number;
  /** Lock names are `<prefix><i>`, no separator (upstream's layout): the switch host or ip. */
  prefix: string;
  /** Give up after this long (`acquire_timeout` × 1000); 0 waits forever. */
  timeoutMs: number;
  /**
   * The longest pause between rounds (upstream: a random 0–1 s). When the
   * coordinator can wait for a release, a round ends at the release and this
   * only bounds the wait, should an event be missed.
   */
  maxWaitMs?: number;
  logger?: Logger;
  /**
   * Asked after every round that found all names taken: an error ends the
   * wait with it (e.g. the holder just found the switch unreachable, so
   * waiting for the lock only to fail the same way helps nobody).
   */
  stopWaiting?: () => Error | undefined;
}

/**
 * Upstream's PoolLock (docs/upstream.md#locking): up to `poolSize` holders per switch
 * across every process sharing the coordinator. Each round tries every
 * name once without waiting. Between rounds it waits for one of them to be
 * released (coordinators with `waitForRelease`), at most `maxWaitMs`; with
 * other coordinators it pauses a random 0–maxWait, as upstream does.
 * Without a coordinator it does nothing (upstream without backend_url).
 */
export class PoolLock {
  private held: CoordinatorLock | undefined;
  private readonly maxWaitMs: number;

  constructor(
    private readonly coordinator: Coordinator | undefined,
    private readonly opts: PoolLockOptions,
  ) {
    if (!Number.isInteger(opts.poolSize) || opts.poolSize < 1) throw new RangeError(`PoolLock poolSize must be an integer >= 1, got ${opts.poolSize}`);
    if (!(opts.timeoutMs >= 0)) throw new RangeError(`PoolLock timeoutMs must be >= 0, got ${opts.timeoutMs}`);
    this.maxWaitMs = opts.maxWaitMs ?? 1000;
  }

  /** The name of the lock held, if any. */
  get heldName(): string | undefined {
    return this.held?.name;
  }

  async acquire(): Promise<void> {
    if (!this.coordinator) return;
    if (this.held) throw new Error(`PoolLock for ${this.opts.prefix} is already held (${this.held.name})`);
    const { poolSize, prefix, timeoutMs } = this.opts;
    const deadline = timeoutMs > 0 ? Date.now() + timeoutMs : Infinity;
    for (;;) {
      const taken: CoordinatorLock[] = [];
      for (let i = 0; i < poolSize; i++) {
        const lock = this.coordinator.getLock(`${prefix}${i}`);
        if (await lock.tryAcquire()) {
          this.held = lock;
          return;
        }
        taken.push(lock);
      }
      const stop = this.opts.stopWaiting?.();
      if (stop) throw stop;
      const left = deadline - Date.now();
      if (left <= 0) {
        const err = new GenericSwitchLockAcquireFailed({ pool_size: poolSize, prefix, timeout: timeoutMs / 1000 });
        this.opts.logger?.error({ prefix, poolSize, timeoutMs }, err.message);
        throw err;
      }
      await this.pause(taken, left);
    }
  }

  /** Between rounds: until a release (or at most `maxWaitMs`), else upstream's random back-off. */
  private async pause(taken: CoordinatorLock[], leftMs: number): Promise<void> {
    const coordinator = this.coordinator!;
    const backOff = () => sleep(Math.min(Math.random() * this.maxWaitMs, leftMs));
    if (!coordinator.waitForRelease) return backOff();
    const stop = new AbortController();
    // setTimeout fires at once past 2^31-1 ms: cap it.
    const timer = setTimeout(() => stop.abort(), Math.min(this.maxWaitMs, leftMs, 2 ** 31 - 1));
    try {
      await coordinator.waitForRelease(taken, stop.signal);
    } catch (e) {
      this.opts.logger?.warn({ prefix: this.opts.prefix, err: (e as Error).message }, "cannot wait for a lock release; retrying after a random back-off");
      clearTimeout(timer);
      await backOff();
    } finally {
      clearTimeout(timer);
    }
  }

  async release(): Promise<void> {
    const lock = this.held;
    this.held = undefined;
    await lock?.release();
  }

  /** Run `fn` holding one of the pool's locks; released on every path. */
  async withLock<T>(fn: () => Promise<T> | T): Promise<T> {
    await this.acquire();
    try {
      return await fn();
    } finally {
      await this.release();
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

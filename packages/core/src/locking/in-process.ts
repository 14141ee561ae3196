import type { Coordinator, CoordinatorLock } from "../coordinator.js";

/** Someone in `waitForRelease`, queued in arrival order. */
interface Waiter {
  readonly names: ReadonlySet<string>;
  wake(): void;
}

/**
 * Named locks shared by everything in this process: the embedded default
 * when one host runs every driver (no backend_url). Each `getLock` call
 * returns a distinct holder, so two concurrent operations in one process
 * exclude each other. Waiters queue first come, first served: each release
 * wakes the longest-waiting caller interested in that name, so the lock never
 * sits idle and holders get in roughly in arrival order.
 */
export class InProcessCoordinator implements Coordinator {
  private readonly holders = new Map<string, object>();
  private readonly waiters: Waiter[] = [];
  private closed = false;

  getLock(name: string): CoordinatorLock {
    const token = {};
    const holders = this.holders;
    const isClosed = () => this.closed;
    const released = () => this.wakeOne(name);
    return {
      name,
      async tryAcquire(): Promise<boolean> {
        if (isClosed()) throw new Error(`coordinator is closed; cannot take lock ${name}`);
        const owner = holders.get(name);
        if (owner === token) return true;
        if (owner !== undefined) return false;
        holders.set(name, token);
        return true;
      },
      async release(): Promise<void> {
        if (holders.get(name) !== token) return;
        holders.delete(name);
        released();
      },
    };
  }

  async waitForRelease(locks: readonly CoordinatorLock[], signal?: AbortSignal): Promise<void> {
    if (this.closed || signal?.aborted) return;
    // Freed between the caller's refusal and now: no release is coming to wake it.
    if (locks.some((l) => !this.holders.has(l.name))) return;
    await new Promise<void>((resolve) => {
      const onAbort = () => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        resolve();
      };
      const waiter: Waiter = {
        names: new Set(locks.map((l) => l.name)),
        wake: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  /** Wake one waiter (the one queued longest) for `name`: one release, one taker. */
  private wakeOne(name: string): void {
    const i = this.waiters.findIndex((w) => w.names.has(name));
    if (i < 0) return;
    const [waiter] = this.waiters.splice(i, 1);
    waiter!.wake();
  }

  /** Names currently held (for diagnostics and tests). */
  heldLocks(): string[] {
    return [...this.holders.keys()].sort();
  }

  /** Callers waiting for a release (for diagnostics and tests). */
  get waiting(): number {
    return this.waiters.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.holders.clear();
    for (const w of this.waiters.splice(0)) w.wake();
  }
}

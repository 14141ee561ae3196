import type { Coordinator, CoordinatorLock } from "../coordinator.js";

/**
 * Named locks shared by everything in this process: the embedded default
 * when one host runs every driver (no backend_url). Each `getLock` call
 * returns a distinct holder, so two concurrent operations in one process
 * exclude each other.
 */
export class InProcessCoordinator implements Coordinator {
  private readonly holders = new Map<string, object>();
  private closed = false;

  getLock(name: string): CoordinatorLock {
    const token = {};
    const holders = this.holders;
    const isClosed = () => this.closed;
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
        if (holders.get(name) === token) holders.delete(name);
      },
    };
  }

  /** Names currently held (for diagnostics and tests). */
  heldLocks(): string[] {
    return [...this.holders.keys()].sort();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.holders.clear();
  }
}

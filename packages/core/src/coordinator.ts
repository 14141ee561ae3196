/**
 * What locking needs from a coordination backend. The in-process coordinator
 * serves one host; the etcd coordinator serves many.
 */
export interface CoordinatorLock {
  readonly name: string;
  /** Try once; true when this caller now holds the lock. Never waits. */
  tryAcquire(): Promise<boolean>;
  /** Release if held; a no-op otherwise. */
  release(): Promise<void>;
}

export interface Coordinator {
  getLock(name: string): CoordinatorLock;
  /** Release everything this coordinator holds and stop its background work. */
  close(): Promise<void>;
  /**
   * Optional: resolve once one of `locks` (from this coordinator's `getLock`,
   * each just refused by `tryAcquire`) may be free again — its holder released
   * it, or the holder's lease ran out — or when `signal` aborts or the
   * coordinator closes. A release between that refusal and this call counts,
   * so it resolves at once. It may resolve without a release (callers simply
   * try again) and may reject when it cannot watch (callers then back off).
   * Without it PoolLock polls every name after a random back-off.
   */
  waitForRelease?(locks: readonly CoordinatorLock[], signal?: AbortSignal): Promise<void>;
}

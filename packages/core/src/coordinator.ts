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
}

import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Etcd3, Lease } from "etcd3";
import type { Coordinator, CoordinatorLock } from "../coordinator.js";
import { defaultLogger, type Logger } from "../logging.js";
import type { BackendUrl } from "./backend-url.js";
import { connectEtcd, type EtcdClientOptions, type EtcdConnection } from "./etcd-client.js";
import { ReleaseWatch } from "./release-watch.js";

/** Where PoolLock's named locks live in etcd. */
export const LOCK_KEY_PREFIX = "/ngs/locks/";
/** tooz's default `lock_timeout`: a dead holder's lock frees after this many seconds. */
export const DEFAULT_LOCK_TTL_S = 30;

export interface EtcdCoordinatorOptions {
  /** Lease TTL of held locks, seconds (default: the URL's `lock_timeout`, else 30). */
  lockTtlS?: number;
  logger?: Logger;
  /** Shown in lock values, to tell holders apart when debugging (default `ngs-<hostname>`). */
  memberId?: string;
  /** Close the etcd client on `close()` (default true when the coordinator created it). */
  ownsClient?: boolean;
}

/**
 * `Coordinator` over etcd: a lock is a key created only if absent (a try-lock),
 * bound to a lease this process keeps alive. If the process dies the lease
 * expires after its TTL and etcd deletes the key, freeing the lock.
 */
export class EtcdCoordinator implements Coordinator {
  readonly client: Etcd3;
  readonly backend: BackendUrl | undefined;
  readonly lockTtlS: number;
  readonly memberId: string;
  readonly #logger: Logger;
  readonly #ownsClient: boolean;
  readonly #held = new Set<EtcdLock>();
  /** Pending `waitForRelease` calls and their watchers; close() ends them. */
  readonly #releases: ReleaseWatch;
  #lease: Lease | undefined;
  readonly #renewals = new Map<Lease, NodeJS.Timeout>();
  #closed = false;

  constructor(client: Etcd3, opts: EtcdCoordinatorOptions & { backend?: BackendUrl } = {}) {
    this.client = client;
    this.backend = opts.backend;
    this.lockTtlS = opts.lockTtlS ?? opts.backend?.lockTimeoutS ?? DEFAULT_LOCK_TTL_S;
    this.memberId = opts.memberId ?? `ngs-${hostname()}`;
    this.#logger = opts.logger ?? defaultLogger();
    this.#ownsClient = opts.ownsClient ?? false;
    this.#releases = new ReleaseWatch(client);
  }

  /** Connect to `backend_url` (throws a clear error naming the redacted URL when etcd is unreachable). */
  static async connect(url: string | BackendUrl, opts: EtcdCoordinatorOptions & EtcdClientOptions = {}): Promise<EtcdCoordinator> {
    const conn: EtcdConnection = await connectEtcd(url, opts);
    return new EtcdCoordinator(conn.client, { ...opts, backend: conn.backend, ownsClient: opts.ownsClient ?? true });
  }

  getLock(name: string): CoordinatorLock {
    return new EtcdLock(this, name);
  }

  /**
   * Wait for a delete of the locks' keys — a holder's release, or etcd dropping
   * the key when the holder's lease expired — after the revision at which
   * `tryAcquire` found each one taken, so a release in between still counts.
   */
  async waitForRelease(locks: readonly CoordinatorLock[], signal?: AbortSignal): Promise<void> {
    if (this.#closed) return;
    const keys = locks.map((l) => {
      if (!(l instanceof EtcdLock)) throw new TypeError(`lock ${l.name} does not come from this etcd coordinator`);
      return { key: l.key, refusedAt: l.refusedAt };
    });
    await this.#releases.wait(keys, signal);
  }

  /** The shared lease held locks hang on; a new one after the old was lost. */
  async lease(): Promise<{ lease: Lease; id: string }> {
    if (this.#closed) throw new Error("coordinator is closed");
    if (!this.#lease || this.#lease.revoked()) {
      // Renewed by us, not by etcd3's auto keep-alive: in etcd3 1.1.2 a
      // keep-alive answer that lands after revoke() re-arms a TTL-long timer
      // and keeps a closed host's process alive (seen with the batch worker lock).
      const lease = this.client.lease(this.lockTtlS, { autoKeepAlive: false });
      let lost = false;
      const onLost = (err: Error) => {
        if (lost) return;
        lost = true;
        clearInterval(renew);
        this.#renewals.delete(lease);
        this.#logger.error({ err: err.message }, "etcd lock lease lost; locks held on it are no longer held");
        if (this.#lease === lease) this.#lease = undefined;
        for (const l of this.#held) if (l.lease === lease) l.forget();
      };
      lease.on("lost", onLost);
      let renewed = Date.now();
      let inFlight = false;
      const renew = setInterval(() => {
        if (lease.revoked()) return clearInterval(renew);
        // Past the TTL without a renewal, etcd has dropped the keys: say so.
        if (Date.now() - renewed > this.lockTtlS * 1000) {
          lease.release();
          return onLost(new Error("could not renew the etcd lock lease within its TTL"));
        }
        if (inFlight) return;
        inFlight = true;
        lease
          .keepaliveOnce()
          .then(() => void (renewed = Date.now()), () => undefined)
          .finally(() => (inFlight = false));
      }, (this.lockTtlS * 1000) / 3);
      renew.unref();
      this.#renewals.set(lease, renew);
      this.#lease = lease;
    }
    const lease = this.#lease;
    return { lease, id: await lease.grant() };
  }

  /** @internal */
  track(lock: EtcdLock, held: boolean): void {
    if (held) this.#held.add(lock);
    else this.#held.delete(lock);
  }

  get heldLocks(): number {
    return this.#held.size;
  }

  /** Callers in `waitForRelease` (for diagnostics and tests). */
  get waiting(): number {
    return this.#releases.waiting;
  }

  /** Release held locks, revoke the lease, close the client (in that order, so the process can exit). */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#releases.close();
    await Promise.allSettled([...this.#held].map((l) => l.release()));
    const lease = this.#lease;
    this.#lease = undefined;
    for (const timer of this.#renewals.values()) clearInterval(timer);
    this.#renewals.clear();
    if (lease && !lease.revoked()) {
      try {
        await lease.revoke();
      } catch (e) {
        // etcd may be gone; the lease then expires on its own. Stop keep-alives regardless.
        this.#logger.warn({ err: (e as Error).message }, "could not revoke the etcd lock lease; it expires after its TTL");
        lease.release();
      }
    }
    if (this.#ownsClient) this.client.close();
  }
}

class EtcdLock implements CoordinatorLock {
  readonly name: string;
  readonly key: string;
  /** The lease the lock is bound to while held. */
  lease: Lease | undefined;
  /** The store revision at which `tryAcquire` last found the key taken. */
  refusedAt: bigint | undefined;
  #value: string | undefined;

  constructor(
    private readonly coordinator: EtcdCoordinator,
    name: string,
  ) {
    this.name = name;
    this.key = LOCK_KEY_PREFIX + name;
  }

  /** The lease is gone, and with it the key: this lock is no longer held. */
  forget(): void {
    this.#value = undefined;
    this.lease = undefined;
    this.coordinator.track(this, false);
  }

  async tryAcquire(): Promise<boolean> {
    if (this.#value !== undefined) return true; // already ours (same as the in-process coordinator)
    const { lease, id: leaseId } = await this.coordinator.lease();
    const value = `${this.coordinator.memberId}/${process.pid}/${randomUUID()}`;
    const res = await this.coordinator.client
      .if(this.key, "Create", "==", 0)
      .then(this.coordinator.client.put(this.key).value(value).lease(leaseId))
      .else(this.coordinator.client.get(this.key))
      .commit();
    // A retried commit whose first attempt went through finds our own value: that is ours too.
    if (!res.succeeded && res.responses[0]?.response_range?.kvs?.[0]?.value?.toString() !== value) {
      this.refusedAt = BigInt(res.header.revision);
      return false;
    }
    this.#value = value;
    this.lease = lease;
    this.coordinator.track(this, true);
    return true;
  }

  async release(): Promise<void> {
    const value = this.#value;
    if (value === undefined) return;
    this.forget();
    // Delete only our own key: after a lost lease someone else may hold the name.
    await this.coordinator.client.if(this.key, "Value", "==", value).then(this.coordinator.client.delete().key(this.key)).commit();
  }
}

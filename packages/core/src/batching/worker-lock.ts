import { hostname } from "node:os";
import type { Etcd3, Lease } from "etcd3";
import { encodeRecord } from "./keys.js";
import type { PendingBatch } from "./queue-item.js";
import type { SwitchQueue } from "./switch-queue.js";

/** An outcome to record: the batch, the input's revision once started (or as read, when never started), and what happened. */
export interface ResultEntry {
  batch: PendingBatch;
  revision: bigint;
  outcome: { result: string } | { error: string };
}

/** The execute lock, held by one worker per switch across every process. */
export class WorkerLock {
  #held = true;
  readonly #keepAlive: NodeJS.Timeout;
  #keepAliveInFlight = false;

  constructor(
    private readonly queue: SwitchQueue,
    private readonly lease: Lease,
    readonly value: string,
  ) {
    lease.on("lost", () => {
      this.#held = false;
    });
    // As etcd's Go client: renew every TTL/3. A renewal that fails is retried on
    // the next tick; the lock-conditioned transactions catch a lost lease anyway.
    this.#keepAlive = setInterval(() => {
      if (this.#keepAliveInFlight || !this.#held) return;
      this.#keepAliveInFlight = true;
      lease
        .keepaliveOnce()
        .catch(() => undefined)
        .finally(() => (this.#keepAliveInFlight = false));
    }, (queue.lockTtlS * 1000) / 3);
    // Never what keeps a process alive.
    this.#keepAlive.unref();
  }

  get held(): boolean {
    return this.#held;
  }

  /** Still ours? Refreshes the lease and checks the key (between batches, and after etcd came back). */
  async refresh(): Promise<boolean> {
    if (!this.#held) return false;
    try {
      await this.lease.keepaliveOnce();
    } catch (e) {
      // etcd unreachable is not "lost": the lease may well outlive the outage (etcd
      // renews every lease when it restarts). An expired lease fires "lost" first.
      if (!this.#held) return false;
      throw e;
    }
    const v = await this.queue.client.get(this.queue.keys.executeLock).string();
    if (v !== this.value) this.#held = false;
    return this.#held;
  }

  /**
   * Record outcomes (result key on the caller's lease, input deleted) and
   * mark `next` as started by this worker, in one transaction that commits
   * only while the lock is ours and every input is exactly as last seen.
   * Returns the revision at which `next` is started, `null` when `next` may
   * not be started (withdrawn, moved, expired), or throws what etcd threw.
   * Entries whose input changed meanwhile (its caller gave up) are dropped.
   * `false`: the lock is no longer ours.
   */
  async advance(entries: readonly ResultEntry[], next?: PendingBatch): Promise<bigint | null | false> {
    const { client, keys } = this.queue;
    let txn = client.if(keys.executeLock, "Value", "==", this.value);
    for (const e of entries) txn = txn.and(e.batch.key, "Mod", "==", String(e.revision));
    const ops = entries.flatMap((e) => recordOps(client, e));
    if (next) {
      txn = txn.and(next.key, "Mod", "==", String(next.modRevision));
      const put = client.put(next.key).value(encodeRecord({ ...next.record, started_by: this.value }));
      if (next.lease !== "0") put.lease(next.lease);
      ops.push(put);
    }
    if (ops.length === 0) return null;
    const res = await txn.then(...ops).commit();
    if (res.succeeded) return next ? BigInt(res.header.revision) : null;
    // One at a time, to tell a lost lock from an input that changed.
    for (const e of entries) {
      const r = await client
        .if(keys.executeLock, "Value", "==", this.value)
        .and(e.batch.key, "Mod", "==", String(e.revision))
        .then(...recordOps(client, e))
        .commit();
      if (!r.succeeded && !(await this.stillOurs())) return false;
    }
    if (!next) return null;
    if (!(await this.stillOurs())) return false;
    return entries.length > 0 ? this.advance([], next) : null;
  }

  /** Delete inputs that may not run (expired) without a result: their callers have given up. */
  async drop(batches: readonly PendingBatch[]): Promise<void> {
    const { client, keys } = this.queue;
    for (const b of batches) {
      await client.if(keys.executeLock, "Value", "==", this.value).and(b.key, "Mod", "==", String(b.modRevision)).then(client.delete().key(b.key)).commit();
    }
  }

  private async stillOurs(): Promise<boolean> {
    const v = await this.queue.client.get(this.queue.keys.executeLock).string();
    if (v !== this.value) this.#held = false;
    return this.#held;
  }

  async release(): Promise<void> {
    const { client, keys } = this.queue;
    const wasHeld = this.#held;
    this.#held = false;
    clearInterval(this.#keepAlive);
    try {
      if (wasHeld) await client.if(keys.executeLock, "Value", "==", this.value).then(client.delete().key(keys.executeLock)).commit();
    } finally {
      // Revoking also stops the keep-alive (etcd3's close() would not).
      await this.lease.revoke().catch(() => this.lease.release());
    }
  }
}

/** Put the result on the caller's lease (it goes when the caller does) and delete the input. */
function recordOps(client: Etcd3, e: ResultEntry) {
  const put = client.put(e.batch.record.result_key).value(encodeRecord({ ...e.batch.record, ...e.outcome }));
  if (e.batch.lease !== "0") put.lease(e.batch.lease);
  return [put, client.delete().key(e.batch.key)];
}

/** Who holds a lock, for debugging: `ngs-<host>/<pid>`. */
export function workerOwner(): string {
  return `ngs-${hostname()}/${process.pid}`;
}

import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Etcd3, IKeyValue, Lease, Watcher } from "etcd3";
import { GenericSwitchBatchError } from "../errors.js";
import { batchKeys, decodeRecord, encodeRecord, type BatchKeys, type BatchRecord } from "./keys.js";

/** One queued request: its uuid and the etcd revision that created its input key (FIFO order). */
export class SwitchQueueItem {
  constructor(
    readonly uuid: string,
    readonly createRevision: bigint,
    readonly inputKey: string,
    readonly resultKey: string,
    /** The input key's lease (revoked once the request is settled). */
    readonly lease?: string,
  ) {}
}

/** An input read back from etcd. */
export interface PendingBatch {
  key: string;
  createRevision: bigint;
  /** 1 = never started; more = a worker claimed it (and maybe died mid-way). */
  version: number;
  lease: string;
  record: BatchRecord;
}

export interface SwitchQueueOptions {
  /** Lease TTL of input keys, seconds (upstream 600). */
  inputTtlS?: number;
  /** Lease TTL of result keys, seconds (upstream 600). */
  resultTtlS?: number;
  /** Lease TTL of the execute lock, seconds (upstream 120); kept alive while the worker lives. */
  lockTtlS?: number;
  /** Longest single watch before polling the result key (upstream 10 s). */
  watchSliceMs?: number;
  /** Names the device in errors (default: the switch id). */
  deviceName?: string;
}

export type WatchOutcome = { type: "put" | "delete"; kv: IKeyValue } | { type: "timeout" } | { type: "error"; error: Error };

/**
 * The etcd side of batching for one switch: inputs, results and the worker
 * lock under `/ngs/batch/<switch>/`.
 */
export class SwitchQueue {
  readonly keys: BatchKeys;
  readonly inputTtlS: number;
  readonly resultTtlS: number;
  readonly lockTtlS: number;
  readonly watchSliceMs: number;
  readonly deviceName: string;

  constructor(
    readonly client: Etcd3,
    readonly switchId: string,
    opts: SwitchQueueOptions = {},
  ) {
    this.keys = batchKeys(switchId);
    this.inputTtlS = opts.inputTtlS ?? 600;
    this.resultTtlS = opts.resultTtlS ?? 600;
    this.lockTtlS = opts.lockTtlS ?? 120;
    this.watchSliceMs = opts.watchSliceMs ?? 10_000;
    this.deviceName = opts.deviceName ?? switchId;
  }

  batchError(error: string, cause?: unknown): GenericSwitchBatchError {
    return new GenericSwitchBatchError({ device: this.deviceName, error, cause });
  }

  async grantLease(ttlS: number): Promise<string> {
    const res = await this.client.leaseClient.leaseGrant({ TTL: ttlS, ID: 0 });
    return String(res.ID);
  }

  /** Queue a command set; its input key carries its own lease so an abandoned request expires. */
  async addBatch(cmds: readonly string[]): Promise<SwitchQueueItem> {
    const uuid = randomUUID();
    const inputKey = this.keys.input(uuid);
    const resultKey = this.keys.output(uuid);
    const value = encodeRecord({ cmds: [...cmds], input_key: inputKey, result_key: resultKey, uuid });
    try {
      const lease = await this.grantLease(this.inputTtlS);
      const res = await this.client
        .if(inputKey, "Create", "==", 0)
        .then(this.client.put(inputKey).value(value).lease(lease))
        .else(this.client.get(inputKey))
        .commit();
      if (res.succeeded) return new SwitchQueueItem(uuid, BigInt(res.header.revision), inputKey, resultKey, lease);
      // A retried commit whose first attempt went through finds our own value.
      const kv = res.responses[0]?.response_range?.kvs?.[0];
      if (kv && kv.value.toString() === value) return new SwitchQueueItem(uuid, BigInt(kv.create_revision), inputKey, resultKey, lease);
      throw new Error("key already exists");
    } catch (e) {
      throw this.batchError(`Failed to add batch to input key: ${inputKey}: ${(e as Error).message}`, e);
    }
  }

  /** Pending inputs in creation order, optionally only those created at or before `maxCreateRevision`. */
  async getBatches(maxCreateRevision?: bigint): Promise<PendingBatch[]> {
    const q = this.client.getAll().prefix(this.keys.inputPrefix).sort("Create", "Ascend");
    if (maxCreateRevision !== undefined) q.maxCreateRevision(String(maxCreateRevision));
    const res = await q.exec();
    const out: PendingBatch[] = [];
    for (const kv of res.kvs) {
      try {
        out.push({
          key: kv.key.toString(),
          createRevision: BigInt(kv.create_revision),
          version: Number(kv.version),
          lease: String(kv.lease),
          record: decodeRecord(kv.value.toString()),
        });
      } catch {
        // Not ours to run; leave it for its lease to expire.
      }
    }
    return out;
  }

  /** Any runnable input created at or before `revision` still waiting? (Same filter as `getBatches`.) */
  async hasPending(maxCreateRevision: bigint): Promise<boolean> {
    return (await this.getBatches(maxCreateRevision)).length > 0;
  }

  /** Take the worker lock if free. */
  async tryAcquireWorkerLock(owner: string): Promise<WorkerLock | undefined> {
    // No automatic keep-alive: etcd3's re-arms a TTL-long timer when a keep-alive
    // answer lands after revoke(), which kept a process alive for up to
    // `lockTtlS` after close() (each refused attempt was a chance). WorkerLock
    // keeps the lease alive itself while the lock is held.
    const lease = this.client.lease(this.lockTtlS, { autoKeepAlive: false });
    lease.on("lost", () => undefined);
    let leaseId: string;
    try {
      leaseId = await lease.grant();
    } catch (e) {
      lease.release();
      throw e;
    }
    const value = `${owner}/${randomUUID()}`;
    try {
      const res = await this.client
        .if(this.keys.executeLock, "Create", "==", 0)
        .then(this.client.put(this.keys.executeLock).value(value).lease(leaseId))
        .else(this.client.get(this.keys.executeLock))
        .commit();
      // A retried commit whose first attempt went through finds our own value: ours as well.
      if (res.succeeded || res.responses[0]?.response_range?.kvs?.[0]?.value?.toString() === value) {
        return new WorkerLock(this, lease, value);
      }
      await lease.revoke().catch(() => lease.release());
      return undefined;
    } catch (e) {
      await lease.revoke().catch(() => lease.release());
      throw e;
    }
  }

  /**
   * Wait until the worker lock is deleted (released or its lease expired), at
   * most `timeoutMs`, or until `signal` aborts. Returns at once when it is free.
   */
  async waitForLockFree(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    const res = await this.client.get(this.keys.executeLock).exec();
    if (res.kvs.length === 0) return;
    await this.watchOnce(this.keys.executeLock, BigInt(res.header.revision) + 1n, timeoutMs, signal, ["delete"]);
  }

  /**
   * One watch slice: the first event on `key` at or after `startRevision`
   * (so an event that happened before the watcher connected still counts),
   * or `timeout` after `timeoutMs`. Without `startRevision` the watch starts
   * whenever etcd registers it, which can be well after this call: pass one.
   */
  async watchOnce(
    key: string,
    startRevision: bigint | undefined,
    timeoutMs: number,
    signal?: AbortSignal,
    events: ("put" | "delete")[] = ["put", "delete"],
  ): Promise<WatchOutcome> {
    if (signal?.aborted) return { type: "timeout" };
    const builder = this.client.watch().key(key);
    if (startRevision !== undefined) builder.startRevision(String(startRevision));
    // Listen before the watcher connects (not once `create()` resolves): an
    // event delivered in the same tick as etcd's "created" answer is not lost.
    let watcher: Watcher;
    try {
      watcher = builder.watcher();
    } catch (e) {
      return { type: "error", error: e as Error };
    }
    return new Promise<WatchOutcome>((resolve) => {
      let settled = false;
      const finish = (o: WatchOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        // Cancelling talks to etcd; never let a dead etcd hold us here.
        void watcher.cancel().catch(() => undefined);
        resolve(o);
      };
      const onAbort = () => finish({ type: "timeout" });
      const timer = setTimeout(() => finish({ type: "timeout" }), timeoutMs);
      signal?.addEventListener("abort", onAbort, { once: true });
      if (events.includes("put")) watcher.on("put", (kv) => finish({ type: "put", kv }));
      if (events.includes("delete")) watcher.on("delete", (kv) => finish({ type: "delete", kv }));
      watcher.on("error", (error: Error) => finish({ type: "error", error }));
    });
  }

  /** Read and delete a result key in one step; undefined when absent. */
  async consumeResult(resultKey: string): Promise<BatchRecord | undefined> {
    return (await this.consumeResultAt(resultKey)).record;
  }

  /** `consumeResult`, plus the store revision it read at: a later write has a higher one. */
  async consumeResultAt(resultKey: string): Promise<{ record: BatchRecord | undefined; revision: bigint }> {
    const res = await this.client.kv.deleteRange({ key: Buffer.from(resultKey), prev_kv: true });
    const kv = res.prev_kvs[0];
    return { record: kv ? decodeRecord(kv.value.toString()) : undefined, revision: BigInt(res.header.revision) };
  }

  /**
   * Withdraw a request no worker has started (its input was never claimed).
   * `withdrawn`: it will not run; `running`: a worker has it, outcome unknown;
   * `gone`: already done (its result was written) or expired.
   */
  async withdraw(item: SwitchQueueItem): Promise<"withdrawn" | "running" | "gone"> {
    const res = await this.client
      .if(item.inputKey, "Version", "==", 1)
      .then(this.client.delete().key(item.inputKey))
      .else(this.client.get(item.inputKey))
      .commit();
    if (res.succeeded) return "withdrawn";
    const kvs = res.responses[0]?.response_range?.kvs ?? [];
    return kvs.length > 0 ? "running" : "gone";
  }

  /**
   * Wait for `item`'s result: watch in slices of `watchSliceMs`, and after
   * each quiet slice read-and-delete the key anyway, so a missed watch event
   * (LP#2152047) or a result written before the watch began is still seen.
   */
  async waitForResult(item: SwitchQueueItem, timeoutMs: number, signal?: AbortSignal): Promise<string> {
    try {
      return await this.#waitForResult(item, timeoutMs, signal);
    } finally {
      // Once its caller has an answer the input needs no lease: done, withdrawn or given up on.
      if (item.lease) void this.client.leaseClient.leaseRevoke({ ID: item.lease }).catch(() => undefined);
    }
  }

  async #waitForResult(item: SwitchQueueItem, timeoutMs: number, signal?: AbortSignal): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let startRevision: bigint | undefined = item.createRevision + 1n;
    let lastError: Error | undefined;
    /** The revision of the last successful read: nothing at or before it was missed. */
    let readAt: bigint | undefined;
    const take = async (): Promise<BatchRecord | undefined> => {
      readAt = undefined;
      try {
        const { record, revision } = await this.consumeResultAt(item.resultKey);
        lastError = undefined;
        readAt = revision;
        return record;
      } catch (e) {
        lastError = e as Error;
        return undefined;
      }
    };
    for (;;) {
      const remaining = deadline - Date.now();
      if (remaining <= 0 || signal?.aborted) break;
      const ev = await this.watchOnce(item.resultKey, startRevision, Math.min(this.watchSliceMs, remaining), signal);
      if (ev.type === "delete") {
        throw this.batchError(`Output key was deleted, perhaps lease expired: ${item.resultKey}`);
      }
      const record = await take();
      if (record) return this.outcome(record);
      if (ev.type === "error") lastError = ev.error;
      // Resume right after the read that found nothing. A watch "from now" would start
      // when etcd registers it, and miss a result written in between (a whole slice lost).
      // A recent revision is also one a compaction is unlikely to have passed; if it
      // has, the watch fails and the next read comes first.
      startRevision = readAt !== undefined ? readAt + 1n : ev.type === "put" ? BigInt(ev.kv.mod_revision) + 1n : undefined;
      if (ev.type === "error") await waitMs(Math.min(200, Math.max(0, deadline - Date.now())), signal);
    }
    const record = await take();
    if (record) return this.outcome(record);
    let state: "withdrawn" | "running" | "gone" | "unknown" = "unknown";
    try {
      state = await this.withdraw(item);
    } catch {
      // etcd unreachable: the input expires with its lease.
    }
    const why = signal?.aborted ? "Stopped waiting (shutting down) for result key" : "Timed out waiting for result key";
    const note =
      state === "withdrawn"
        ? " (the request was withdrawn and will not run)"
        : state === "running"
          ? " (a worker is applying it; its outcome is unknown)"
          : "";
    const etcd = lastError ? `; etcd: ${lastError.message}` : "";
    throw this.batchError(`${why}: ${item.resultKey}${note}${etcd}`, lastError);
  }

  private outcome(record: BatchRecord): string {
    if (record.error !== undefined) throw this.batchError(record.error);
    return record.result ?? "";
  }
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

  /** Still ours? Refreshes the lease and checks the key (between batches). */
  async refresh(): Promise<boolean> {
    if (!this.#held) return false;
    try {
      await this.lease.keepaliveOnce();
    } catch {
      this.#held = false;
      return false;
    }
    const v = await this.queue.client.get(this.queue.keys.executeLock).string();
    if (v !== this.value) this.#held = false;
    return this.#held;
  }

  /**
   * Mark `batch` as started by this worker, only while the lock is ours and
   * the input still exists (not withdrawn or expired). False: do not run it.
   */
  async claim(batch: PendingBatch): Promise<boolean> {
    const { client, keys } = this.queue;
    const record: BatchRecord = { ...batch.record, claimed_by: this.value };
    const put = client.put(batch.key).value(encodeRecord(record));
    if (batch.lease !== "0") put.lease(batch.lease);
    const res = await client
      .if(keys.executeLock, "Value", "==", this.value)
      .and(batch.key, "Create", "==", String(batch.createRevision))
      .then(put)
      .commit();
    return res.succeeded;
  }

  /**
   * `claim` for a whole round in one transaction; when some input was
   * withdrawn meanwhile, batch by batch. The batches claimed, in order, or
   * undefined when the lock is no longer ours.
   */
  async claimAll(batches: readonly PendingBatch[]): Promise<PendingBatch[] | undefined> {
    if (batches.length === 0) return [];
    const { client, keys } = this.queue;
    let txn = client.if(keys.executeLock, "Value", "==", this.value);
    for (const b of batches) txn = txn.and(b.key, "Create", "==", String(b.createRevision));
    const puts = batches.map((b) => {
      const put = client.put(b.key).value(encodeRecord({ ...b.record, claimed_by: this.value }));
      if (b.lease !== "0") put.lease(b.lease);
      return put;
    });
    if ((await txn.then(...puts).commit()).succeeded) return [...batches];
    const claimed: PendingBatch[] = [];
    for (const b of batches) {
      if (await this.claim(b)) claimed.push(b);
      else if (!(await this.refresh())) return undefined;
    }
    return claimed;
  }

  /** `recordResult` for a round: one transaction (per 50 batches), only while the lock is ours. */
  async recordResults(batches: readonly PendingBatch[], outcomes: readonly ({ result: string } | { error: string })[], resultLease: string): Promise<boolean> {
    const { client, keys } = this.queue;
    for (let i = 0; i < batches.length; i += 50) {
      const ops = batches.slice(i, i + 50).flatMap((b, j) => [
        client.put(b.record.result_key).value(encodeRecord({ ...b.record, ...outcomes[i + j]! })).lease(resultLease),
        client.delete().key(b.key),
      ]);
      const res = await client.if(keys.executeLock, "Value", "==", this.value).then(...ops).commit();
      if (!res.succeeded) {
        this.#held = false;
        return false;
      }
    }
    return true;
  }

  /**
   * Write `batch`'s outcome and delete its input in one transaction that
   * only commits while this worker still holds the lock.
   */
  async recordResult(batch: PendingBatch, outcome: { result: string } | { error: string }, resultLease: string): Promise<boolean> {
    const { client, keys } = this.queue;
    const record: BatchRecord = { ...batch.record, ...outcome };
    const res = await client
      .if(keys.executeLock, "Value", "==", this.value)
      .then(client.put(batch.record.result_key).value(encodeRecord(record)).lease(resultLease), client.delete().key(batch.key))
      .commit();
    if (!res.succeeded) this.#held = false;
    return res.succeeded;
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

/** Who holds a lock, for debugging: `ngs-<host>/<pid>`. */
export function workerOwner(): string {
  return `ngs-${hostname()}/${process.pid}`;
}

function waitMs(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted || ms <= 0) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Etcd3, IKeyValue, Lease, Watcher } from "etcd3";
import { GenericSwitchBatchError } from "../errors.js";
import { batchKeys, decodeRecord, encodeRecord, type BatchKeys, type BatchRecord } from "./keys.js";

/**
 * One queued request: its uuid, the etcd revision that created its input key
 * (FIFO order), and what its caller last wrote there.
 */
export class SwitchQueueItem {
  constructor(
    readonly uuid: string,
    readonly createRevision: bigint,
    readonly inputKey: string,
    readonly resultKey: string,
    /** The caller's lease: the input and its result key hang on it (revoked once the request is settled). */
    readonly lease: Lease | undefined,
    /** The input's record as last written by the caller. */
    public record: BatchRecord,
    /** The input's mod revision after the caller's last write. */
    public modRevision: bigint,
  ) {}

  /** No worker may start this request after this time. */
  get notAfter(): number {
    return this.record.not_after ?? Infinity;
  }
}

/** An input read back from etcd. */
export interface PendingBatch {
  key: string;
  createRevision: bigint;
  /** The revision of the value read: a transaction on the input compares it, so it acts on exactly this record. */
  modRevision: bigint;
  lease: string;
  record: BatchRecord;
}

export interface SwitchQueueOptions {
  /**
   * TTL of a caller's lease, seconds (default 10). The input and its result
   * hang on it and the caller keeps it alive while it waits: when the caller
   * dies both are gone within this time, and no worker runs the input.
   */
  inputTtlS?: number;
  /** Lease TTL of the execute lock, seconds (default 10); kept alive while the worker lives. A killed worker is taken over after this. */
  lockTtlS?: number;
  /**
   * How far ahead of now a waiting caller keeps its input's `not_after`
   * (default 30 s). While etcd is unreachable the caller cannot move it, so
   * no worker starts the request more than this after etcd went away.
   */
  horizonMs?: number;
  /**
   * How long a started batch may take on the switch (default 60 s): the
   * worker closes the session when a batch is still being sent this long
   * after its `not_after`, and a caller cut off from etcd gives up then.
   */
  sendBudgetMs?: number;
  /** Longest single watch before polling the result key (upstream 10 s). */
  watchSliceMs?: number;
  /** Names the device in errors (default: the switch id). */
  deviceName?: string;
}

export type WatchOutcome = { type: "put" | "delete"; kv: IKeyValue } | { type: "timeout" } | { type: "error"; error: Error };

/** What a waiting caller knows of its request when it gives up. */
type RequestState = "withdrawn" | "started" | "gone" | "unknown";

/** Hosts' clocks may differ this much: `not_after` is compared on the worker's clock. */
export const CLOCK_SKEW_MS = 1000;

/**
 * The etcd side of batching for one switch: inputs, results and the worker
 * lock under `/ngs/batch/<switch>/`.
 */
export class SwitchQueue {
  readonly keys: BatchKeys;
  readonly inputTtlS: number;
  readonly lockTtlS: number;
  readonly horizonMs: number;
  readonly sendBudgetMs: number;
  readonly watchSliceMs: number;
  readonly deviceName: string;

  constructor(
    readonly client: Etcd3,
    readonly switchId: string,
    opts: SwitchQueueOptions = {},
  ) {
    this.keys = batchKeys(switchId);
    this.inputTtlS = opts.inputTtlS ?? 10;
    this.lockTtlS = opts.lockTtlS ?? 10;
    this.horizonMs = opts.horizonMs ?? 30_000;
    this.sendBudgetMs = opts.sendBudgetMs ?? 60_000;
    this.watchSliceMs = opts.watchSliceMs ?? 10_000;
    this.deviceName = opts.deviceName ?? switchId;
  }

  batchError(error: string, cause?: unknown): GenericSwitchBatchError {
    return new GenericSwitchBatchError({ device: this.deviceName, error, cause });
  }

  /**
   * Queue a command set that must start by `mustStartBy` (ms since the epoch)
   * at the latest. Its input key hangs on a lease of its own that the caller
   * keeps alive while it waits (`waitForResult`).
   */
  async addBatch(cmds: readonly string[], mustStartBy = Date.now() + 300_000 - this.sendBudgetMs): Promise<SwitchQueueItem> {
    const uuid = randomUUID();
    const inputKey = this.keys.input(uuid);
    const resultKey = this.keys.output(uuid);
    const record: BatchRecord = {
      cmds: [...cmds],
      input_key: inputKey,
      result_key: resultKey,
      uuid,
      not_after: Math.min(Date.now() + this.horizonMs, mustStartBy),
    };
    const value = encodeRecord(record);
    // The caller renews it while it waits.
    let lease: Lease;
    let leaseId: string;
    try {
      [lease, leaseId] = await this.manualLease(this.inputTtlS);
    } catch (e) {
      throw this.batchError(`Failed to add batch to input key: ${inputKey}: ${(e as Error).message} (not queued)`, e);
    }
    try {
      const res = await this.client
        .if(inputKey, "Create", "==", 0)
        .then(this.client.put(inputKey).value(value).lease(leaseId))
        .else(this.client.get(inputKey))
        .commit();
      const rev = BigInt(res.header.revision);
      if (res.succeeded) return new SwitchQueueItem(uuid, rev, inputKey, resultKey, lease, record, rev);
      // A retried commit whose first attempt went through finds our own value.
      const kv = res.responses[0]?.response_range?.kvs?.[0];
      if (kv && kv.value.toString() === value) {
        return new SwitchQueueItem(uuid, BigInt(kv.create_revision), inputKey, resultKey, lease, record, BigInt(kv.mod_revision));
      }
      throw new Error("key already exists");
    } catch (e) {
      // The write may have gone through before etcd failed: then no worker starts it after not_after.
      void lease.revoke().catch(() => lease.release());
      const when = new Date(record.not_after! + CLOCK_SKEW_MS).toISOString();
      throw this.batchError(
        `Failed to add batch to input key: ${inputKey}: ${(e as Error).message} (if it was queued anyway, no worker starts it after ${when})`,
        e,
      );
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
          modRevision: BigInt(kv.mod_revision),
          lease: String(kv.lease),
          record: decodeRecord(kv.value.toString()),
        });
      } catch {
        // Not ours to run; leave it for its lease to expire.
      }
    }
    return out;
  }

  /** `batch` as it is now; undefined when gone. */
  async reread(batch: PendingBatch): Promise<PendingBatch | undefined> {
    const res = await this.client.get(batch.key).exec();
    const kv = res.kvs[0];
    if (!kv) return undefined;
    return { ...batch, modRevision: BigInt(kv.mod_revision), lease: String(kv.lease), record: decodeRecord(kv.value.toString()) };
  }

  /** Any runnable input created at or before `revision` still waiting? (Same filter as `getBatches`.) */
  async hasPending(maxCreateRevision: bigint): Promise<boolean> {
    return (await this.getBatches(maxCreateRevision)).length > 0;
  }

  /** Take the worker lock if free. */
  /**
   * A granted lease we renew ourselves. No automatic keep-alive: etcd3's
   * re-arms a TTL-long timer when a keep-alive answer lands after revoke(),
   * which kept a process alive for up to a TTL after close().
   */
  private async manualLease(ttlS: number): Promise<[Lease, string]> {
    const lease = this.client.lease(ttlS, { autoKeepAlive: false });
    lease.on("lost", () => undefined);
    try {
      return [lease, await lease.grant()];
    } catch (e) {
      lease.release();
      throw e;
    }
  }

  async tryAcquireWorkerLock(owner: string): Promise<WorkerLock | undefined> {
    // WorkerLock keeps the lease alive itself while the lock is held.
    const [lease, leaseId] = await this.manualLease(this.lockTtlS);
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
   * Withdraw a request no worker has started. `withdrawn`: it will not run;
   * `started`: a worker started sending it, outcome unknown; `gone`: its
   * input is gone (done, or its lease expired).
   */
  async withdraw(item: SwitchQueueItem): Promise<"withdrawn" | "started" | "gone"> {
    for (;;) {
      const res = await this.client
        .if(item.inputKey, "Mod", "==", String(item.modRevision))
        .then(this.client.delete().key(item.inputKey))
        .else(this.client.get(item.inputKey))
        .commit();
      if (res.succeeded) return "withdrawn";
      const kv = res.responses[0]?.response_range?.kvs?.[0];
      if (!kv) return "gone";
      const record = decodeRecord(kv.value.toString());
      if (record.started_by !== undefined) return "started";
      // Changed by someone else but not started (a retried write of ours): try again on what is there.
      item.modRevision = BigInt(kv.mod_revision);
    }
  }

  /**
   * Keep a waiting request alive: renew its lease, and move its `not_after`
   * forward while no worker has started it. `started`: a worker has it
   * (`not_after` stays); `gone`: the input is gone (its result is there, or
   * it was dropped); `ok`: still queued.
   */
  async keepWaiting(item: SwitchQueueItem, mustStartBy: number): Promise<"ok" | "started" | "gone"> {
    await item.lease?.keepaliveOnce();
    const notAfter = Math.min(Date.now() + this.horizonMs, mustStartBy);
    if (notAfter <= item.notAfter + this.horizonMs / 3) return "ok";
    const record = { ...item.record, not_after: notAfter };
    const put = this.client.put(item.inputKey).value(encodeRecord(record));
    if (item.lease) put.lease(await item.lease.grant());
    const res = await this.client
      .if(item.inputKey, "Mod", "==", String(item.modRevision))
      .then(put)
      .else(this.client.get(item.inputKey))
      .commit();
    if (res.succeeded) {
      item.record = record;
      item.modRevision = BigInt(res.header.revision);
      return "ok";
    }
    const kv = res.responses[0]?.response_range?.kvs?.[0];
    if (!kv) return "gone";
    const now = decodeRecord(kv.value.toString());
    if (now.started_by !== undefined) {
      item.record = now;
      return "started";
    }
    item.modRevision = BigInt(kv.mod_revision);
    return "ok";
  }

  /**
   * Wait for `item`'s result: watch in slices of `watchSliceMs`, and after
   * each quiet slice read-and-delete the key anyway, so a missed watch event
   * (LP#2152047) or a result written before the watch began is still seen.
   * Meanwhile keep the request alive (`keepWaiting`). While etcd cannot be
   * reached, give up once no worker can be sending it any more.
   */
  async waitForResult(item: SwitchQueueItem, timeoutMs: number, signal?: AbortSignal): Promise<string> {
    try {
      return await this.#waitForResult(item, timeoutMs, signal);
    } finally {
      // Once its caller has an answer the request needs no lease: done, withdrawn or given up on.
      const lease = item.lease;
      if (lease) void lease.revoke().catch(() => lease.release());
    }
  }

  async #waitForResult(item: SwitchQueueItem, timeoutMs: number, signal?: AbortSignal): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    const mustStartBy = deadline - this.sendBudgetMs;
    let startRevision: bigint | undefined = item.createRevision + 1n;
    let lastError: Error | undefined;
    let state: RequestState = "unknown";
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
    // Renew the lease and not_after every third of the shorter of the two.
    const keepEveryMs = Math.max(100, Math.min(this.inputTtlS * 1000, this.horizonMs) / 3);
    let keeping = false;
    const keeper = setInterval(() => {
      if (keeping) return;
      keeping = true;
      this.keepWaiting(item, mustStartBy)
        .then((s) => {
          lastError = undefined;
          if (s === "started") state = "started";
        })
        .catch((e: unknown) => void (lastError = e as Error))
        .finally(() => (keeping = false));
    }, keepEveryMs);
    keeper.unref();
    /** Cut off from etcd: past this no worker can still be sending the request. */
    const cutOff = () => item.notAfter + this.sendBudgetMs + CLOCK_SKEW_MS;
    try {
      for (;;) {
        const end = lastError ? Math.min(deadline, cutOff()) : deadline;
        const remaining = end - Date.now();
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
        if (ev.type === "error" || lastError) await waitMs(Math.min(200, Math.max(0, deadline - Date.now())), signal);
      }
    } finally {
      clearInterval(keeper);
    }
    const record = await take();
    if (record) return this.outcome(record);
    const etcdDown = lastError !== undefined;
    try {
      state = await this.withdraw(item);
    } catch {
      // etcd unreachable: no worker starts it after not_after, and none is still sending it now.
    }
    const why = signal?.aborted
      ? "Stopped waiting (shutting down) for result key"
      : etcdDown && Date.now() < deadline
        ? "etcd unreachable while waiting for result key"
        : "Timed out waiting for result key";
    const note =
      state === "withdrawn"
        ? " (the request was withdrawn and will not run)"
        : state === "started"
          ? " (a worker started sending it: it may have been applied; it is not sent again)"
          : state === "gone"
            ? " (the request is gone from the queue without a result: it may have been applied)"
            : ` (etcd could not be reached to withdraw it: it may have been applied if a worker started it before ${new Date(
                item.notAfter + CLOCK_SKEW_MS,
              ).toISOString()}; no worker starts it after that)`;
    const etcd = lastError ? `; etcd: ${lastError.message}` : "";
    throw this.batchError(`${why}: ${item.resultKey}${note}${etcd}`, lastError);
  }

  private outcome(record: BatchRecord): string {
    if (record.error !== undefined) throw this.batchError(record.error);
    return record.result ?? "";
  }
}

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

import { randomUUID } from "node:crypto";
import type { Etcd3, IKeyValue, Lease, Watcher } from "etcd3";
import { GenericSwitchBatchError } from "../errors.js";
import { batchKeys, decodeRecord, encodeRecord, type BatchKeys, type BatchRecord } from "./keys.js";
import { CLOCK_SKEW_MS, SwitchQueueItem, type PendingBatch } from "./queue-item.js";
import { waitForQueueResult } from "./result-wait.js";
import { WorkerLock } from "./worker-lock.js";

// The queue's parts live in their own modules; this one still exports them all.
export { CLOCK_SKEW_MS, SwitchQueueItem, type PendingBatch } from "./queue-item.js";
export { WorkerLock, workerOwner, type ResultEntry } from "./worker-lock.js";

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

  /** Take the worker lock if free. */
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
      return await waitForQueueResult(this, item, timeoutMs, signal);
    } finally {
      // Once its caller has an answer the request needs no lease: done, withdrawn or given up on.
      const lease = item.lease;
      if (lease) void lease.revoke().catch(() => lease.release());
    }
  }
}

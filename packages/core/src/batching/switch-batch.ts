import { setMaxListeners } from "node:events";
import type { Etcd3 } from "etcd3";
import { GenericSwitchBatchError } from "../errors.js";
import { defaultLogger, type Logger } from "../logging.js";
import { SwitchQueue, workerOwner, type PendingBatch, type SwitchQueueOptions, type WorkerLock } from "./switch-queue.js";

/** A live connection the worker runs batches on. */
export interface BatchSession {
  close(): Promise<void> | void;
}

/** What a device must offer to be batched (the CLI-switch base has all of it). */
export interface BatchDevice<S extends BatchSession = BatchSession> {
  readonly deviceName: string;
  /** The switch key: host or ip (batches of every device on one switch share a queue). */
  readonly lockPrefix: string;
  /** `ngs_save_configuration`. */
  readonly saveConfiguration: boolean;
  openSession(): Promise<S>;
  sendConfigSet(session: S, commands: readonly string[]): Promise<string>;
  saveConfig(session: S): Promise<void>;
}

/** Check a device's shape for batching; a clear error when it cannot be batched. */
export function asBatchDevice(device: unknown): BatchDevice {
  const d = device as Partial<BatchDevice> | null;
  const missing = (["openSession", "sendConfigSet", "saveConfig"] as const).filter((m) => typeof d?.[m] !== "function");
  if (!d || missing.length > 0 || typeof d.lockPrefix !== "string") {
    const name = (d as { deviceName?: string } | null)?.deviceName ?? "<unknown>";
    throw new GenericSwitchBatchError({
      device: name,
      error: `this device type cannot be batched (missing ${missing.length ? missing.join(", ") : "lockPrefix"}); turn ngs_batch_requests off for it`,
    });
  }
  return d as BatchDevice;
}

export interface SwitchBatchOptions extends SwitchQueueOptions {
  /** How long `doBatch` waits for its result (upstream 300 s). */
  waitTimeoutMs?: number;
  /** How long a worker keeps trying for the execute lock while its requests are pending (upstream 300 s). */
  lockAcquireTimeoutMs?: number;
  logger?: Logger;
}

type Outcome = { result: string } | { error: string };

/**
 * Batching for one switch in this process (reference §3.5). `doBatch` queues
 * the commands in etcd and makes sure a local worker runs until every local
 * request is done — by this worker or another process's. The worker holding
 * `/execute_lock` drains the queue on ONE session, round after round, so
 * requests that arrive while it works join in without any fixed delay, and
 * saves once at the end.
 */
export class SwitchBatch {
  readonly queue: SwitchQueue;
  readonly waitTimeoutMs: number;
  readonly lockAcquireTimeoutMs: number;
  readonly #logger: Logger;
  readonly #abort = new AbortController();
  #target = 0n;
  #kicks = 0;
  /** `#kicks` as last seen by the worker: a kick after that needs a worker again. */
  #seenKicks = 0;
  #waiters = 0;
  #device: BatchDevice | undefined;
  #worker: Promise<void> | undefined;
  #wake: AbortController | undefined;
  #idleWaiters: (() => void)[] = [];

  constructor(client: Etcd3, switchId: string, opts: SwitchBatchOptions = {}) {
    this.queue = new SwitchQueue(client, switchId, opts);
    this.waitTimeoutMs = opts.waitTimeoutMs ?? 300_000;
    this.lockAcquireTimeoutMs = opts.lockAcquireTimeoutMs ?? 300_000;
    this.#logger = (opts.logger ?? defaultLogger()).child({ batch: switchId });
    // Every waiting request listens on it: many at once is normal, not a leak (no warning).
    setMaxListeners(0, this.#abort.signal);
  }

  /** Run `commands` through the queue; resolves to this request's own output. */
  async doBatch(device: BatchDevice, commands: readonly string[]): Promise<string> {
    if (this.#abort.signal.aborted) throw this.queue.batchError("the batcher is shutting down; request not queued");
    this.#waiters++;
    try {
      const item = await this.queue.addBatch(commands);
      this.#kick(device, item.createRevision);
      return await this.queue.waitForResult(item, this.waitTimeoutMs, this.#abort.signal);
    } finally {
      this.#waiters--;
      if (this.#waiters === 0) this.#wake?.abort();
      this.#notifyIdle();
    }
  }

  /** Requests waiting in this process, and whether a worker runs. */
  get busy(): { waiters: number; worker: boolean } {
    return { waiters: this.#waiters, worker: this.#worker !== undefined };
  }

  /** Resolves once no local request waits and no local worker runs. */
  idle(): Promise<void> {
    if (this.#waiters === 0 && !this.#worker) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Stop: waiting requests fail, the worker stops between batches and releases the lock. */
  abort(): void {
    this.#abort.abort();
    this.#wake?.abort();
  }

  #notifyIdle(): void {
    if (this.#waiters !== 0 || this.#worker) return;
    for (const r of this.#idleWaiters.splice(0)) r();
  }

  #kick(device: BatchDevice, revision: bigint): void {
    if (revision > this.#target) this.#target = revision;
    this.#device = device;
    this.#kicks++;
    if (this.#worker) return;
    const run = this.#run()
      .catch((e: unknown) => this.#logger.error({ err: (e as Error).message }, "batch worker failed"))
      .finally(() => {
        this.#worker = undefined;
        // A request queued while the worker was deciding to stop gets a new worker.
        if (this.#kicks !== this.#seenKicks && this.#waiters > 0 && !this.#abort.signal.aborted && this.#device) {
          this.#kick(this.#device, this.#target);
        } else {
          this.#notifyIdle();
        }
      });
    this.#worker = run;
  }

  async #run(): Promise<void> {
    let deadline = Date.now() + this.lockAcquireTimeoutMs;
    const owner = workerOwner();
    while (!this.#abort.signal.aborted && this.#waiters > 0) {
      const target = this.#target;
      const kicks = this.#kicks;
      this.#seenKicks = kicks;
      try {
        if (!(await this.queue.hasPending(target))) {
          if (this.#kicks === kicks) return;
          continue;
        }
        const lock = await this.queue.tryAcquireWorkerLock(owner);
        if (!lock) {
          // Someone else is working; wait for the lock to go (released or expired), not a fixed time.
          if (Date.now() > deadline) {
            this.#logger.warn("gave up waiting for the batch execute lock; requests wait for their own timeout");
            this.#seenKicks = this.#kicks;
            return;
          }
          const wake = new AbortController();
          this.#wake = wake;
          if (this.#waiters === 0 || this.#abort.signal.aborted) wake.abort();
          await this.queue.waitForLockFree(Math.min(this.queue.watchSliceMs, Math.max(1, deadline - Date.now())), wake.signal);
          continue;
        }
        try {
          await this.#execute(lock);
        } finally {
          await lock.release().catch((e: unknown) => this.#logger.warn({ err: (e as Error).message }, "could not release the batch execute lock"));
        }
        deadline = Date.now() + this.lockAcquireTimeoutMs;
      } catch (e) {
        if (Date.now() > deadline) {
          this.#seenKicks = this.#kicks;
          throw e;
        }
        this.#logger.warn({ err: (e as Error).message }, "batch worker interrupted; retrying");
        await pause(200, this.#abort.signal);
      }
    }
  }

  /** Holding the lock: run every pending batch on one session, record each result, save once. */
  async #execute(lock: WorkerLock): Promise<void> {
    const device = this.#device!;
    const resultLease = await this.queue.grantLease(this.queue.resultTtlS);
    let session: BatchSession | undefined;
    let openError: string | undefined;
    let applied = 0;
    let ran = 0;
    try {
      while (!this.#abort.signal.aborted) {
        const batches = await this.queue.getBatches();
        if (batches.length === 0) break;
        let claimed = 0;
        for (const batch of batches) {
          if (this.#abort.signal.aborted) break;
          // Claim before sending: only while the lock is ours (a worker that lost it never
          // applies a batch twice) and the request was not withdrawn by its caller.
          if (!(await lock.claim(batch))) {
            if (!(await lock.refresh())) throw this.queue.batchError("Worker aborting - lock timed out");
            continue;
          }
          claimed++;
          if (batch.version > 1) {
            this.#logger.warn({ uuid: batch.record.uuid }, "running a batch again whose previous worker stopped mid-way (it died or lost the lock)");
          }
          if (!session && openError === undefined) {
            try {
              session = await device.openSession();
            } catch (e) {
              // Better than upstream: every batch taken gets this error now, not a timeout later.
              openError = errorText(e);
              this.#logger.error({ err: openError }, "batch worker cannot reach the switch; failing the pending batches");
            }
          }
          const outcome = await this.#runOne(device, session, openError, batch);
          if ("error" in outcome && openError === undefined && session) {
            // The session may be broken (dropped connection): the next batch gets a fresh one.
            await closeQuietly(session);
            session = undefined;
          }
          if ("result" in outcome) applied++;
          ran++;
          if (!(await lock.recordResult(batch, outcome, resultLease))) throw this.queue.batchError("Worker aborting - lock timed out");
        }
        // Nothing claimable this round (all withdrawn or expired meanwhile): stop rather than spin.
        if (openError !== undefined || claimed === 0) break;
      }
      if (applied > 0 && device.saveConfiguration) await this.#save(device, session).then((s) => (session = s));
      this.#logger.debug({ batches: ran, applied }, "batch worker done");
    } finally {
      if (session) await closeQuietly(session);
    }
  }

  async #runOne(device: BatchDevice, session: BatchSession | undefined, openError: string | undefined, batch: PendingBatch): Promise<Outcome> {
    if (openError !== undefined || !session) return { error: `Cannot connect to the switch: ${openError ?? "no session"}` };
    try {
      return { result: await device.sendConfigSet(session, batch.record.cmds) };
    } catch (e) {
      return { error: errorText(e) };
    }
  }

  /** One save for the whole run; callers already have their results, so a failure is logged (as upstream). */
  async #save(device: BatchDevice, session: BatchSession | undefined): Promise<BatchSession | undefined> {
    try {
      session ??= await device.openSession();
      await device.saveConfig(session);
    } catch (e) {
      this.#logger.error({ err: errorText(e) }, "saving the configuration after a batch failed; the changes are applied but not saved");
    }
    return session;
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

async function closeQuietly(s: BatchSession): Promise<void> {
  try {
    await s.close();
  } catch {
    // A broken session may fail to close; it is gone either way.
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

import { setMaxListeners } from "node:events";
import type { Etcd3 } from "etcd3";
import { GenericSwitchBatchError } from "../errors.js";
import { defaultLogger, type Logger } from "../logging.js";
import type { BatchDevice, BatchSession } from "./batch-device.js";
import { closeQuietly, errorText, runRound, type RoundState } from "./batch-round.js";
import { pause } from "./pause.js";
import { SwitchQueue, workerOwner, type ResultEntry, type SwitchQueueOptions, type WorkerLock } from "./switch-queue.js";

// The device contract lives in its own module; this one still exports it.
export { asBatchDevice, type BatchDevice, type BatchOutcome, type BatchSession } from "./batch-device.js";

export interface SwitchBatchOptions extends SwitchQueueOptions {
  /** How long `doBatch` waits for its result (upstream 300 s). */
  waitTimeoutMs?: number;
  /** How long a worker keeps trying for the execute lock while its requests are pending (upstream 300 s). */
  lockAcquireTimeoutMs?: number;
  logger?: Logger;
}

/** Batches taken per round at most (keeps each etcd transaction well under etcd's 128-op limit). */
const MAX_ROUND = 50;

/** Longest pause between a worker's attempts while etcd is unreachable. */
const MAX_BACKOFF_MS = 5_000;

/** The error a caller gets when the worker that started its batch stopped before recording the outcome. */
export const IN_DOUBT_ERROR =
  "the worker that started sending this request stopped before recording its outcome (it died, or lost etcd or its lock): it may have been applied; it is not sent again";

/**
 * Batching for one switch in this process (docs/upstream.md#batching). `doBatch` queues
 * the commands in etcd and makes sure a local worker runs until every local
 * request is done — by this worker or another process's. The worker holding
 * `/execute_lock` drains the queue on ONE session, round after round, so
 * requests that arrive while it works join in without any fixed delay, and
 * saves once at the end.
 *
 * Before it sends a batch the worker marks it started (in the transaction
 * that records the previous batch's outcome, only while the lock is ours and
 * the input is exactly as read, not expired): a batch that was started and
 * has no outcome may have been applied and is never sent again, and one that
 * was not started is known not to have reached the switch.
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
  /** Outcomes this worker knows but could not record (etcd failed): recorded first when etcd is back. */
  #unrecorded: ResultEntry[] = [];
  /** The execute lock, kept through an etcd outage (etcd renews every lease when it comes back). */
  #lock: WorkerLock | undefined;
  /** Since when etcd has been failing the worker (undefined: it answers). */
  #etcdDownSince: number | undefined;

  constructor(client: Etcd3, switchId: string, opts: SwitchBatchOptions = {}) {
    this.waitTimeoutMs = opts.waitTimeoutMs ?? 300_000;
    // A started batch must be able to finish before its caller gives up.
    const sendBudgetMs = Math.min(opts.sendBudgetMs ?? 60_000, this.waitTimeoutMs / 2);
    this.queue = new SwitchQueue(client, switchId, { ...opts, sendBudgetMs });
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
      const item = await this.queue.addBatch(commands, Date.now() + this.waitTimeoutMs - this.queue.sendBudgetMs);
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
      .finally(async () => {
        await this.#releaseLock();
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

  async #releaseLock(): Promise<void> {
    const lock = this.#lock;
    this.#lock = undefined;
    await lock?.release().catch((e: unknown) => this.#logger.warn({ err: (e as Error).message }, "could not release the batch execute lock"));
  }

  /** etcd answered: say so once after an outage. */
  #etcdUp(): void {
    if (this.#etcdDownSince === undefined) return;
    this.#logger.info({ downMs: Date.now() - this.#etcdDownSince }, "etcd reachable again; batch worker resumes");
    this.#etcdDownSince = undefined;
  }

  async #run(): Promise<void> {
    let deadline = Date.now() + this.lockAcquireTimeoutMs;
    let backoffMs = 200;
    const owner = workerOwner();
    while (!this.#abort.signal.aborted && (this.#waiters > 0 || this.#unrecorded.length > 0)) {
      const target = this.#target;
      const kicks = this.#kicks;
      this.#seenKicks = kicks;
      try {
        let lock = this.#lock;
        if (lock && !(await lock.refresh())) {
          await this.#releaseLock();
          lock = undefined;
          // What this worker knew is recorded by nobody now: the next worker finds those batches in doubt.
          this.#unrecorded = [];
        }
        if (!lock) {
          if (!(await this.queue.hasPending(target))) {
            this.#etcdUp();
            if (this.#kicks === kicks) return;
            continue;
          }
          lock = await this.queue.tryAcquireWorkerLock(owner);
          this.#etcdUp();
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
          this.#lock = lock;
        }
        this.#etcdUp();
        try {
          await this.#execute(lock);
        } catch (e) {
          // Lost the lock: let it go. etcd failed: keep it for when etcd is back.
          if (e instanceof GenericSwitchBatchError) await this.#releaseLock();
          throw e;
        }
        await this.#releaseLock();
        deadline = Date.now() + this.lockAcquireTimeoutMs;
        backoffMs = 200;
      } catch (e) {
        if (Date.now() > deadline) {
          this.#seenKicks = this.#kicks;
          throw e;
        }
        if (e instanceof GenericSwitchBatchError) {
          this.#logger.warn({ err: e.message }, "batch worker interrupted; retrying");
        } else if (this.#etcdDownSince === undefined) {
          // Said once per outage, not once per retry.
          this.#etcdDownSince = Date.now();
          this.#logger.warn({ err: (e as Error).message }, "etcd unreachable; batch worker stops sending and retries with back-off");
        }
        await pause(backoffMs, this.#abort.signal);
        backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
      }
    }
  }

  /**
   * Holding the lock: round after round, take every pending batch, send them
   * all on one session in one pass (one config-mode entry/exit where the
   * device allows it), record each batch's own outcome, and save once at the end.
   */
  async #execute(lock: WorkerLock): Promise<void> {
    const device = this.#device!;
    const state: RoundState = { lock };
    let applied = 0;
    let ran = 0;
    const lockLost = () => this.queue.batchError("Worker aborting - lock timed out");
    try {
      // Outcomes known from before an etcd outage go first.
      if (this.#unrecorded.length > 0) {
        if ((await lock.advance(this.#unrecorded)) === false) throw lockLost();
        this.#unrecorded = [];
      }
      while (!this.#abort.signal.aborted) {
        const batches = (await this.queue.getBatches()).slice(0, MAX_ROUND);
        if (batches.length === 0) break;
        const now = Date.now();
        const inDoubt = batches.filter((b) => b.record.started_by !== undefined);
        const expired = batches.filter((b) => b.record.started_by === undefined && (b.record.not_after ?? Infinity) <= now);
        const runnable = batches.filter((b) => b.record.started_by === undefined && (b.record.not_after ?? Infinity) > now);
        if (expired.length > 0) {
          // Their callers have given up (or are gone): never run them.
          await lock.drop(expired);
          this.#logger.info({ count: expired.length }, "dropped queued requests past their deadline without running them");
        }
        if (inDoubt.length > 0) {
          this.#logger.warn({ uuids: inDoubt.map((b) => b.record.uuid) }, "requests started by a worker that stopped before recording them: failing them, not sending them again");
          if ((await lock.advance(inDoubt.map((b) => ({ batch: b, revision: b.modRevision, outcome: { error: IN_DOUBT_ERROR } })))) === false) throw lockLost();
        }
        if (runnable.length === 0) continue;
        if (!state.session && state.openError === undefined) {
          try {
            state.session = await device.openSession();
          } catch (e) {
            state.openError = errorText(e);
            this.#logger.error({ err: state.openError }, "batch worker cannot reach the switch; failing every queued request");
          }
        }
        if (state.openError !== undefined) {
          // The verdict stands for this run: every request queued now fails at once (none was sent).
          const error = `Cannot connect to the switch: ${state.openError}`;
          if ((await lock.advance(runnable.map((b) => ({ batch: b, revision: b.modRevision, outcome: { error } })))) === false) throw lockLost();
          ran += runnable.length;
          continue;
        }
        const outcomes = await runRound({ queue: this.queue, logger: this.#logger, signal: this.#abort.signal, unrecorded: this.#unrecorded }, device, state, runnable);
        applied += outcomes.filter((o) => o && "result" in o).length;
        ran += outcomes.filter((o) => o).length;
        if (state.lockLost) throw lockLost();
        if (state.etcdError !== undefined) throw state.etcdError;
      }
    } finally {
      // Whatever was applied is saved, even when etcd or the lock failed meanwhile.
      if (applied > 0 && device.saveConfiguration) state.session = await this.#save(device, state.session);
      if (state.session) await closeQuietly(state.session);
      this.#logger.debug({ batches: ran, applied }, "batch worker done");
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


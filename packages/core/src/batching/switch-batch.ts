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
  /**
   * Optional: send several batches on `session` in one pass (e.g. one config-mode
   * entry and exit for all), each with its own outcome, in order. May return
   * fewer outcomes than batches when the session broke: the rest are sent again
   * on a fresh session. `onOutcome` hears of each outcome as soon as it is
   * known (its caller is answered then, not at the end of the pass). Without
   * this hook, each batch is one `sendConfigSet`.
   */
  sendConfigSets?(session: S, batches: readonly (readonly string[])[], onOutcome?: (index: number, outcome: BatchOutcome) => void): Promise<BatchOutcome[]>;
  saveConfig(session: S): Promise<void>;
}

/** One batch's outcome: the switch's output, or why it failed (only this batch). */
export type BatchOutcome = { result: string } | { error: string };

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

type Outcome = BatchOutcome;

/** Batches claimed per round at most (keeps each etcd transaction well under etcd's 128-op limit). */
const MAX_ROUND = 50;

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

  /**
   * Holding the lock: round after round, claim every pending batch, send them
   * all on one session in one pass (one config-mode entry/exit where the
   * device allows it), record each batch's own outcome, and save once at the end.
   */
  async #execute(lock: WorkerLock): Promise<void> {
    const device = this.#device!;
    const resultLease = await this.queue.grantLease(this.queue.resultTtlS);
    const state: { session?: BatchSession; openError?: string } = {};
    let applied = 0;
    let ran = 0;
    try {
      while (!this.#abort.signal.aborted) {
        const batches = (await this.queue.getBatches()).slice(0, MAX_ROUND);
        if (batches.length === 0) break;
        // Claim before sending: only while the lock is ours (a worker that lost it never
        // applies a batch twice) and the request was not withdrawn by its caller.
        const claimed = await lock.claimAll(batches);
        if (claimed === undefined) throw this.queue.batchError("Worker aborting - lock timed out");
        for (const batch of claimed) {
          if (batch.version > 1) {
            this.#logger.warn({ uuid: batch.record.uuid }, "running a batch again whose previous worker stopped mid-way (it died or lost the lock)");
          }
        }
        // Each outcome is recorded as soon as it is known; records made while one is in
        // flight go together in the next transaction (still conditioned on the lock).
        const recorder = new ResultRecorder(lock, resultLease);
        const outcomes = await this.#runRound(device, state, claimed, (i, o) => recorder.add(claimed[i]!, o));
        applied += outcomes.filter((o) => "result" in o).length;
        ran += outcomes.length;
        if (!(await recorder.done())) throw this.queue.batchError("Worker aborting - lock timed out");
        // Nothing claimable this round (all withdrawn or expired meanwhile): stop rather than spin.
        if (state.openError !== undefined || claimed.length === 0) break;
      }
      if (applied > 0 && device.saveConfiguration) await this.#save(device, state.session).then((s) => (state.session = s));
      this.#logger.debug({ batches: ran, applied }, "batch worker done");
    } finally {
      if (state.session) await closeQuietly(state.session);
    }
  }

  /** One outcome per claimed batch, in order; a broken session is replaced for the batches after it. */
  async #runRound(
    device: BatchDevice,
    state: { session?: BatchSession; openError?: string },
    claimed: readonly PendingBatch[],
    emit: (index: number, outcome: Outcome) => void,
  ): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    let emitted = 0;
    const emitUpTo = (n: number) => {
      for (; emitted < n; emitted++) emit(emitted, outcomes[emitted]!);
    };
    while (outcomes.length < claimed.length) {
      const base = outcomes.length;
      const rest = claimed.slice(base);
      if (!state.session && state.openError === undefined) {
        try {
          state.session = await device.openSession();
        } catch (e) {
          // Better than upstream: every batch taken gets this error now, not a timeout later.
          state.openError = errorText(e);
          this.#logger.error({ err: state.openError }, "batch worker cannot reach the switch; failing the pending batches");
        }
      }
      const session = state.session;
      if (state.openError !== undefined || !session) {
        const error = `Cannot connect to the switch: ${state.openError ?? "no session"}`;
        for (const _ of rest) outcomes.push({ error });
        emitUpTo(outcomes.length);
        break;
      }
      let got: Outcome[];
      if (device.sendConfigSets) {
        // Outcomes already handed on (and recorded) stand, whatever the hook returns after.
        const early: Outcome[] = [];
        try {
          const hook = device.sendConfigSets.bind(device);
          got = (
            await hook(
              session,
              rest.map((b) => b.record.cmds),
              (i, o) => {
                // Answer callers as the pass goes, in order; the returned list stays the truth.
                if (i !== early.length || i >= rest.length) return;
                early.push(o);
                outcomes[base + i] = o;
                emitUpTo(base + i + 1);
              },
            )
          ).slice(0, rest.length);
          got = [...early, ...got.slice(early.length)];
        } catch (e) {
          // The hook itself failed: fail the batch it was on, retry the rest on a fresh session.
          got = [...early, { error: errorText(e) }];
        }
      } else {
        got = [];
        for (const b of rest) {
          const o = await sendOne(device, session, b.record.cmds);
          got.push(o);
          outcomes[base + got.length - 1] = o;
          emitUpTo(base + got.length);
          if ("error" in o) break;
        }
      }
      if (got.length === 0) got = [{ error: "the device sent no outcome for this batch" }];
      outcomes.length = base;
      outcomes.push(...got);
      emitUpTo(outcomes.length);
      if (outcomes.length < claimed.length || ("error" in got[got.length - 1]! && !device.sendConfigSets)) {
        // The session may be broken (dropped connection): the next batch gets a fresh one.
        await closeQuietly(session);
        state.session = undefined;
      }
    }
    return outcomes;
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

/**
 * Records outcomes as they come: one transaction in flight at a time, and
 * whatever arrived meanwhile goes in the next one (group commit).
 */
class ResultRecorder {
  readonly #pending: { batch: PendingBatch; outcome: Outcome }[] = [];
  #running = false;
  #last: Promise<void> = Promise.resolve();
  #ok = true;
  #error: unknown;

  constructor(
    private readonly lock: WorkerLock,
    private readonly lease: string,
  ) {}

  add(batch: PendingBatch, outcome: Outcome): void {
    this.#pending.push({ batch, outcome });
    if (!this.#running) this.#last = this.#flush();
  }

  async #flush(): Promise<void> {
    this.#running = true;
    try {
      while (this.#pending.length > 0 && this.#ok && this.#error === undefined) {
        const take = this.#pending.splice(0, 50);
        try {
          if (!(await this.lock.recordResults(take.map((t) => t.batch), take.map((t) => t.outcome), this.lease))) this.#ok = false;
        } catch (e) {
          this.#error = e;
        }
      }
    } finally {
      // Cleared in the same step the loop ends: an `add` after this starts a new flush.
      this.#running = false;
    }
  }

  /** Everything recorded? False: the lock was lost. Throws what etcd threw. */
  async done(): Promise<boolean> {
    while (this.#running) await this.#last;
    if (this.#error !== undefined) throw this.#error;
    if (this.#ok && this.#pending.length > 0) {
      await this.#flush();
      return this.done();
    }
    return this.#ok;
  }
}

async function sendOne(device: BatchDevice, session: BatchSession, cmds: readonly string[]): Promise<Outcome> {
  try {
    return { result: await device.sendConfigSet(session, cmds) };
  } catch (e) {
    return { error: errorText(e) };
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

import { setMaxListeners } from "node:events";
import type { Etcd3 } from "etcd3";
import { GenericSwitchBatchError } from "../errors.js";
import { defaultLogger, type Logger } from "../logging.js";
import { SwitchQueue, workerOwner, type PendingBatch, type ResultEntry, type SwitchQueueOptions, type WorkerLock } from "./switch-queue.js";

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
   * this hook, each batch is one `sendConfigSet`. `before(i)` must be awaited
   * before batch `i` is sent: false means stop the pass there (return what
   * was done) — the worker could not mark it started. The CLI-switch base
   * decides from its class's declared `configMode`/`applyMode` whether the
   * batches share one config-mode pass (never by comparing functions).
   */
  sendConfigSets?(
    session: S,
    batches: readonly (readonly string[])[],
    onOutcome?: (index: number, outcome: BatchOutcome) => void,
    before?: (index: number) => Promise<boolean>,
  ): Promise<BatchOutcome[]>;
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
        const outcomes = await this.#runRound(device, state, runnable);
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

  /**
   * Send a round's batches, each only once it is marked started (which also
   * records the outcome before it). Stops at the first batch that cannot be
   * started: etcd failed (`state.etcdError`), the lock is gone
   * (`state.lockLost`), or the input changed or expired (left for the next
   * round). A broken session is replaced for the batches not yet started.
   * Returns the outcomes by index (holes for batches not sent).
   */
  async #runRound(device: BatchDevice, state: RoundState, batches: PendingBatch[]): Promise<(Outcome | undefined)[]> {
    const outcomes: (Outcome | undefined)[] = [];
    const startedAt: (bigint | undefined)[] = [];
    const pending: ResultEntry[] = [];
    let stop = false;
    let killTimer: NodeJS.Timeout | undefined;
    let killed = -1;
    const record = async (next?: PendingBatch): Promise<bigint | null | false> => {
      const entries = pending.splice(0);
      try {
        return await state.lock.advance(entries, next);
      } catch (e) {
        // Known but not recorded: kept for when etcd is back; nothing more is sent meanwhile.
        this.#unrecorded.push(...entries);
        state.etcdError = e;
        return false;
      }
    };
    const gate = async (k: number): Promise<boolean> => {
      if (stop || this.#abort.signal.aborted) return false;
      let b = batches[k]!;
      let rev: bigint | null | false = null;
      // Its caller may move its deadline meanwhile (the input changes): read it again and retry.
      // Read again too when it looks expired: it was read before the session opened (a slow login).
      for (let attempt = 0; attempt < 3 && rev === null; attempt++) {
        if (attempt > 0 || (b.record.not_after ?? Infinity) <= Date.now()) {
          const now = await this.queue.reread(b).catch(() => undefined);
          if (!now || now.record.started_by !== undefined) break;
          b = batches[k] = now;
        }
        if ((b.record.not_after ?? Infinity) <= Date.now()) break;
        rev = await record(b);
      }
      if (rev === false) {
        if (state.etcdError === undefined) state.lockLost = true;
        stop = true;
        return false;
      }
      if (rev === null) {
        // Withdrawn, expired or gone: the next round sees what it is.
        stop = true;
        return false;
      }
      const notAfter = b.record.not_after ?? Infinity;
      startedAt[k] = rev;
      // Never still sending it when its caller may have given up: close the session then.
      const left = notAfter + this.queue.sendBudgetMs - Date.now();
      if (Number.isFinite(left)) {
        const session = state.session;
        killTimer = setTimeout(() => {
          killed = k;
          this.#logger.error({ uuid: b.record.uuid }, "a batch is still being sent at its caller's deadline; closing the session");
          if (session) void closeQuietly(session);
        }, Math.max(0, left));
        killTimer.unref();
      }
      return true;
    };
    const emit = (k: number, o: Outcome) => {
      if (outcomes[k] !== undefined) return;
      clearTimeout(killTimer);
      if (killed === k && "error" in o) o = { error: `not finished by its caller's deadline; the session was closed (it may have been partly applied): ${o.error}` };
      outcomes[k] = o;
      pending.push({ batch: batches[k]!, revision: startedAt[k] ?? batches[k]!.modRevision, outcome: o });
    };
    let base = 0;
    while (base < batches.length && !stop) {
      if (!state.session) {
        try {
          state.session = await device.openSession();
        } catch (e) {
          // Reconnecting mid-run failed: the rest were not sent and stay queued for the next run.
          this.#logger.error({ err: errorText(e) }, "batch worker could not reconnect to the switch");
          break;
        }
      }
      const session = state.session;
      const rest = batches.slice(base);
      let got: Outcome[];
      if (device.sendConfigSets) {
        try {
          got = await device.sendConfigSets(
            session,
            rest.map((b) => b.record.cmds),
            (i, o) => emit(base + i, o),
            (i) => gate(base + i),
          );
        } catch (e) {
          got = [{ error: errorText(e) }];
        }
        got = got.slice(0, rest.length);
      } else {
        got = [];
        for (let i = 0; i < rest.length; i++) {
          if (!(await gate(base + i))) break;
          const o = await sendOne(device, session, rest[i]!.record.cmds);
          got.push(o);
          emit(base + i, o);
          if ("error" in o) break;
        }
      }
      clearTimeout(killTimer);
      // Outcomes the hook returned without announcing them; a started batch without one may have been applied.
      let last = base - 1;
      for (let i = 0; i < rest.length; i++) {
        const k = base + i;
        if (got[i] !== undefined) emit(k, got[i]!);
        else if (startedAt[k] !== undefined) emit(k, { error: "the session ended while sending it: it may have been applied" });
        if (outcomes[k] !== undefined) last = k;
      }
      const broke = last < batches.length - 1 || (got.length > 0 && "error" in got[got.length - 1]! && !device.sendConfigSets);
      base = last + 1;
      if (broke || killed >= 0) {
        // The session may be broken (dropped connection): the batches after get a fresh one.
        await closeQuietly(session);
        state.session = undefined;
      }
      if (got.length === 0 && !stop) break;
    }
    if (pending.length > 0 && !state.lockLost) {
      const r = await record();
      if (r === false && state.etcdError === undefined) state.lockLost = true;
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

interface RoundState {
  lock: WorkerLock;
  session?: BatchSession;
  /** Why the switch could not be reached (the verdict for this run). */
  openError?: string;
  /** etcd failed while recording: stop sending, keep the lock, try again later. */
  etcdError?: unknown;
  lockLost?: boolean;
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

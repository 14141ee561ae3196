import type { Logger } from "../logging.js";
import type { BatchDevice, BatchOutcome, BatchSession } from "./batch-device.js";
import type { PendingBatch } from "./queue-item.js";
import type { SwitchQueue } from "./switch-queue.js";
import type { ResultEntry, WorkerLock } from "./worker-lock.js";

type Outcome = BatchOutcome;

/** What a round needs of its `SwitchBatch` worker. */
export interface RoundContext {
  queue: SwitchQueue;
  logger: Logger;
  /** The batcher's stop signal: no batch is started once it aborts. */
  signal: AbortSignal;
  /** The worker's outcomes not yet recorded; a round adds those etcd failed to take. */
  unrecorded: ResultEntry[];
}

/** What one worker run carries from round to round: the lock, the session and why it stopped. */
export interface RoundState {
  lock: WorkerLock;
  session?: BatchSession;
  /** Why the switch could not be reached (the verdict for this run). */
  openError?: string;
  /** etcd failed while recording: stop sending, keep the lock, try again later. */
  etcdError?: unknown;
  lockLost?: boolean;
}

/**
 * Send a round's batches, each only once it is marked started (which also
 * records the outcome before it). Stops at the first batch that cannot be
 * started: etcd failed (`state.etcdError`), the lock is gone
 * (`state.lockLost`), or the input changed or expired (left for the next
 * round). A broken session is replaced for the batches not yet started.
 * Returns the outcomes by index (holes for batches not sent).
 */
export async function runRound(ctx: RoundContext, device: BatchDevice, state: RoundState, batches: PendingBatch[]): Promise<(Outcome | undefined)[]> {
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
      ctx.unrecorded.push(...entries);
      state.etcdError = e;
      return false;
    }
  };
  const gate = async (k: number): Promise<boolean> => {
    if (stop || ctx.signal.aborted) return false;
    let b = batches[k]!;
    let rev: bigint | null | false = null;
    // Its caller may move its deadline meanwhile (the input changes): read it again and retry.
    // Read again too when it looks expired: it was read before the session opened (a slow login).
    for (let attempt = 0; attempt < 3 && rev === null; attempt++) {
      if (attempt > 0 || (b.record.not_after ?? Infinity) <= Date.now()) {
        const now = await ctx.queue.reread(b).catch(() => undefined);
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
    const left = notAfter + ctx.queue.sendBudgetMs - Date.now();
    if (Number.isFinite(left)) {
      const session = state.session;
      killTimer = setTimeout(() => {
        killed = k;
        ctx.logger.error({ uuid: b.record.uuid }, "a batch is still being sent at its caller's deadline; closing the session");
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
        ctx.logger.error({ err: errorText(e) }, "batch worker could not reconnect to the switch");
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

async function sendOne(device: BatchDevice, session: BatchSession, cmds: readonly string[]): Promise<Outcome> {
  try {
    return { result: await device.sendConfigSet(session, cmds) };
  } catch (e) {
    return { error: errorText(e) };
  }
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export async function closeQuietly(s: BatchSession): Promise<void> {
  try {
    await s.close();
  } catch {
    // A broken session may fail to close; it is gone either way.
  }
}

import type { BatchRecord } from "./keys.js";
import { pause } from "./pause.js";
import { CLOCK_SKEW_MS, type SwitchQueueItem } from "./queue-item.js";
import type { SwitchQueue } from "./switch-queue.js";

/** What a waiting caller knows of its request when it gives up. */
type RequestState = "withdrawn" | "started" | "gone" | "unknown";

/**
 * The body of `SwitchQueue.waitForResult` (which revokes the caller's lease
 * afterwards): kept apart because the watch/poll/withdraw loop is a job of its own.
 */
export async function waitForQueueResult(queue: SwitchQueue, item: SwitchQueueItem, timeoutMs: number, signal?: AbortSignal): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  const mustStartBy = deadline - queue.sendBudgetMs;
  let startRevision: bigint | undefined = item.createRevision + 1n;
  let lastError: Error | undefined;
  let state: RequestState = "unknown";
  /** The revision of the last successful read: nothing at or before it was missed. */
  let readAt: bigint | undefined;
  const take = async (): Promise<BatchRecord | undefined> => {
    readAt = undefined;
    try {
      const { record, revision } = await queue.consumeResultAt(item.resultKey);
      lastError = undefined;
      readAt = revision;
      return record;
    } catch (e) {
      lastError = e as Error;
      return undefined;
    }
  };
  // Renew the lease and not_after every third of the shorter of the two.
  const keepEveryMs = Math.max(100, Math.min(queue.inputTtlS * 1000, queue.horizonMs) / 3);
  let keeping = false;
  const keeper = setInterval(() => {
    if (keeping) return;
    keeping = true;
    queue.keepWaiting(item, mustStartBy)
      .then((s) => {
        lastError = undefined;
        if (s === "started") state = "started";
      })
      .catch((e: unknown) => void (lastError = e as Error))
      .finally(() => (keeping = false));
  }, keepEveryMs);
  keeper.unref();
  /** Cut off from etcd: past this no worker can still be sending the request. */
  const cutOff = () => item.notAfter + queue.sendBudgetMs + CLOCK_SKEW_MS;
  try {
    for (;;) {
      const end = lastError ? Math.min(deadline, cutOff()) : deadline;
      const remaining = end - Date.now();
      if (remaining <= 0 || signal?.aborted) break;
      const ev = await queue.watchOnce(item.resultKey, startRevision, Math.min(queue.watchSliceMs, remaining), signal);
      if (ev.type === "delete") {
        throw queue.batchError(`Output key was deleted, perhaps lease expired: ${item.resultKey}`);
      }
      const record = await take();
      if (record) return outcome(queue, record);
      if (ev.type === "error") lastError = ev.error;
      // Resume right after the read that found nothing. A watch "from now" would start
      // when etcd registers it, and miss a result written in between (a whole slice lost).
      // A recent revision is also one a compaction is unlikely to have passed; if it
      // has, the watch fails and the next read comes first.
      startRevision = readAt !== undefined ? readAt + 1n : ev.type === "put" ? BigInt(ev.kv.mod_revision) + 1n : undefined;
      if (ev.type === "error" || lastError) await pause(Math.min(200, Math.max(0, deadline - Date.now())), signal);
    }
  } finally {
    clearInterval(keeper);
  }
  const record = await take();
  if (record) return outcome(queue, record);
  const etcdDown = lastError !== undefined;
  try {
    state = await queue.withdraw(item);
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
  throw queue.batchError(`${why}: ${item.resultKey}${note}${etcd}`, lastError);
}

function outcome(queue: SwitchQueue, record: BatchRecord): string {
  if (record.error !== undefined) throw queue.batchError(record.error);
  return record.result ?? "";
}

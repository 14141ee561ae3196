import { GenericSwitchNetconfLockDenied, GenericSwitchNetconfOperationFailed, type Logger } from "@ngs/core/device-kit";
import { gaveUp } from "./rpc-failure.js";

/**
 * How `lock-denied` and `operation-failed` are retried (upstream's tenacity
 * policy: waits of 2, 2, 4, then 5 s, 10 attempts in all). `sleep` is the
 * wait itself, replaceable so tests need not wait.
 */
export interface NetconfRetry {
  attempts: number;
  minMs: number;
  maxMs: number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Retry `lock-denied` and `operation-failed` with upstream's exponential
 * back-off, bounded; anything else is raised at once. Each attempt starts
 * from a clean candidate: a failed one discards it before unlocking, and
 * the next discards again after its lock.
 */
export async function withRetry(retry: NetconfRetry, logger: Logger, deviceName: string, fn: () => Promise<void>): Promise<void> {
  const { attempts, minMs, maxMs } = retry;
  const sleep = retry.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      const denied = e instanceof GenericSwitchNetconfLockDenied;
      if (!denied && !(e instanceof GenericSwitchNetconfOperationFailed)) throw e;
      if (attempt >= attempts) throw gaveUp(deviceName, e, attempt);
      // tenacity's wait_exponential(multiplier=1): 2^(attempt-1) s, clamped to [min, max]: 2, 2, 4, 5, 5, … s.
      const waitMs = Math.min(maxMs, Math.max(minMs, 1000 * 2 ** (attempt - 1)));
      const why = denied ? "datastore locked by another session" : `operation-failed (${e.message})`;
      logger.warn({ attempt, waitMs }, `NETCONF device ${deviceName}: ${why}; retrying in ${waitMs} ms`);
      await sleep(waitMs);
    }
  }
}

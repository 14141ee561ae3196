import { setTimeout as delay } from "node:timers/promises";
import { GenericSwitchException, type CliSessionLike, type Logger } from "@ngs/core/device-kit";
import { JUNOS_RETRYABLE_COMMIT_ERRORS } from "./templates.js";

export interface CommitRetryOptions {
  /** Keep retrying a retryable failure for this many seconds (`ngs_commit_timeout`). */
  timeoutS: number;
  /** Wait this long between attempts (`ngs_commit_interval`). */
  intervalS: number;
  logger?: Logger;
}

/**
 * Run `commit` until it succeeds (→ undefined) or fails for good (→ the
 * reason, with the switch's answer). Failures another session causes — a
 * locked configuration database, a statement added or removed concurrently —
 * are retried within the deadline. A session that breaks (anything but the
 * switch refusing the commit) is rethrown for the caller's reconnect logic.
 */
export async function commitWithRetries(session: CliSessionLike, opts: CommitRetryOptions): Promise<string | undefined> {
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    let answer: string;
    try {
      await session.commit();
      return undefined;
    } catch (e) {
      if (e instanceof GenericSwitchException || !(e instanceof Error) || e.name !== "CommandError") throw e;
      answer = commitAnswer(e);
    }
    const retryable = JUNOS_RETRYABLE_COMMIT_ERRORS.find((m) => answer.includes(m));
    if (!retryable) return `Failed to commit configuration: ${answer}`;
    const elapsedS = (Date.now() - started) / 1000;
    if (elapsedS + opts.intervalS > opts.timeoutS) {
      return retryable.startsWith("error: configuration database locked")
        ? `Reached timeout waiting for switch configuration DB lock after ${attempt} commit attempts. ` +
            `Configuration might not be committed: ${answer}`
        : `Reached timeout while attempting to apply configuration after ${attempt} commit attempts. ` +
            `This is likely to be caused by multiple sessions configuring the device concurrently: ${answer}`;
    }
    opts.logger?.debug({ attempt, error: answer }, "Commit failed; retrying");
    await delay(opts.intervalS * 1000);
  }
}

/** The switch's answer to the refused commit (CommandError carries it as `output`). */
function commitAnswer(e: Error): string {
  const output = (e as { output?: unknown }).output;
  return (typeof output === "string" && output.trim() ? output : e.message).trim();
}

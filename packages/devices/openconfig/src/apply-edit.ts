import { GenericSwitchNetconfError, type Logger, type NgsConfig } from "@ngs/core/device-kit";
import { hasConfirmedCommit, hasValidate, type Datastore } from "./capabilities.js";
import type { NetconfClient } from "./client.js";
import { rpcErrorInfo } from "./session.js";
import { rpcFailure } from "./rpc-failure.js";

/** What sending a change needs of its device. */
export interface ApplyContext {
  readonly deviceName: string;
  readonly logger: Logger;
  readonly ngsConfig: Readonly<NgsConfig>;
  readonly saveConfiguration: boolean;
  /** `ngs_netconf_save_config`'s content, if set. */
  readonly saveConfigContent: string | undefined;
}

/**
 * One attempt at a change: lock the target, send the edit and make it stick
 * (candidate: discard, edit, validate, commit; running: edit, then save),
 * unlock. A failed candidate attempt discards what it sent.
 */
export async function lockAndConfigure(ctx: ApplyContext, client: NetconfClient, target: Datastore, caps: ReadonlySet<string>, content: string): Promise<void> {
  const step = async (rpc: string, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (e) {
      throw rpcFailure(ctx.deviceName, rpc, target, e);
    }
  };
  try {
    await step("lock", () => client.lock(target));
  } catch (e) {
    // Session 0 is no NETCONF session (the CLI, say) whose uncommitted candidate edits block the lock (RFC 6241 §7.5).
    const info = rpcErrorInfo((e as Error).cause);
    if (target === "candidate" && info?.tag === "lock-denied" && info.sessionId === "0") await client.discardChanges().catch(() => undefined);
    throw e;
  }
  let done = false;
  try {
    if (target === "candidate") {
      await step("discard-changes", () => client.discardChanges());
      await step("edit-config", () => client.editConfig("candidate", content));
      if (hasValidate(caps)) await step("validate", () => client.validate("candidate"));
      const c = ctx.ngsConfig;
      if (c.netconfConfirmedCommit && hasConfirmedCommit(caps)) {
        await step("commit (confirmed)", () => client.commit({ confirmed: true, confirmTimeoutS: c.netconfConfirmedCommitTimeoutS }));
      }
      await step("commit", () => client.commit());
    } else {
      await step("edit-config", () => client.editConfig("running", content));
      done = true;
      if (ctx.saveConfiguration) await saveRunning(ctx, client, caps, step);
    }
    done = true;
  } catch (e) {
    // Whatever reached the candidate stays out of the running config.
    if (target === "candidate" && !done) await client.discardChanges().catch(() => undefined);
    if (target === "running" && done) {
      throw new GenericSwitchNetconfError({
        device: ctx.deviceName,
        error: `the change was applied to running but not saved: ${(e as Error).message}`,
        cause: e,
      });
    }
    throw e;
  } finally {
    await client.unlock(target).catch(() => undefined);
  }
}

async function saveRunning(ctx: ApplyContext, client: NetconfClient, caps: ReadonlySet<string>, step: (rpc: string, fn: () => Promise<void>) => Promise<void>): Promise<void> {
  if (ctx.saveConfigContent !== undefined) {
    await step("edit-config (ngs_netconf_save_config)", () => client.editConfig("running", ctx.saveConfigContent!));
  } else if (caps.has(":startup")) {
    await step("copy-config running to startup", () => client.copyConfig("running", "startup"));
  } else {
    ctx.logger.warn(
      `Cannot persist running config on NETCONF device ${ctx.deviceName}: no ngs_netconf_save_config configured and the device does not advertise :startup`,
    );
  }
}

import { GenericSwitchBatchError } from "../errors.js";

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

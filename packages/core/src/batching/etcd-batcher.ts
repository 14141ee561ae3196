import type { Etcd3 } from "etcd3";
import type { Batcher, GenericSwitchDevice } from "../device.js";
import { ShutdownTimeout } from "../errors.js";
import { defaultLogger, type Logger } from "../logging.js";
import { asBatchDevice, SwitchBatch, type SwitchBatchOptions } from "./switch-batch.js";

/** Upstream's `SHUTDOWN_TIMEOUT`: how long a stopping host waits for its batch work. */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 60_000;

export interface BatcherCloseOptions {
  /** Wait this long for in-flight requests and workers (default 60 s), then stop them and raise `ShutdownTimeout`. */
  timeoutMs?: number;
}

/**
 * The `Batcher` a host hands its devices when `backend_url` is set: one
 * `SwitchBatch` per switch (keyed by host/ip), all on one etcd client.
 */
export class EtcdBatcher implements Batcher {
  readonly #client: Etcd3;
  readonly #opts: SwitchBatchOptions;
  readonly #logger: Logger;
  readonly #switches = new Map<string, SwitchBatch>();
  #closing = false;

  constructor(client: Etcd3, opts: SwitchBatchOptions = {}) {
    this.#client = client;
    this.#opts = opts;
    this.#logger = opts.logger ?? defaultLogger();
  }

  /** The per-switch batch (created on first use). */
  forSwitch(switchId: string, deviceName = switchId): SwitchBatch {
    let b = this.#switches.get(switchId);
    if (!b) {
      b = new SwitchBatch(this.#client, switchId, { ...this.#opts, deviceName, logger: this.#logger });
      this.#switches.set(switchId, b);
    }
    return b;
  }

  async doBatch(device: GenericSwitchDevice, commands: string[]): Promise<string> {
    const d = asBatchDevice(device);
    const batch = this.forSwitch(d.lockPrefix, d.deviceName);
    if (this.#closing) throw batch.queue.batchError("the batcher is shutting down; request not queued");
    return batch.doBatch(d, commands);
  }

  /**
   * Stop taking requests, wait up to `timeoutMs` for the ones in flight and
   * the workers running them; past that, fail the waiting requests, stop the
   * workers between batches (releasing the execute lock) and raise
   * `ShutdownTimeout`. The etcd client is the caller's to close afterwards.
   */
  async close(opts: BatcherCloseOptions = {}): Promise<void> {
    this.#closing = true;
    const timeoutMs = opts.timeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
    const batches = [...this.#switches.values()];
    const allIdle = Promise.all(batches.map((b) => b.idle())).then(() => true);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const clean = await Promise.race([allIdle, timedOut]);
    clearTimeout(timer);
    if (clean) return;
    const pending = batches.reduce((n, b) => n + b.busy.waiters, 0);
    const workers = batches.filter((b) => b.busy.worker).length;
    for (const b of batches) b.abort();
    // Aborted waits end at once; a worker stops after its current command set.
    await allIdle;
    throw new ShutdownTimeout({
      timeout: timeoutMs / 1000,
      pending: `${pending} batch request(s) and ${workers} batch worker(s)`,
    });
  }
}

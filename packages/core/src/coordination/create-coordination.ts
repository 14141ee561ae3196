import type { Coordinator } from "../coordinator.js";
import type { Batcher } from "../device.js";
import { ShutdownTimeout } from "../errors.js";
import { EtcdBatcher, type BatcherCloseOptions } from "../batching/etcd-batcher.js";
import type { SwitchBatchOptions } from "../batching/switch-batch.js";
import { InProcessCoordinator } from "../locking/in-process.js";
import { defaultLogger, type Logger } from "../logging.js";
import type { NgsGlobalConfig } from "../types.js";
import { connectEtcd } from "./etcd-client.js";
import { EtcdCoordinator } from "./etcd-coordinator.js";

/** What a host passes into every device's context, and how it shuts it down. */
export interface Coordination {
  /** `etcd` when `backend_url` is set, else `in-process` (one host only). */
  readonly kind: "etcd" | "in-process";
  readonly coordinator: Coordinator;
  /** Present with etcd: devices with `ngs_batch_requests` need it. */
  readonly batcher?: Batcher;
  /**
   * Wait for in-flight batch work (up to `timeoutMs`, default 60 s), release
   * locks, revoke leases, close the etcd client. Raises `ShutdownTimeout`
   * after cleaning up when the wait ran out; the process can exit either way.
   */
  close(opts?: BatcherCloseOptions): Promise<void>;
}

export interface CreateCoordinationOptions {
  logger?: Logger;
  /** TTL of PoolLock leases, seconds (default: the URL's `lock_timeout`, else 30). */
  lockTtlS?: number;
  /** Batching knobs (TTLs, timeouts); upstream's values by default. */
  batch?: Omit<SwitchBatchOptions, "logger">;
  /** Startup reachability check deadline (default 10 s). */
  connectTimeoutMs?: number;
  /** Per-request etcd deadline (default: the URL's `timeout`, else 30 s). */
  requestTimeoutMs?: number;
}

/**
 * The coordination a host needs for `[ngs_coordination]`: with `backend_url`
 * an etcd coordinator (PoolLock across hosts) and a batcher, after proving
 * etcd answers (else a clear error naming the URL without credentials);
 * without it the in-process coordinator, the embedded default.
 */
export async function createCoordination(
  global: Pick<NgsGlobalConfig, "backendUrl">,
  opts: CreateCoordinationOptions = {},
): Promise<Coordination> {
  const logger = opts.logger ?? defaultLogger();
  if (!global.backendUrl) {
    const coordinator = new InProcessCoordinator();
    return { kind: "in-process", coordinator, close: () => coordinator.close() };
  }
  const clientOpts: { connectTimeoutMs?: number; requestTimeoutMs?: number } = {};
  if (opts.connectTimeoutMs !== undefined) clientOpts.connectTimeoutMs = opts.connectTimeoutMs;
  if (opts.requestTimeoutMs !== undefined) clientOpts.requestTimeoutMs = opts.requestTimeoutMs;
  const conn = await connectEtcd(global.backendUrl, clientOpts);
  if (conn.backend.ignored.length > 0) {
    logger.warn({ params: conn.backend.ignored }, `[ngs_coordination] backend_url: ignoring unknown parameter(s) ${conn.backend.ignored.join(", ")}`);
  }
  const coordinator = new EtcdCoordinator(conn.client, {
    backend: conn.backend,
    logger,
    ownsClient: false,
    ...(opts.lockTtlS !== undefined ? { lockTtlS: opts.lockTtlS } : {}),
  });
  const batcher = new EtcdBatcher(conn.client, { ...opts.batch, logger });
  logger.debug({ endpoint: conn.backend.endpoint }, "coordinating through etcd");
  let closed: Promise<void> | undefined;
  return {
    kind: "etcd",
    coordinator,
    batcher,
    close(closeOpts?: BatcherCloseOptions) {
      closed ??= (async () => {
        let timeout: unknown;
        try {
          await batcher.close(closeOpts);
        } catch (e) {
          if (!(e instanceof ShutdownTimeout)) throw e;
          timeout = e;
        } finally {
          await coordinator.close();
          conn.client.close();
        }
        if (timeout) throw timeout;
      })();
      return closed;
    },
  };
}

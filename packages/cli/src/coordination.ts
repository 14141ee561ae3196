import type { DeviceContext, Logger, NgsGlobalConfig } from "./core.js";

export interface HostCoordination {
  /** What devices get: the coordinator (locks) and, with etcd, the batcher. */
  context: Pick<DeviceContext, "coordinator" | "batcher">;
  close(): Promise<void>;
}

/**
 * The host owns the coordination backend: one per process, shared by every
 * switch, closed on exit. With `[ngs_coordination] backend_url` it is etcd
 * (locks and batching across hosts); without, the in-process coordinator.
 */
export async function openCoordination(global: NgsGlobalConfig, logger: Logger): Promise<HostCoordination> {
  // Loaded on use: etcd3 itself only when backend_url is set (inside core).
  const { createCoordination } = await import("@ngs/core/coordination");
  const c = await createCoordination(global, { logger });
  logger.debug({ coordination: c.kind }, "coordination backend ready");
  const context: HostCoordination["context"] = { coordinator: c.coordinator };
  if (c.batcher) context.batcher = c.batcher;
  return { context, close: () => c.close() };
}

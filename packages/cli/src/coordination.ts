import type { DeviceContext, Logger, NgsGlobalConfig } from "./core.js";

export interface Coordination {
  /** What devices get: the coordinator (locks) and the batcher, when configured. */
  context: Pick<DeviceContext, "coordinator" | "batcher">;
  close(): Promise<void>;
}

/**
 * The host owns the coordination backend: one per process, shared by every
 * switch, closed on exit. Without `[ngs_coordination] backend_url` devices
 * lock within this process only.
 */
export async function openCoordination(global: NgsGlobalConfig, logger: Logger): Promise<Coordination> {
  const core = (await import("./core.js")) as unknown as {
    createCoordination?: (g: NgsGlobalConfig, opts?: { logger?: Logger }) => Promise<{
      coordinator?: DeviceContext["coordinator"];
      batcher?: DeviceContext["batcher"];
      close(): Promise<void>;
    }>;
  };
  if (!core.createCoordination) {
    if (global.backendUrl) logger.warn("[ngs_coordination] backend_url is set but this @ngs/core has no etcd coordination; locking is per process");
    return { context: {}, async close() {} };
  }
  const c = await core.createCoordination(global, { logger });
  const context: Coordination["context"] = {};
  if (c.coordinator) context.coordinator = c.coordinator;
  if (c.batcher) context.batcher = c.batcher;
  return { context, close: () => c.close() };
}

import {
  createCoordination,
  createEtcdClient,
  GenericSwitchConfigException,
  loadCheckedConfig,
  loadDevices,
  type Batcher,
  type ConfigSources,
  type Coordinator,
  type GenericSwitchDevice,
  type LoadedConfig,
  type Logger,
} from "@ngs/core";
import type { ServerMetrics } from "./metrics.js";

/** Where the config and the plugins come from (the same rules as every `ngs` command). */
export interface RuntimeSources extends ConfigSources {
  /** The host's package.json: its dependencies with an `ngs` manifest are the plugins (the cli passes its own). */
  hostPackageJson?: string;
  pluginDirs?: readonly string[];
}

/**
 * One loaded configuration: devices, their session pools and the
 * coordination backend, for the life of the process (or until a SIGHUP
 * reload replaces it).
 */
export interface Runtime {
  readonly config: LoadedConfig;
  readonly devices: ReadonlyMap<string, GenericSwitchDevice>;
  readonly coordinationKind: "etcd" | "in-process";
  /** null when ready; else why not (the coordinator is unreachable). */
  notReadyReason(): Promise<string | null>;
  /** Wait for batch work up to `timeoutMs`, release locks, revoke leases, close sessions. */
  close(timeoutMs: number): Promise<void>;
}

export async function loadRuntime(sources: RuntimeSources, logger: Logger, metrics: ServerMetrics): Promise<Runtime> {
  const config = await loadCheckedConfig(sources);
  if (config.devices.size === 0) {
    throw new GenericSwitchConfigException({ message: `no switches configured in ${config.files.join(", ")} (add a [genericswitch:NAME] section)` });
  }
  for (const w of config.warnings) logger.warn(w);
  const coordination = await createCoordination(config.global, { logger });
  let devices: Map<string, GenericSwitchDevice>;
  try {
    ({ devices } = await loadDevices({
      config,
      ...(sources.hostPackageJson ? { hostPackageJson: sources.hostPackageJson } : {}),
      pluginDirs: sources.pluginDirs ?? [],
      context: {
        logger,
        global: config.global,
        coordinator: timedCoordinator(coordination.coordinator, metrics),
        ...(coordination.batcher ? { batcher: countedBatcher(coordination.batcher, metrics) } : {}),
      },
    }));
  } catch (e) {
    await coordination.close().catch(() => undefined);
    throw e;
  }
  for (const d of devices.values()) countSessions(d, metrics);
  // A separate client for readiness probes, so a probe never waits behind batch traffic.
  const probe = config.global.backendUrl ? await createEtcdClient(config.global.backendUrl, { connectTimeoutMs: 2000 }) : undefined;
  return {
    config,
    devices,
    coordinationKind: coordination.kind,
    async notReadyReason() {
      if (!probe) return null;
      try {
        await probe.client.get("/ngs/.probe").options({ deadline: Date.now() + 2000 }).exec();
        return null;
      } catch (e) {
        return `coordination backend ${probe.backend.redacted} unreachable: ${(e as Error).message.split("\n")[0]}`;
      }
    },
    async close(timeoutMs: number) {
      try {
        await coordination.close({ timeoutMs });
      } catch (e) {
        logger.warn({ err: e }, "coordination did not close cleanly");
      }
      for (const d of devices.values()) {
        const closable = d as unknown as { close?: () => Promise<void> };
        if (typeof closable.close === "function") await closable.close().catch(() => undefined);
      }
      probe?.client.close();
    },
  };
}

/** The coordinator, timing how long PoolLock waits for a slot to be released. */
function timedCoordinator(inner: Coordinator, metrics: ServerMetrics): Coordinator {
  const wrapped: Coordinator = {
    getLock: (name) => inner.getLock(name),
    close: () => inner.close(),
  };
  if (inner.waitForRelease) {
    const wait = inner.waitForRelease.bind(inner);
    wrapped.waitForRelease = async (locks, signal) => {
      const end = metrics.lockWaitSeconds.startTimer();
      try {
        await wait(locks, signal);
      } finally {
        end();
      }
    };
  }
  return wrapped;
}

/** The batcher, counting the commands each request queues. */
function countedBatcher(inner: Batcher, metrics: ServerMetrics): Batcher {
  return {
    doBatch(device, commands) {
      metrics.batchCommands.observe({ switch: device.deviceName }, commands.length);
      return inner.doBatch(device, commands);
    },
  };
}

/**
 * Count SSH sessions of a CLI switch: core has no session hook, so the
 * device's public `openSession` is wrapped on this host's own instances, and
 * each session's `close` with it (once, however it is closed).
 */
function countSessions(device: GenericSwitchDevice, metrics: ServerMetrics): void {
  const d = device as unknown as { openSession?: () => Promise<{ close(): Promise<void> | void }> };
  const open = d.openSession;
  if (typeof open !== "function") return;
  const labels = { switch: device.deviceName };
  d.openSession = async () => {
    const session = await open.call(device);
    metrics.sshSessionsOpened.inc(labels);
    metrics.sshSessionsOpen.inc(labels);
    const close = session.close.bind(session);
    let closed = false;
    session.close = () => {
      if (!closed) {
        closed = true;
        metrics.sshSessionsOpen.dec(labels);
      }
      return close();
    };
    return session;
  };
}

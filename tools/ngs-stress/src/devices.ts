/**
 * Opening the switch to drive. We go through @ngs/core's device loader (the
 * same config reader, plugin discovery, coordination, locking and batching
 * the driver uses) and drive the device object directly, as upstream's
 * stress tool does with the one it takes from the driver: the stress tool
 * needs one device, not Neutron-shaped hooks.
 */
import { createRequire } from "node:module";
import {
  createCoordination,
  createLogger,
  GenericSwitchConfigException,
  loadConfig,
  loadDevices,
} from "@ngs/core";
import type { StressDevice } from "./workload.js";

type LogLevel = NonNullable<NonNullable<Parameters<typeof createLogger>[0]>["level"]>;

export interface OpenedDevice {
  device: StressDevice;
  /** Close pooled sessions and the coordination backend. */
  close(): Promise<void>;
}

export interface ConfigPaths {
  configFiles: string[];
  configDirs: string[];
  /** pino level for the devices' logs; default NGS_LOG_LEVEL, else silent. */
  logLevel?: string;
}

export interface OpenDeviceOptions extends ConfigPaths {
  switch: string;
}

/**
 * The host package.json the plugins are discovered from: @ngs/cli's, the
 * reference host. In this workspace it runs from source, so its
 * devDependency @ngs/all-devices brings every first-party vendor package.
 */
export function hostPackageJson(): string {
  const require = createRequire(import.meta.url);
  return require.resolve("@ngs/cli/package.json");
}

export interface AllDevices {
  devices: Map<string, StressDevice>;
  close(): Promise<void>;
}

/** Load every configured device as the driver would (config, plugins, coordination). */
export async function openAllDevices(paths: ConfigPaths): Promise<AllDevices> {
  const config = loadConfig(paths);
  const logger = createLogger({ level: (paths.logLevel ?? process.env.NGS_LOG_LEVEL ?? "silent") as LogLevel });
  const coordination = await createCoordination(config.global, { logger });
  try {
    const { devices } = await loadDevices({
      config,
      hostPackageJson: hostPackageJson(),
      context: {
        coordinator: coordination.coordinator,
        batcher: coordination.batcher,
        global: config.global,
        logger,
      },
    });
    return {
      devices: devices as unknown as Map<string, StressDevice>,
      close: async () => {
        await Promise.allSettled(
          [...devices.values()].map((d) => (d as unknown as { close?: () => Promise<void> }).close?.()),
        );
        await coordination.close();
      },
    };
  } catch (e) {
    await coordination.close();
    throw e;
  }
}

export async function openDevice(opts: OpenDeviceOptions): Promise<OpenedDevice> {
  const all = await openAllDevices(opts);
  const device = all.devices.get(opts.switch);
  if (!device) {
    await all.close();
    throw new GenericSwitchConfigException({
      message: `No switch named ${opts.switch} in the config. Known switches: ${[...all.devices.keys()].sort().join(", ") || "(none)"}. To resolve this issue, pass --switch with one of them.`,
    });
  }
  return { device, close: all.close };
}

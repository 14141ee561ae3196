import type { GenericSwitchDevice, LoadedConfig, Logger, NgsGlobalConfig } from "./core.js";
import { GenericSwitchConfigException, loadDevices, switchLogger } from "./core.js";
import type { GlobalOptions } from "./command.js";
import { HOST_PACKAGE_JSON, makeLogger, pluginDirs, loadCheckedConfig } from "./runtime.js";
import { openCoordination, type HostCoordination } from "./coordination.js";

export interface OpenedSwitches {
  devices: Map<string, GenericSwitchDevice>;
  config: LoadedConfig;
  logger: Logger;
  /** Close sessions and the coordination backend. */
  close(): Promise<void>;
}

/**
 * Load the config, then build the named switches only (their device types
 * are the only plugin code imported). `connect: false` (dry runs) skips the
 * coordination backend so nothing at all is contacted.
 */
export async function openSwitches(
  global: GlobalOptions,
  command: string,
  names: readonly string[] | "all",
  opts: { connect: boolean; defaultLogLevel?: string },
): Promise<OpenedSwitches> {
  const config = await loadCheckedConfig(global, command);
  const wanted = names === "all" ? [...config.devices.keys()] : [...names];
  const unknown = wanted.filter((n) => !config.devices.has(n));
  if (unknown.length > 0) {
    throw new GenericSwitchConfigException({
      message: `unknown switch${unknown.length > 1 ? "es" : ""} ${unknown.map((n) => `'${n}'`).join(", ")}: configured switches are ${
        [...config.devices.keys()].map((n) => `'${n}'`).join(", ") || "(none)"
      }. To resolve this, use a [genericswitch:NAME] section name from ${config.files.join(", ")}`,
    });
  }
  if (wanted.length === 0) {
    throw new GenericSwitchConfigException({ message: `no switches configured in ${config.files.join(", ")} (add a [genericswitch:NAME] section)` });
  }
  const logger = await makeLogger(global, opts.defaultLogLevel);
  for (const w of config.warnings) logger.warn(w);
  const only: LoadedConfig = { ...config, devices: new Map(wanted.map((n) => [n, config.devices.get(n)!])) };
  let coordination: HostCoordination | undefined;
  const context = async (g: NgsGlobalConfig) => {
    if (!opts.connect) return { logger, global: g };
    coordination = await openCoordination(g, logger);
    return { logger, global: g, ...coordination.context };
  };
  let devices: Map<string, GenericSwitchDevice>;
  try {
    ({ devices } = await loadDevices({ config: only, hostPackageJson: HOST_PACKAGE_JSON, pluginDirs: pluginDirs(global), context }));
  } catch (e) {
    await coordination?.close();
    // A transport value that does not cast (port = abc) is found while building
    // the device: that is a configuration error (exit 2), not a switch failure.
    if (e instanceof Error && e.name === "GenericSwitchNetmikoConfigError") {
      throw new GenericSwitchConfigException({ message: e.message, cause: e });
    }
    throw e;
  }
  return {
    devices,
    config,
    logger,
    async close() {
      for (const d of devices.values()) {
        const closable = d as unknown as { close?: () => Promise<void> };
        if (typeof closable.close === "function") await closable.close().catch(() => undefined);
      }
      await coordination?.close();
    },
  };
}

export { switchLogger };

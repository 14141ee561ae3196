import type { DeviceContext, GenericSwitchDevice } from "../device.js";
import { GenericSwitchConfigException } from "../errors.js";
import { loadConfig, type ConfigSources, type LoadedConfig } from "../config/load.js";
import type { NgsGlobalConfig } from "../types.js";
import { discoverPlugins } from "./discover.js";
import { installCommand } from "./install-root.js";
import { loadDeviceClass } from "./load-class.js";
import type { PluginEntry } from "./manifest.js";

export interface GetDevicesOptions extends ConfigSources {
  /** An already loaded config (then configFiles/configDirs are not read). */
  config?: LoadedConfig;
  /** The host's package.json: its dependencies carrying an `ngs` field are plugins. */
  hostPackageJson?: string;
  /** Plugin dirs besides the config's `[ngs] plugin_dir`. */
  pluginDirs?: readonly string[];
  /**
   * What each device gets besides its section. A function receives the
   * loaded global config (e.g. to build the coordinator from backend_url).
   * `global` defaults to the config's.
   */
  context?: DeviceContext | ((global: NgsGlobalConfig) => DeviceContext | Promise<DeviceContext>);
}

export interface LoadedDevices {
  devices: Map<string, GenericSwitchDevice>;
  config: LoadedConfig;
  plugins: PluginEntry[];
}

/**
 * Config → plugin manifests → device objects. Imports only the device types
 * the config uses. Every device that fails to load or construct is reported
 * (one error names them all; a single failure is rethrown as is).
 */
export async function loadDevices(opts: GetDevicesOptions): Promise<LoadedDevices> {
  const config = opts.config ?? loadConfig(opts);
  const pluginDirs = [...(opts.pluginDirs ?? []), ...(config.global.pluginDirs ?? [])];
  const plugins = discoverPlugins({
    hostPackageJson: opts.hostPackageJson,
    pluginDirs,
    explicit: config.global.plugins,
    logger: typeof opts.context === "object" ? opts.context.logger : undefined,
  });
  const given = typeof opts.context === "function" ? await opts.context(config.global) : opts.context ?? {};
  const context: DeviceContext = { ...given, global: given.global ?? config.global };

  const installHint = (packages: readonly string[]) => installCommand(packages, { hostPackageJson: opts.hostPackageJson, pluginDirs });
  const devices = new Map<string, GenericSwitchDevice>();
  const failures: { name: string; error: unknown }[] = [];
  for (const [name, section] of config.devices) {
    try {
      const cls = await loadDeviceClass(section.device_type!.trim(), plugins, { installHint });
      devices.set(name, new cls(section, name, context));
    } catch (error) {
      failures.push({ name, error });
    }
  }
  if (failures.length === 1) throw failures[0]!.error;
  if (failures.length > 1) {
    throw new GenericSwitchConfigException({
      message: `${failures.length} switches could not be loaded:\n${failures
        .map((f) => `  [genericswitch:${f.name}] ${(f.error as Error)?.message ?? String(f.error)}`)
        .join("\n")}`,
      cause: failures[0]!.error,
      problems: failures.map((f) => f.name),
    });
  }
  return { devices, config, plugins };
}

/** `loadDevices(...).devices`: device name → device object. */
export async function getDevices(opts: GetDevicesOptions): Promise<Map<string, GenericSwitchDevice>> {
  return (await loadDevices(opts)).devices;
}

import { discoverPlugins, installCommand, loadDevicePlatform, type Platform, type PluginEntry } from "./core.js";
import { GenericSwitchConfigException } from "./core.js";
import { HOST_PACKAGE_JSON } from "./runtime.js";

/**
 * The dialect to simulate for a device type: the `platform` its device class
 * declares (a `Platform` object the simulator serves by its family, or by its
 * own model of that name). Loading the class also proves the device type exists.
 */
export async function simPlatformFor(deviceType: string, plugins: readonly PluginEntry[], pluginDirs: readonly string[] = []): Promise<Platform> {
  const installHint = (packages: readonly string[]) => installCommand(packages, { hostPackageJson: HOST_PACKAGE_JSON, pluginDirs });
  try {
    return await loadDevicePlatform(deviceType, plugins, { installHint });
  } catch (e) {
    throw new GenericSwitchConfigException({ message: `device_type ${deviceType} has no simulator dialect: ${(e as Error).message}`, cause: e });
  }
}

export function hostPlugins(hostPackageJson: string, pluginDirs: readonly string[]): PluginEntry[] {
  return discoverPlugins({ hostPackageJson, pluginDirs });
}

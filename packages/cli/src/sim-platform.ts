import { discoverPlugins, loadDeviceClass, type PluginEntry } from "./core.js";
import { GenericSwitchConfigException } from "./core.js";

/**
 * The simulator dialect for a device type: the `platform` its device class
 * declares (the @ngs/cli-session platform it talks to). Loading the class
 * also proves the device type exists.
 */
export async function simPlatformFor(deviceType: string, plugins: readonly PluginEntry[], simPlatforms: readonly string[]): Promise<string> {
  const cls = (await loadDeviceClass(deviceType, plugins)) as unknown as { platform?: unknown };
  // The simulator's own map knows dialects finer than the session platform (cumulus_nvue vs linux).
  const sim = (await import("@ngs/switch-sim")) as unknown as { platformForDeviceType?: (t: string) => string | undefined };
  let platform: string | undefined;
  try {
    platform = sim.platformForDeviceType?.(deviceType);
  } catch {
    platform = undefined;
  }
  if (!platform && typeof cls.platform === "string") platform = cls.platform;
  if (!platform || !simPlatforms.includes(platform)) {
    throw new GenericSwitchConfigException({
      message: `device_type ${deviceType} has no simulator dialect${platform ? ` (its platform is ${platform})` : ""}; the simulator speaks: ${simPlatforms.join(", ")}`,
    });
  }
  return platform;
}

export function hostPlugins(hostPackageJson: string, pluginDirs: readonly string[]): PluginEntry[] {
  return discoverPlugins({ hostPackageJson, pluginDirs });
}

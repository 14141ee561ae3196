import { discoverPlugins, installCommand, loadDeviceClass, type PluginEntry } from "./core.js";
import { GenericSwitchConfigException } from "./core.js";
import type { SwitchSimModule } from "./companions.js";
import { HOST_PACKAGE_JSON } from "./runtime.js";

/**
 * The simulator dialect for a device type: the `platform` its device class
 * declares (the @ngs/cli-session platform it talks to). Loading the class
 * also proves the device type exists.
 */
export async function simPlatformFor(deviceType: string, plugins: readonly PluginEntry[], sim: SwitchSimModule, pluginDirs: readonly string[] = []): Promise<string> {
  return (await simSetupFor(deviceType, plugins, sim, pluginDirs)).platform;
}

/**
 * How the simulator serves a device type: its CLI dialect, or, for a device
 * class declaring `transport = "netconf"`, the simulator's NETCONF server
 * (an SSH subsystem beside a plain shell).
 */
export async function simSetupFor(
  deviceType: string,
  plugins: readonly PluginEntry[],
  sim: SwitchSimModule,
  pluginDirs: readonly string[] = [],
): Promise<{ platform: string; netconf: boolean }> {
  const installHint = (packages: readonly string[]) => installCommand(packages, { hostPackageJson: HOST_PACKAGE_JSON, pluginDirs });
  const cls = (await loadDeviceClass(deviceType, plugins, { installHint })) as unknown as { platform?: unknown; transport?: unknown };
  const simPlatforms = sim.platforms;
  if (cls.transport === "netconf") return { platform: "linux", netconf: true };
  // The simulator's own map knows dialects finer than the session platform (cumulus_nvue vs linux).
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
  return { platform, netconf: false };
}

export function hostPlugins(hostPackageJson: string, pluginDirs: readonly string[]): PluginEntry[] {
  return discoverPlugins({ hostPackageJson, pluginDirs });
}

import { discoverPlugins, installCommand, loadDeviceClass, loadDevicePlatform, type Platform, type PluginEntry } from "./core.js";
import { GenericSwitchConfigException } from "./core.js";
import { HOST_PACKAGE_JSON } from "./runtime.js";

/**
 * How the simulator serves a device type, as its plugin says: the `platform`
 * its device class declares (a `Platform` object the simulator serves with
 * its own model of that name, or its family's model for a dialect it has
 * never seen), or, for a class declaring `transport = "netconf"`, the
 * simulator's NETCONF server (an SSH subsystem beside a plain shell).
 * Loading the class also proves the device type exists.
 */
export async function simSetupFor(
  deviceType: string,
  plugins: readonly PluginEntry[],
  pluginDirs: readonly string[] = [],
): Promise<{ platform: Platform | string; netconf: boolean }> {
  const installHint = (packages: readonly string[]) => installCommand(packages, { hostPackageJson: HOST_PACKAGE_JSON, pluginDirs });
  const cls = (await loadDeviceClass(deviceType, plugins, { installHint })) as unknown as { transport?: unknown };
  if (cls.transport === "netconf") return { platform: "linux", netconf: true };
  try {
    return { platform: await loadDevicePlatform(deviceType, plugins, { installHint }), netconf: false };
  } catch (e) {
    throw new GenericSwitchConfigException({ message: `device_type ${deviceType} has no simulator dialect: ${(e as Error).message}`, cause: e });
  }
}

/** A platform's name, for what `ngs sim` and `ngs demo` print. */
export function dialectName(platform: Platform | string): string {
  return typeof platform === "string" ? platform : platform.name;
}

export function hostPlugins(hostPackageJson: string, pluginDirs: readonly string[]): PluginEntry[] {
  return discoverPlugins({ hostPackageJson, pluginDirs });
}

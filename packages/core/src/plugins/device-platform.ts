/**
 * The dialect a device type speaks comes from its plugin: the device class
 * declares `static platform` (a `Platform` built with the platform-kit). This
 * is the device type → platform map for `ngs plugins check`, `ngs sim`,
 * `ngs demo` and tests, so no other package keeps a copy of it.
 */
import { getPlatform, platformProblems, type Platform } from "@ngs/cli-session/platform-kit";
import type { DeviceClass } from "../device.js";
import { GenericSwitchEntrypointLoadError } from "../errors.js";
import { findEntry, loadDeviceClass, type FindEntryOptions } from "./load-class.js";
import type { PluginEntry } from "./manifest.js";

/** A class logs in over an SSH CLI when it carries a `platform` (the CLI-switch base declares one). */
export function speaksCli(cls: DeviceClass): boolean {
  return "platform" in (cls as object);
}

/**
 * What is wrong with a device class's platform (empty: nothing); undefined
 * for a class that speaks no CLI. A name (deprecated) is fine while some
 * loaded package has built a platform of that name.
 */
export function devicePlatformProblems(cls: DeviceClass): string[] | undefined {
  if (!speaksCli(cls)) return undefined;
  const p = (cls as unknown as { platform: unknown }).platform;
  if (p === "" || p === undefined || p === null) {
    return ["declares no platform: set `static platform` to a Platform built with @ngs/cli-session/platform-kit (iosLike, junosLike, ...)"];
  }
  if (typeof p === "string") {
    try {
      getPlatform(p);
      return [];
    } catch {
      return [`names platform "${p}", which no loaded package builds: declare a Platform object built with @ngs/cli-session/platform-kit`];
    }
  }
  return platformProblems(p).map((m) => `its platform ${m}`);
}

/** The Platform object `deviceType`'s class speaks; a GenericSwitchEntrypointLoadError says what is wrong. */
export async function loadDevicePlatform(deviceType: string, plugins: readonly PluginEntry[], opts: FindEntryOptions = {}): Promise<Platform> {
  const cls = await loadDeviceClass(deviceType, plugins, opts);
  const entry = findEntry(deviceType, plugins, opts);
  const ep = `${deviceType} = ${entry.packageName}@${entry.version}`;
  const problems = devicePlatformProblems(cls);
  if (problems === undefined) throw new GenericSwitchEntrypointLoadError({ ep, err: "the device class speaks no SSH CLI (it has no platform)" });
  if (problems.length > 0) throw new GenericSwitchEntrypointLoadError({ ep, err: problems.join("; ") });
  const p = (cls as unknown as { platform: Platform | string }).platform;
  return typeof p === "string" ? getPlatform(p) : p;
}

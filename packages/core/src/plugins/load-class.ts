import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { DEVICE_OPERATIONS, type DeviceClass } from "../device.js";
import { GenericSwitchEntrypointLoadError } from "../errors.js";
import { resolveExport } from "./exports-map.js";
import { FIRST_PARTY_DEVICE_PACKAGES } from "./first-party.js";
import { PLUGIN_API, type PackageJson, type PluginEntry } from "./manifest.js";

const classCache = new Map<string, Promise<DeviceClass>>();

/** Forget loaded classes (tests that rebuild a plugin in place). */
export function clearDeviceClassCache(): void {
  classCache.clear();
}

export interface FindEntryOptions {
  /** The `npm install` line for packages, where this host would find them (see `installCommand`). */
  installHint?: (packages: readonly string[]) => string;
}

/** The one entry for `deviceType`, or a `GenericSwitchEntrypointLoadError` saying why not. */
export function findEntry(deviceType: string, plugins: readonly PluginEntry[], opts: FindEntryOptions = {}): PluginEntry {
  const matches = plugins.filter((p) => p.deviceType === deviceType);
  const packages = [...new Map(matches.map((m) => [m.packageDir, m])).values()];
  if (packages.length === 0) {
    const known = plugins.map((p) => `${p.deviceType} (${p.packageName})`).sort();
    const provider = Object.prototype.hasOwnProperty.call(FIRST_PARTY_DEVICE_PACKAGES, deviceType) ? FIRST_PARTY_DEVICE_PACKAGES[deviceType] : undefined;
    const install = (pkg: string) => opts.installHint?.([pkg]) ?? `npm install --prefix <plugin_dir> ${pkg}`;
    const fix = provider
      ? `It is provided by ${provider}, which is not installed; install it: ${install(provider)}`
      : `Install the package that provides it (${install("<package>")}) or fix device_type`;
    throw new GenericSwitchEntrypointLoadError({
      ep: deviceType,
      err: known.length
        ? `unknown device type. Known device types: ${known.join(", ")}. ${fix}`
        : `unknown device type: no device plugins were found. ${provider ? fix : `Install a vendor package (e.g. ${install("@ngs/device-cisco")}) next to the host or into the [ngs] plugin_dir`}`,
    });
  }
  if (packages.length > 1) {
    throw new GenericSwitchEntrypointLoadError({
      ep: deviceType,
      err: `declared by more than one package: ${packages.map((p) => `${p.packageName}@${p.version} (${p.packageDir})`).join(" and ")}. Uninstall one, or name the one to use in [ngs] plugins`,
    });
  }
  return packages[0]!;
}

/**
 * Import the device class for `deviceType`: only that entry's module.
 * Checks the manifest's and the class's `pluginApi` and the class's shape.
 */
export async function loadDeviceClass(deviceType: string, plugins: readonly PluginEntry[], opts: FindEntryOptions = {}): Promise<DeviceClass> {
  const entry = findEntry(deviceType, plugins, opts);
  const key = `${entry.packageDir}\0${entry.subpath}\0${deviceType}`;
  let p = classCache.get(key);
  if (!p) {
    p = importEntry(entry);
    classCache.set(key, p);
    p.catch(() => classCache.delete(key));
  }
  return p;
}

async function importEntry(entry: PluginEntry): Promise<DeviceClass> {
  const ep = `${entry.deviceType} = ${entry.packageName}@${entry.version}${entry.subpath === "." ? "" : entry.subpath.slice(1)}`;
  const fail = (err: string, cause?: unknown) => new GenericSwitchEntrypointLoadError({ ep, err, cause });

  if (entry.pluginApi !== PLUGIN_API) {
    throw fail(`the package declares plugin API ${entry.pluginApi}, this host implements ${PLUGIN_API}. Install a version of ${entry.packageName} made for this ngs`);
  }
  let pkg: PackageJson;
  try {
    pkg = JSON.parse(readFileSync(join(entry.packageDir, "package.json"), "utf8")) as PackageJson;
  } catch (e) {
    throw fail(`cannot read package.json: ${(e as Error).message}`, e);
  }
  const resolved = resolveExport(entry.packageDir, pkg.exports, entry.subpath);
  if ("error" in resolved) throw fail(`missing export: ${resolved.error}`);

  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(resolved.file).href)) as Record<string, unknown>;
  } catch (e) {
    throw fail(`importing ${resolved.file} failed: ${(e as Error)?.message ?? String(e)}`, e);
  }
  const cls = mod.default;
  if (cls === undefined) {
    throw fail(`missing export: ${resolved.file} has no default export (the device class must be the module's default export)`);
  }
  if (typeof cls !== "function" || typeof (cls as { prototype?: unknown }).prototype !== "object") {
    throw fail(`wrong shape: the default export is a ${typeof cls}, expected a device class (extend GenericSwitchDevice)`);
  }
  const proto = (cls as { prototype: Record<string, unknown> }).prototype;
  const missing = DEVICE_OPERATIONS.filter((op) => typeof proto[op] !== "function");
  if (missing.length > 0) {
    throw fail(`wrong shape: class ${(cls as { name: string }).name || "(anonymous)"} lacks ${missing.join(", ")} (extend GenericSwitchDevice)`);
  }
  const classApi = (cls as { pluginApi?: unknown }).pluginApi;
  if (classApi !== PLUGIN_API) {
    throw fail(
      classApi === undefined
        ? `wrong shape: class ${(cls as { name: string }).name} has no static pluginApi (extend GenericSwitchDevice, which sets it)`
        : `the class implements plugin API ${String(classApi)}, this host implements ${PLUGIN_API}`,
    );
  }
  return cls as DeviceClass;
}

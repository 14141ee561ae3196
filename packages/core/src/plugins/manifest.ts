/** The plugin API version this host implements; manifests and classes must declare it. */
export const PLUGIN_API = 1;

/** The `ngs` field of a vendor package's package.json. */
export interface NgsManifest {
  pluginApi: number;
  /** device_type → subpath of the package's `exports` (e.g. `"./ios"`). */
  devices: Record<string, string>;
}

/** One device type a plugin package declares. */
export interface PluginEntry {
  deviceType: string;
  packageName: string;
  version: string;
  /** The `exports` subpath whose default export is the device class. */
  subpath: string;
  /** The package's real directory. */
  packageDir: string;
  /** The manifest's `pluginApi`. */
  pluginApi: number;
  /** How the package was found: a host dependency, a plugin dir, or `[ngs] plugins`. */
  source: "host" | "plugin-dir" | "explicit";
}

export interface PackageJson {
  name?: string;
  version?: string;
  exports?: unknown;
  main?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  ngs?: unknown;
}

/** `"ngs": {"collection": true}`: a package whose dependencies are the plugins (e.g. @ngs/all-devices). */
export function isCollection(pkg: PackageJson): boolean {
  return (pkg.ngs as { collection?: unknown } | undefined)?.collection === true;
}

/** Check the `ngs` field's shape; returns the reason it is unusable, or the manifest. */
export function readManifest(pkg: PackageJson): NgsManifest | string {
  const m = pkg.ngs as { pluginApi?: unknown; devices?: unknown } | undefined;
  if (m === undefined) return "no \"ngs\" field in package.json";
  if (typeof m !== "object" || m === null) return "\"ngs\" must be an object";
  if (typeof m.pluginApi !== "number") return "\"ngs.pluginApi\" must be a number";
  if (typeof m.devices !== "object" || m.devices === null || Array.isArray(m.devices)) {
    return "\"ngs.devices\" must be an object mapping device types to export subpaths";
  }
  const devices: Record<string, string> = {};
  for (const [type, sub] of Object.entries(m.devices as Record<string, unknown>)) {
    if (typeof sub !== "string" || !(sub === "." || sub.startsWith("./"))) {
      return `"ngs.devices.${type}" must be an export subpath such as "./${type}"`;
    }
    devices[type] = sub;
  }
  return { pluginApi: m.pluginApi, devices };
}

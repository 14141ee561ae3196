import { existsSync, readFileSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { GenericSwitchEntrypointLoadError } from "../errors.js";
import type { Logger } from "../logging.js";
import { installRoot, packagesBeside, type InstallRoot } from "./install-root.js";
import { isCollection, readManifest, type PackageJson, type PluginEntry } from "./manifest.js";

export interface DiscoverOptions {
  /**
   * The host program's package.json: its declared dependencies and the
   * packages installed beside it (see {@link installRoot}) are candidates.
   */
  hostPackageJson?: string;
  /** npm prefixes operators install plugins into (`npm install --prefix DIR pkg`). */
  pluginDirs?: readonly string[];
  /** `[ngs] plugins`: when given, only these packages are read. */
  explicit?: readonly string[];
  /** Warnings: a dependency that is declared but not installed, a malformed manifest. */
  logger?: Logger;
}

/**
 * Read plugin manifests; never imports plugin code and never picks packages
 * by name. Candidates are, in order: `explicit` if given; otherwise the
 * host's `dependencies`/`optionalDependencies`, the packages installed beside
 * the host (its install root's declared dependencies, or the top level of
 * npm's global prefix: {@link installRoot}), and each plugin dir's
 * package.json `dependencies` (what `npm install --prefix` records). Packages
 * without an `ngs` field are skipped silently (ordinary dependencies); a
 * collection (`"ngs": {"collection": true}`, like @ngs/all-devices) stands for
 * its own dependencies.
 */
export function discoverPlugins(opts: DiscoverOptions = {}): PluginEntry[] {
  const host = opts.hostPackageJson ? resolve(opts.hostPackageJson) : undefined;
  const dirs = (opts.pluginDirs ?? []).map((d) => resolve(d));
  const entries: PluginEntry[] = [];
  const seen = new Set<string>();

  const root = host ? installRoot(host) : undefined;
  const add = (name: string, found: { dir: string; pkg: PackageJson } | undefined, source: PluginEntry["source"], quiet = false) => {
    if (!found) {
      const msg = `plugin package ${name} is declared but not installed`;
      if (source === "explicit") throw new GenericSwitchEntrypointLoadError({ ep: name, err: `${msg} (looked in ${searchText(host, dirs)})` });
      if (!quiet) opts.logger?.warn({ package: name }, msg);
      return;
    }
    if (seen.has(found.dir)) return;
    seen.add(found.dir);
    if (isCollection(found.pkg)) {
      const names = Object.keys({ ...found.pkg.dependencies, ...found.pkg.optionalDependencies });
      for (const dep of names) add(dep, findPackage(dep, join(found.dir, "package.json"), []), source);
      return;
    }
    const manifest = readManifest(found.pkg);
    if (typeof manifest === "string") {
      if (found.pkg.ngs === undefined && source !== "explicit") return; // an ordinary dependency
      throw new GenericSwitchEntrypointLoadError({ ep: name, err: `${manifest} (${join(found.dir, "package.json")})` });
    }
    for (const [deviceType, subpath] of Object.entries(manifest.devices)) {
      entries.push({
        deviceType,
        packageName: found.pkg.name ?? name,
        version: found.pkg.version ?? "0.0.0",
        subpath,
        packageDir: found.dir,
        pluginApi: manifest.pluginApi,
        source,
      });
    }
  };

  if (opts.explicit && opts.explicit.length > 0) {
    for (const name of opts.explicit) add(name, findPackage(name, host, dirs, root), "explicit");
    return entries;
  }
  if (host && root) {
    const pkg = readJson(host);
    const names = Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies });
    for (const name of names) add(name, findPackage(name, host, []), "host");
    // Beside the host: a devDependency or a project dependency may be absent (npm --omit), so say nothing then.
    for (const name of packagesBeside(root, pkg)) add(name, findPackage(name, host, [], root), "host", true);
  }
  for (const dir of dirs) {
    const manifestFile = join(dir, "package.json");
    if (!existsSync(manifestFile)) {
      opts.logger?.warn({ pluginDir: dir }, `plugin dir ${dir} has no package.json (install plugins with: npm install --prefix ${dir} <package>)`);
      continue;
    }
    const pkg = readJson(manifestFile);
    for (const name of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) {
      add(name, findPackage(name, undefined, [dir]), "plugin-dir");
    }
  }
  return entries;
}

/**
 * Where package `name` lives, looking only where Node would resolve it from
 * the host's package.json, in the host's install root, and in
 * `<pluginDir>/node_modules/<name>`. Reads the package's own package.json
 * directly, so it need not export it.
 */
export function findPackage(
  name: string,
  host: string | undefined,
  dirs: readonly string[],
  root?: InstallRoot,
): { dir: string; pkg: PackageJson } | undefined {
  const candidates: string[] = [];
  if (host) {
    for (const base of createRequire(host).resolve.paths(name) ?? []) candidates.push(join(base, name));
  }
  if (root) candidates.push(join(root.nodeModules, name));
  for (const d of dirs) candidates.push(join(d, "node_modules", name));
  for (const c of candidates) {
    const file = join(c, "package.json");
    if (existsSync(file)) {
      const dir = realpathSync(c);
      return { dir, pkg: readJson(join(dir, "package.json")) };
    }
  }
  return undefined;
}

function readJson(file: string): PackageJson {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as PackageJson;
  } catch (e) {
    throw new GenericSwitchEntrypointLoadError({ ep: dirname(file), err: `cannot read ${file}: ${(e as Error).message}`, cause: e });
  }
}

function searchText(host: string | undefined, dirs: readonly string[]): string {
  const where = [...(host ? [`the dependencies of ${host}`] : []), ...dirs.map((d) => join(d, "node_modules"))];
  return where.length ? where.join(", ") : "nowhere: give a host package.json or a plugin dir";
}

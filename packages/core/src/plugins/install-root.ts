import { existsSync, readFileSync, readdirSync, realpathSync } from "node:fs";
import { basename, dirname, join, resolve, sep } from "node:path";

/**
 * Where a host program is installed, and so what "installed beside it" means.
 *
 * - `project`: the host sits in `<dir>/node_modules` of a project (or an npm
 *   prefix such as a plugin dir) that has a package.json: what the operator
 *   installed there is that package.json's declared dependencies.
 * - `global`: the host sits in npm's global `<prefix>/lib/node_modules`, which
 *   has no package.json. npm records a global install nowhere but in that
 *   directory's top level (`npm ls -g` reads the same), so its top-level
 *   packages — each one named by the operator on an `npm install -g` line —
 *   are what was installed. Only their package.json files are read, one
 *   level deep (two for `@scope/name`), and kept by their `ngs` field, never
 *   by their names.
 * - `source`: the host runs from its own checkout (not inside node_modules,
 *   e.g. this workspace): its own package.json is the tree's root, so its
 *   devDependencies count as installed too.
 *
 * The root is found from the host's real path: the directory above the
 * first `node_modules` segment. That also covers pnpm, whose packages live in
 * `<root>/node_modules/.pnpm/…`.
 */
export interface InstallRoot {
  kind: "project" | "global" | "source";
  /** The project directory, npm's `<prefix>/lib` (POSIX) or `<prefix>` (Windows), or the host's own directory. */
  dir: string;
  /** `<dir>/node_modules` (for `source`, the host's own node_modules). */
  nodeModules: string;
  /** For `global`: the npm prefix to name in `npm install -g`. */
  prefix?: string;
}

export function installRoot(hostPackageJson: string): InstallRoot {
  const hostDir = realDir(dirname(resolve(hostPackageJson)));
  const parts = hostDir.split(sep);
  const i = parts.indexOf("node_modules");
  if (i < 0) return { kind: "source", dir: hostDir, nodeModules: join(hostDir, "node_modules") };
  const dir = parts.slice(0, i).join(sep) || sep;
  const nodeModules = join(dir, "node_modules");
  if (existsSync(join(dir, "package.json"))) return { kind: "project", dir, nodeModules };
  // npm -g: <prefix>/lib/node_modules on POSIX, <prefix>/node_modules on Windows.
  const prefix = basename(dir) === "lib" && sep === "/" ? dirname(dir) : dir;
  return { kind: "global", dir, nodeModules, prefix };
}

/** Names of the packages installed beside the host, per its install root (see {@link InstallRoot}). */
export function packagesBeside(root: InstallRoot, hostPkg: { dependencies?: object; optionalDependencies?: object; devDependencies?: object }): string[] {
  if (root.kind === "source") return Object.keys({ ...hostPkg.dependencies, ...hostPkg.optionalDependencies, ...hostPkg.devDependencies });
  if (root.kind === "project") {
    const pkg = JSON.parse(readFileSync(join(root.dir, "package.json"), "utf8")) as typeof hostPkg;
    return Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies, ...pkg.devDependencies });
  }
  const names: string[] = [];
  for (const entry of safeReaddir(root.nodeModules)) {
    if (entry.startsWith(".")) continue;
    if (entry.startsWith("@")) {
      for (const sub of safeReaddir(join(root.nodeModules, entry))) if (!sub.startsWith(".")) names.push(`${entry}/${sub}`);
    } else names.push(entry);
  }
  return names.sort();
}

/**
 * The `npm install` line that puts `packages` where this host finds them:
 * beside a global host `npm install -g` (with `--prefix` when the host runs
 * from another prefix than npm's default), beside a project host
 * `npm install --prefix DIR`, else into the first plugin dir.
 */
export function installCommand(packages: readonly string[], where: { hostPackageJson?: string; pluginDirs?: readonly string[] }): string {
  const list = packages.join(" ");
  if (where.hostPackageJson) {
    const root = installRoot(where.hostPackageJson);
    if (root.kind === "global") {
      const npmDefault = process.env.npm_config_prefix ?? dirname(dirname(process.execPath));
      return resolve(npmDefault) === root.prefix ? `npm install -g ${list}` : `npm install -g --prefix ${root.prefix} ${list}`;
    }
    if (root.kind === "project") return `npm install --prefix ${root.dir} ${list}`;
    // A source checkout: the workspace installs them as the host's devDependencies.
    if (!where.pluginDirs?.length) return `npm install --prefix ${root.dir} ${list}`;
  }
  if (where.pluginDirs?.length) return `npm install --prefix ${resolve(where.pluginDirs[0]!)} ${list}`;
  return `npm install ${list}`;
}

function realDir(d: string): string {
  try {
    return realpathSync(d);
  } catch {
    return d;
  }
}

function safeReaddir(d: string): string[] {
  try {
    return readdirSync(d);
  } catch {
    return [];
  }
}

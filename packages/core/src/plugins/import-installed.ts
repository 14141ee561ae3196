import { pathToFileURL } from "node:url";
import { findPackage } from "./discover.js";
import { resolveExport } from "./exports-map.js";
import { installRoot } from "./install-root.js";

export interface InstalledWhere {
  /** The host's package.json: its own dependencies and its install root are searched. */
  hostPackageJson?: string;
  /** Plugin dirs (npm prefixes) searched after the host's tree. */
  pluginDirs?: readonly string[];
}

/**
 * Import an optional companion package (e.g. @ngs/switch-sim for `ngs demo`)
 * from where the host finds plugins, by its `exports` "." entry. Returns
 * undefined when it is not installed there; throws when it is but will not
 * load. Node's own resolution is not enough: from a pnpm layout or a plugin
 * dir the host cannot `import()` a package it does not depend on.
 */
export async function importInstalled<T = Record<string, unknown>>(name: string, where: InstalledWhere): Promise<T | undefined> {
  const found = findPackage(name, where.hostPackageJson, where.pluginDirs ?? [], where.hostPackageJson ? installRoot(where.hostPackageJson) : undefined);
  if (!found) return undefined;
  const target = resolveExport(found.dir, found.pkg.exports, ".");
  if ("error" in target) throw new Error(`${name} (${found.dir}) cannot be imported: ${target.error}`);
  return (await import(pathToFileURL(target.file).href)) as T;
}

import { existsSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";

/** The conditions ngs resolves with, in Node's order of preference for an ESM import. */
const CONDITIONS = ["import", "node", "default"];

/**
 * Resolve `subpath` (e.g. `./ios`) through a package.json `exports` field for
 * an ESM import, as Node does for the cases packages use: a string, a subpath
 * map, nested condition objects, fallback arrays and one `*` pattern per key.
 * Without `exports`, the subpath is a file path (`.js` and `/index.js` tried).
 * Returns an absolute file inside `packageDir`, or a reason it cannot.
 */
export function resolveExport(packageDir: string, exportsField: unknown, subpath: string): { file: string } | { error: string } {
  let target: string | undefined;
  if (exportsField === undefined) {
    target = legacyTarget(packageDir, subpath);
    if (!target) return { error: `no file for ${subpath} (the package has no "exports" field)` };
  } else {
    const map = subpathMap(exportsField);
    let entry: unknown;
    let star: string | undefined;
    if (Object.prototype.hasOwnProperty.call(map, subpath)) entry = map[subpath];
    else {
      // Longest matching `*` pattern wins, as in Node.
      let best = "";
      for (const key of Object.keys(map)) {
        const i = key.indexOf("*");
        if (i < 0) continue;
        const pre = key.slice(0, i);
        const post = key.slice(i + 1);
        if (subpath.startsWith(pre) && subpath.endsWith(post) && subpath.length >= key.length - 1 && key.length > best.length) {
          best = key;
          star = subpath.slice(pre.length, subpath.length - post.length);
        }
      }
      if (best) entry = map[best];
    }
    if (entry === undefined) return { error: `"exports" has no entry for ${subpath} (exported: ${Object.keys(map).join(", ") || "none"})` };
    const chosen = pickTarget(entry);
    if (!chosen) return { error: `"exports" entry for ${subpath} has no "import" or "default" target` };
    target = star === undefined ? chosen : chosen.split("*").join(star);
    if (!target.startsWith("./")) return { error: `"exports" target ${target} must start with ./` };
    target = resolve(packageDir, target);
  }
  const rel = relative(packageDir, target);
  if (rel.startsWith("..") || rel.startsWith(sep)) return { error: `"exports" target ${target} is outside the package` };
  if (!existsSync(target)) return { error: `the file ${target} does not exist (is the package built?)` };
  return { file: target };
}

function subpathMap(exportsField: unknown): Record<string, unknown> {
  if (typeof exportsField === "string" || Array.isArray(exportsField)) return { ".": exportsField };
  if (typeof exportsField === "object" && exportsField !== null) {
    const keys = Object.keys(exportsField);
    // Either every key is a subpath or none is (then it is the conditions of ".").
    if (keys.length > 0 && keys.every((k) => !k.startsWith("."))) return { ".": exportsField };
    return exportsField as Record<string, unknown>;
  }
  return {};
}

function pickTarget(entry: unknown): string | undefined {
  if (typeof entry === "string") return entry;
  if (Array.isArray(entry)) {
    for (const e of entry) {
      const t = pickTarget(e);
      if (t) return t;
    }
    return undefined;
  }
  if (typeof entry === "object" && entry !== null) {
    // Condition keys are matched in the object's own order, like Node.
    for (const [cond, value] of Object.entries(entry)) {
      if (CONDITIONS.includes(cond)) {
        const t = pickTarget(value);
        if (t) return t;
      }
    }
  }
  return undefined;
}

function legacyTarget(packageDir: string, subpath: string): string | undefined {
  const base = resolve(packageDir, subpath);
  for (const c of [base, `${base}.js`, `${base}.mjs`, join(base, "index.js")]) {
    if (existsSync(c) && statSync(c).isFile()) return c;
  }
  return undefined;
}

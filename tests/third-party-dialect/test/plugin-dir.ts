// Shared by the third-party dialect tests: a plugin directory holding the
// fixture packages, as `npm install --prefix DIR ngs-device-…` leaves it.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** A temp plugin dir with each named fixture package (a sibling of `test/`) linked in. */
export function pluginDirWith(...packages: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "ngs-dialect-"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ dependencies: Object.fromEntries(packages.map((p) => [p, "1.0.0"])) }));
  mkdirSync(join(dir, "node_modules"));
  for (const p of packages) symlinkSync(fileURLToPath(new URL(`../${p}`, import.meta.url)), join(dir, "node_modules", p), "dir");
  return dir;
}

/** True when `sub` appears in `list` as a contiguous run. */
export function containsRun(list: readonly string[], sub: readonly string[]): boolean {
  for (let i = 0; i + sub.length <= list.length; i++) if (sub.every((s, j) => list[i + j] === s)) return true;
  return false;
}

import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The repository this test file belongs to (found from the file, never from the cwd). */
export const REPO = fileURLToPath(new URL("../../..", import.meta.url)).replace(/\/$/, "");

export interface WorkspacePackage {
  dir: string;
  manifest: { name: string; version: string; private?: boolean; ngs?: { devices?: Record<string, string>; collection?: boolean } } & Record<string, unknown>;
}

/** Every package of the workspace globs (packages/*, packages/devices/*, tools/*, tests/*) under `root`. */
export function workspacePackages(root = REPO): WorkspacePackage[] {
  const out: WorkspacePackage[] = [];
  for (const glob of ["packages", "packages/devices", "tools", "tests"]) {
    for (const name of readdirSync(join(root, glob)).sort()) {
      const file = join(root, glob, name, "package.json");
      if (existsSync(file)) out.push({ dir: join(root, glob, name), manifest: JSON.parse(readFileSync(file, "utf8")) as WorkspacePackage["manifest"] });
    }
  }
  return out;
}

export const publishable = (root = REPO) => workspacePackages(root).filter((p) => !p.manifest.private);

/**
 * npm and pnpm settings from the environment (pnpm sets many when it runs the
 * tests, and NODE_PATH into its own store) are dropped: each command gets only
 * ours, as in an operator's shell.
 */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(npm|pnpm)_/i.test(k) && k !== "NODE_PATH") env[k] = v;
  return { ...env, npm_config_update_notifier: "false", npm_config_audit: "false", npm_config_fund: "false", ...extra };
}

/**
 * The release as CONTRIBUTING.md describes it, on a copy of this working tree
 * (the repository's own files stay untouched): `pnpm changeset version`, then
 * `pnpm publish -r` to `registry` (`--no-git-checks`: the copy is no git
 * checkout; `pnpm changeset tag` is left out for the same reason). The copy takes the tracked and
 * untracked files plus the built dist/ of every publishable package, its
 * node_modules come from the pnpm store offline, and its .npmrc names the
 * registry, so nothing can reach the public one. Returns the copy's root.
 */
export async function releaseCopy(into: string, registry: string): Promise<string> {
  const root = join(into, "repo");
  const { stdout } = await run("git", ["ls-files", "-co", "--exclude-standard", "-z"], { cwd: REPO, maxBuffer: 64 << 20 });
  for (const rel of stdout.split("\0").filter(Boolean)) {
    if (!existsSync(join(REPO, rel))) continue; // deleted but not yet committed
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    cpSync(join(REPO, rel), join(root, rel));
  }
  for (const p of publishable()) {
    if (existsSync(join(p.dir, "dist"))) cpSync(join(p.dir, "dist"), join(root, p.dir.slice(REPO.length), "dist"), { recursive: true });
  }
  writeFileSync(join(root, ".npmrc"), `registry=${registry}\n`);
  const env = cleanEnv({ npm_config_registry: registry, CI: "true" });
  const opts = { cwd: root, env, maxBuffer: 64 << 20, timeout: 300_000 };
  await run("pnpm", ["install", "--offline", "--frozen-lockfile"], opts);
  await run("pnpm", ["changeset", "version"], opts);
  await run("pnpm", ["publish", "-r", "--no-git-checks"], opts);
  return root;
}

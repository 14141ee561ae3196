/**
 * A plugin author's install: a plugin that imports only `@ngs/core/device-kit`
 * gets core and core's own dependencies, not etcd3 (an optional peer the hosts
 * bring). The layout is built in a temp dir the way npm lays it out: core and
 * cli-session copied (their workspace node_modules hold etcd3 as a dev
 * dependency, so they must not be linked), their dependencies linked to the
 * real packages, and no etcd3 anywhere Node could find it. A fresh node
 * process then loads the plugin, plans an operation, and coordinates in
 * process; only configuring a backend_url reaches for etcd3.
 */
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const CORE_DIR = resolve(here, "..");

let tmp: string;

/** Copy a workspace package as published (package.json + dist) and link its runtime dependencies. */
async function installCopy(name: string, from: string, into: string): Promise<string[]> {
  const dest = join(into, "node_modules", ...name.split("/"));
  await mkdir(dest, { recursive: true });
  await cp(join(from, "package.json"), join(dest, "package.json"));
  await cp(join(from, "dist"), join(dest, "dist"), { recursive: true });
  const manifest = JSON.parse(await readFile(join(from, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
  return Object.keys(manifest.dependencies ?? {});
}

async function linkDependency(name: string, ownerDir: string, into: string): Promise<void> {
  const target = await realpath(join(ownerDir, "node_modules", ...name.split("/")));
  const link = join(into, "node_modules", ...name.split("/"));
  await mkdir(dirname(link), { recursive: true });
  await symlink(target, link, "dir");
}

/** The child's script: everything it reports is printed as one JSON line. */
const CHILD = `
import { createRequire } from "node:module";
import KitOnly from "ngs-device-kitonly";
const out = {};
const core = createRequire(createRequire(import.meta.url).resolve("@ngs/core/package.json"));
try { core.resolve("etcd3"); out.etcd3 = "resolvable"; } catch (e) { out.etcd3 = e.code; }
const sw = new KitOnly({ device_type: "kitonly", ip: "192.0.2.1", username: "admin", password: "pw" }, "sw1");
out.plan = sw.plan("plugPortToNetwork", { port: "Gi0/1", segmentationId: 10 });
const { createCoordination } = await import("@ngs/core/coordination");
const local = await createCoordination({});
out.local = local.kind;
await local.close();
try {
  await createCoordination({ backendUrl: "etcd3+http://127.0.0.1:1" }, { connectTimeoutMs: 500 });
  out.etcd = "connected";
} catch (e) {
  out.etcd = String(e.message);
}
console.log(JSON.stringify(out));
`;

const PLUGIN = `
import { CliSwitch, iosLike } from "@ngs/core/device-kit";
export default class KitOnly extends CliSwitch {
  static platform = iosLike({ name: "kitonly_ios", save: { command: "write mem" } });
  static commands = {
    ADD_NETWORK: ["vlan {segmentation_id}"],
    DELETE_NETWORK: ["no vlan {segmentation_id}"],
    PLUG_PORT_TO_NETWORK: ["interface {port}", "switchport access vlan {segmentation_id}"],
    DELETE_PORT: ["interface {port}", "no switchport access vlan {segmentation_id}"],
  };
}
`;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "ngs-device-kit-"));
  const coreDir = CORE_DIR;
  // Core's own dependency, found where Node finds it (not by a path into the workspace).
  const sessionDir = await realpath(join(coreDir, "node_modules", "@ngs", "cli-session"));
  for (const dep of await installCopy("@ngs/core", coreDir, tmp)) {
    if (dep !== "@ngs/cli-session") await linkDependency(dep, coreDir, tmp);
  }
  for (const dep of await installCopy("@ngs/cli-session", sessionDir, tmp)) await linkDependency(dep, sessionDir, tmp);
  const plugin = join(tmp, "node_modules", "ngs-device-kitonly");
  await mkdir(plugin, { recursive: true });
  await writeFile(
    join(plugin, "package.json"),
    JSON.stringify({ name: "ngs-device-kitonly", version: "1.0.0", type: "module", exports: "./index.js", peerDependencies: { "@ngs/core": "*" } }),
  );
  await writeFile(join(plugin, "index.js"), PLUGIN);
  await writeFile(join(tmp, "main.mjs"), CHILD);
}, 60_000);

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe("a plugin that imports only @ngs/core/device-kit, installed without etcd3", () => {
  it("loads and plans, coordinates in process, and only a backend_url asks for etcd3", async () => {
    // Without NODE_PATH (pnpm sets it to the workspace's hoisted modules, where etcd3 is).
    const { NODE_PATH: _hoisted, ...env } = process.env;
    const { stdout } = await run(process.execPath, [join(tmp, "main.mjs")], { cwd: tmp, env, timeout: 30_000 });
    const out = JSON.parse(stdout.trim()) as { etcd3: string; plan: { commands: string[] }; local: string; etcd: string };
    // etcd3 is nowhere core could load it from: whatever ran did so without it.
    expect(out.etcd3).toBe("MODULE_NOT_FOUND");
    expect(out.plan.commands).toEqual(["interface Gi0/1", "switchport access vlan 10"]);
    expect(out.local).toBe("in-process");
    // With a backend_url, core reaches for etcd3 — and says which package is missing.
    expect(out.etcd).toBe(
      "[ngs_coordination] backend_url etcd3+http://127.0.0.1:1 needs the etcd3 package, which is not installed beside @ngs/core. To resolve this issue, install etcd3 (npm install etcd3@^1.1.2; @ngs/cli and @ngs/server bring it), or remove backend_url to coordinate within this host only.",
    );
  });
});

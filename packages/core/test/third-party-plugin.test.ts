/**
 * A third party's view: a device plugin published outside this workspace
 * (fixtures/third-party, plain JS extending CliSwitch from @ngs/core) is
 * packed with `npm pack`, installed offline into a plugin dir with
 * `npm install --prefix`, discovered from its manifest, loaded, and driven
 * against the simulator.
 *
 * @ngs/core is the plugin's peer dependency. npm is told not to install peers
 * (`--legacy-peer-deps`, so it never goes to a registry); the host supplies
 * @ngs/core, here by linking the workspace's package into the plugin dir's
 * node_modules — what `npm install --prefix DIR @ngs/core ngs-device-acme`
 * would give an operator.
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSwitch, type SimSwitch } from "@ngs/switch-sim";
import {
  CliSwitch,
  createLogger,
  discoverPlugins,
  GenericSwitchEntrypointLoadError,
  GenericSwitchInvalidValue,
  loadDeviceClass,
  loadDevices,
  type PluginEntry,
} from "@ngs/core";
import { NET } from "@ngs/test-utils";

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const FIXTURE = join(here, "fixtures", "third-party");
const CORE_DIR = resolve(here, "..");
const quiet = { logger: createLogger({ level: "silent" }) };

let tmp: string;
let pluginDir: string;
let plugins: PluginEntry[];
let sim: SimSwitch;

async function npm(args: string[], cwd: string): Promise<string> {
  const { stdout } = await run("npm", [...args, "--cache", join(tmp, "npm-cache"), "--no-update-notifier"], {
    cwd,
    env: { ...process.env, npm_config_audit: "false", npm_config_fund: "false" },
    timeout: 120_000,
  });
  return stdout;
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "ngs-third-party-"));
  const packDir = join(tmp, "pack");
  pluginDir = join(tmp, "plugins");
  await mkdir(packDir);
  await mkdir(pluginDir);

  const packed = JSON.parse(await npm(["pack", FIXTURE, "--pack-destination", packDir, "--json"], tmp)) as { filename: string }[];
  const tarball = join(packDir, packed[0]!.filename);
  await npm(["install", "--prefix", pluginDir, "--offline", "--no-audit", "--no-fund", "--legacy-peer-deps", tarball], tmp);

  await mkdir(join(pluginDir, "node_modules", "@ngs"), { recursive: true });
  await symlink(CORE_DIR, join(pluginDir, "node_modules", "@ngs", "core"), "dir");

  plugins = discoverPlugins({ pluginDirs: [pluginDir] });
  sim = await startSwitch({ platform: "cisco_ios", username: "acme", password: "acme-pw", secret: "acme-en", ports: ["Gi0/1", "Gi0/2"] });
}, 180_000);

afterAll(async () => {
  await sim?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe("a third-party plugin package, packed and installed outside the workspace", () => {
  it("is installed as a copy (not a workspace link) with its manifest recorded in the plugin dir", async () => {
    const pkg = JSON.parse(await readFile(join(pluginDir, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies)).toEqual(["ngs-device-acme"]);
    expect(plugins).toEqual([
      expect.objectContaining({ deviceType: "acme_switch", packageName: "ngs-device-acme", subpath: "./acme", source: "plugin-dir" }),
    ]);
    expect(plugins[0]!.packageDir.startsWith(pluginDir)).toBe(true);
  });

  it("loads through the plugin loader as a CliSwitch and drives the simulated switch", async () => {
    const Acme = await loadDeviceClass("acme_switch", plugins);
    expect(Acme.prototype).toBeInstanceOf(CliSwitch);

    const dev = new Acme(
      { device_type: "acme_switch", ip: sim.host, port: String(sim.port), username: "acme", password: "acme-pw", secret: "acme-en" },
      "acme1",
      quiet,
    );
    await dev.addNetwork(33, NET);
    expect(sim.state.vlans.get(33)?.name).toBe("acme-33");

    await dev.plugPortToNetwork("Gi0/1", 33);
    expect(sim.state.ports.get("Gi0/1")).toMatchObject({ mode: "access", accessVlan: 33 });

    await dev.deletePort("Gi0/1", 33);
    expect(sim.state.ports.get("Gi0/1")?.accessVlan ?? null).toBeNull();

    // The base's validation protects the plugin too.
    await expect(dev.plugPortToNetwork("Gi0/2\nreload", 33)).rejects.toBeInstanceOf(GenericSwitchInvalidValue);
    expect(sim.commandLog).not.toContain("reload");
  });

  it("an operator's ini file with [ngs] plugin_dir gets the device from loadDevices", async () => {
    const ini = join(tmp, "ml2_conf_genericswitch.ini");
    await writeFile(
      ini,
      [
        "[ngs]",
        `plugin_dir = ${pluginDir}`,
        "",
        "[genericswitch:acme-tor]",
        "device_type = acme_switch",
        `ip = ${sim.host}`,
        `port = ${sim.port}`,
        "username = acme",
        "password = acme-pw",
        "secret = acme-en",
        "ngs_disable_inactive_ports = true",
        "",
      ].join("\n"),
    );
    const { devices } = await loadDevices({ configFiles: [ini], context: quiet });
    const dev = devices.get("acme-tor")!;
    expect(dev).toBeInstanceOf(CliSwitch);
    await dev.plugPortToNetwork("Gi0/2", 33);
    expect(sim.state.ports.get("Gi0/2")).toMatchObject({ accessVlan: 33, shutdown: false });
    await dev.deletePort("Gi0/2", 33);
    expect(sim.state.ports.get("Gi0/2")).toMatchObject({ accessVlan: null, shutdown: true });
  });

  it("an unknown device type names the plugin's device types", async () => {
    const err = await loadDeviceClass("acme_switchx", plugins).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GenericSwitchEntrypointLoadError);
    expect(String((err as Error).message)).toContain("acme_switch (ngs-device-acme)");
  });
});

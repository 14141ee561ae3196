// A third-party plugin that ships its own CLI dialect (QuartzOS, made up: its
// own prompts, privilege and config commands, save dialogue and error text),
// built with the platform kit, found through its manifest, and driven over
// real SSH against @ngs/switch-sim — which has never heard of QuartzOS.
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CliSession, CommandError } from "@ngs/cli-session";
import { junosLike } from "@ngs/cli-session/platform-kit";
import { createLogger, devicePlatformProblems, discoverPlugins, loadDeviceClass, loadDevicePlatform, type Platform, type PluginEntry } from "@ngs/core";
import { platforms as simModels, startSwitch, type SimSwitch } from "@ngs/switch-sim";
import { containsRun, pluginDirWith } from "./plugin-dir.js";

const PASSWORD = "qz-login-7c1d";
const SECRET = "qz-privilege-93ab";
const NET = "5a1c3f6e-58d4-4b8e-9a76-8f3f1d2a0c11";
const quiet = { logger: createLogger({ level: "silent" }) };

let dir: string;
let plugins: PluginEntry[];
let platform: Platform;
let sim: SimSwitch;

beforeAll(async () => {
  dir = pluginDirWith("ngs-device-quartz");
  plugins = discoverPlugins({ pluginDirs: [dir] });
  platform = await loadDevicePlatform("quartz_switch", plugins);
  sim = await startSwitch({ platform, username: "ops", password: PASSWORD, secret: SECRET, ports: ["qe-1", "qe-2"] });
});

afterAll(async () => {
  await sim?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const device = async () => {
  const Quartz = await loadDeviceClass("quartz_switch", plugins);
  const config = { device_type: "quartz_switch", ip: sim.host, port: String(sim.port), username: "ops", password: PASSWORD, secret: SECRET };
  return new Quartz(config, "quartz1", quiet);
};

describe("a plugin's own dialect", () => {
  it("comes from the plugin's manifest, is a valid platform-kit Platform, and no ngs package knows it by name", async () => {
    expect(plugins).toEqual([expect.objectContaining({ deviceType: "quartz_switch", packageName: "ngs-device-quartz", source: "plugin-dir" })]);
    expect(platform.name).toBe("quartz_os");
    expect(devicePlatformProblems(await loadDeviceClass("quartz_switch", plugins))).toEqual([]);
    expect(simModels).not.toContain("quartz_os");
    expect(sim.platform).toBe("quartz_os");
  });

  it("plug and unplug over SSH: the switch gets QuartzOS's commands, its port changes, each change is saved", async () => {
    const dev = await device();
    await dev.addNetwork(33, NET);
    expect(sim.snapshot().vlans).toEqual([{ id: 33, name: "quartz-33" }]);

    const before = sim.commandLog.length;
    const saves = sim.counters.saves;
    await dev.plugPortToNetwork("qe-1", 33);
    const plug = sim.commandLog.slice(before);
    expect(containsRun(plug, ["edit running", "interface qe-1", "switchport mode access", "switchport access vlan 33", "leave", "commit to flash"])).toBe(true);
    expect(sim.commandLog).toContain("privilege");
    expect(sim.commandLog).toContain("set pager off");
    expect(sim.counters.saves).toBe(saves + 1);
    expect(sim.snapshot().ports["qe-1"]).toMatchObject({ mode: "access", accessVlan: 33 });

    const mid = sim.commandLog.length;
    await dev.deletePort("qe-1", 33);
    expect(containsRun(sim.commandLog.slice(mid), ["edit running", "interface qe-1", "no switchport access vlan 33"])).toBe(true);
    expect(sim.commandLog.slice(mid)).toContain("commit to flash");
    expect(sim.counters.saves).toBe(saves + 2);
    expect(sim.snapshot().ports["qe-1"]).toMatchObject({ accessVlan: null, allowedVlans: [] });
    expect(sim.snapshot().ports["qe-2"]).toMatchObject({ accessVlan: null });
  });

  it("a line QuartzOS rejects is a CommandError carrying QuartzOS's own error text", async () => {
    const s = await CliSession.open({ platform, host: sim.host, port: sim.port, username: "ops", password: PASSWORD, secret: SECRET, readTimeoutMs: 5_000 });
    try {
      await s.enable();
      const err = await s.sendConfigSet(["frobnicate qe-2"]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CommandError);
      expect((err as CommandError).message).toContain("QZ-ERR: no such command");
      expect((err as CommandError).message).not.toContain(SECRET);
    } finally {
      await s.close();
    }
    expect(sim.commandLog).toContain("frobnicate qe-2");
    expect(sim.snapshot().ports["qe-2"]).toMatchObject({ accessVlan: null });
  });
});

describe("other families", () => {
  it("a Junos-like dialect the simulator has never seen is served by its Junos model: a config set and a commit land", async () => {
    const quartzJunos = junosLike({ name: "quartz_junos" });
    const jsim = await startSwitch({ platform: quartzJunos, username: "ops", password: PASSWORD });
    try {
      expect(jsim.platform).toBe("quartz_junos");
      const s = await CliSession.open({ platform: quartzJunos, host: jsim.host, port: jsim.port, username: "ops", password: PASSWORD, readTimeoutMs: 5_000 });
      try {
        await s.sendConfigSet(["set vlans net100 vlan-id 100"], { exitConfigMode: false });
        await s.commit();
        await s.exitConfigMode();
      } finally {
        await s.close();
      }
      expect(containsRun(jsim.commandLog, ["configure", "set vlans net100 vlan-id 100", "commit"])).toBe(true);
      expect(jsim.counters.commits).toBe(1);
      expect(jsim.snapshot().vlans).toEqual([{ id: 100, name: "net100" }]);
    } finally {
      await jsim.close();
    }
  });

  it("a platform not built with the kit is refused by the simulator, naming the builders", async () => {
    await expect(startSwitch({ platform: { name: "handmade_os" }, password: PASSWORD })).rejects.toThrow(
      /platform "handmade_os" has no kit.family: build it with @ngs\/cli-session\/platform-kit \(iosLike, junosLike/,
    );
  });
});

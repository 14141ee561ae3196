// Third-party dialects of the other families: a Junos-like one (BasaltOS) and
// a VRP-like one (SlateOS), each with its own prompts, config commands,
// commit or save dialogue and error text, shipped by a plugin and driven over
// real SSH against @ngs/switch-sim, which derives a model for each from what
// the platform kit recorded.
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CliSession, CommandError } from "@ngs/cli-session";
import { linuxShell } from "@ngs/cli-session/platform-kit";
import { createLogger, devicePlatformProblems, discoverPlugins, loadDeviceClass, loadDevicePlatform, type PluginEntry } from "@ngs/core";
import { platforms as simModels, startSwitch, type SimSwitch } from "@ngs/switch-sim";
import { containsRun, pluginDirWith } from "./plugin-dir.js";

const PASSWORD = "fam-login-41e7";
const NET = "0d6f0b8e-3f0a-4d55-8c1e-2b7f9a64c3d2";
const quiet = { logger: createLogger({ level: "silent" }) };

let dir: string;
let plugins: PluginEntry[];

beforeAll(() => {
  dir = pluginDirWith("ngs-device-basalt", "ngs-device-slate");
  plugins = discoverPlugins({ pluginDirs: [dir] });
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A simulator serving the plugin's platform for `deviceType`, and a device of that type pointed at it. */
async function deviceAndSwitch(deviceType: string, ports: string[]): Promise<{ sim: SimSwitch; dev: InstanceType<Awaited<ReturnType<typeof loadDeviceClass>>> }> {
  const platform = await loadDevicePlatform(deviceType, plugins);
  const Device = await loadDeviceClass(deviceType, plugins);
  expect(devicePlatformProblems(Device)).toEqual([]);
  expect(simModels).not.toContain(platform.name);
  const sim = await startSwitch({ platform, username: "ops", password: PASSWORD, ports });
  const config = { device_type: deviceType, ip: sim.host, port: String(sim.port), username: "ops", password: PASSWORD };
  return { sim, dev: new Device(config, `${deviceType}1`, quiet) };
}

/** Opens a session on `sim` with the plugin platform of `deviceType`, runs `body`, closes it. */
async function withSession(deviceType: string, sim: SimSwitch, body: (s: CliSession) => Promise<void>): Promise<void> {
  const platform = await loadDevicePlatform(deviceType, plugins);
  const s = await CliSession.open({ platform, host: sim.host, port: sim.port, username: "ops", password: PASSWORD, readTimeoutMs: 5_000 });
  try {
    await body(s);
  } finally {
    await s.close();
  }
}

describe("a Junos-like plugin dialect (BasaltOS)", () => {
  let sim: SimSwitch;
  afterAll(async () => {
    await sim?.close();
  });

  it("plug over SSH: the switch gets BasaltOS's preparation, candidate and commit commands, each change is committed", async () => {
    const made = await deviceAndSwitch("basalt_switch", ["xe-0/0/1", "xe-0/0/2"]);
    sim = made.sim;
    expect(sim.platform).toBe("basalt_os");
    await made.dev.addNetwork(140, NET);
    const name = NET.replace(/-/g, "");
    expect(sim.commandLog).toEqual(["set terminal raw", "edit candidate", `set vlans ${name} vlan-id 140`, "activate", "leave candidate", "exit"]);
    expect(sim.counters.commits).toBe(1);
    expect(sim.snapshot().vlans).toEqual([{ id: 140, name }]);

    const before = sim.commandLog.length;
    await made.dev.plugPortToNetwork("xe-0/0/1", 140);
    expect(
      containsRun(sim.commandLog.slice(before), [
        "edit candidate",
        "delete interfaces xe-0/0/1 unit 0 family ethernet-switching vlan members",
        "set interfaces xe-0/0/1 unit 0 family ethernet-switching vlan members 140",
        "activate",
        "leave candidate",
      ]),
    ).toBe(true);
    expect(sim.counters.commits).toBe(2);
    expect(sim.snapshot().ports["xe-0/0/1"]).toMatchObject({ mode: "access", accessVlan: 140 });
    expect(sim.snapshot().ports["xe-0/0/2"]).toMatchObject({ accessVlan: null });
  });

  it("a statement BasaltOS rejects is a CommandError carrying BasaltOS's own error text; nothing is committed", async () => {
    const commits = sim.counters.commits;
    await withSession("basalt_switch", sim, async (s) => {
      const err = await s.sendConfigSet(["set interfaces xe-0/0/2 unit 0 family ethernet-switching vlan members"]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CommandError);
      expect((err as CommandError).message).toContain("BASALT-E: statement rejected");
    });
    expect(sim.commandLog).toContain("set interfaces xe-0/0/2 unit 0 family ethernet-switching vlan members");
    expect(sim.counters.commits).toBe(commits);
    expect(sim.snapshot().ports["xe-0/0/2"]).toMatchObject({ accessVlan: null, allowedVlans: [] });
  });
});

describe("a VRP-like plugin dialect (SlateOS)", () => {
  let sim: SimSwitch;
  afterAll(async () => {
    await sim?.close();
  });

  it("plug over SSH: the switch gets SlateOS's view and store commands, its port changes, each change is stored", async () => {
    const made = await deviceAndSwitch("slate_switch", ["ge1", "ge2"]);
    sim = made.sim;
    expect(sim.platform).toBe("slate_os");
    await made.dev.addNetwork(77, NET);
    expect(sim.commandLog).toEqual(["pager off", "config-view", "vlan batch 77", "back-to-user", "store config", "quit"]);
    expect(sim.counters.saves).toBe(1);
    expect(sim.snapshot().vlans.map((v) => v.id)).toEqual([77]);

    const before = sim.commandLog.length;
    await made.dev.plugPortToNetwork("ge1", 77);
    expect(
      containsRun(sim.commandLog.slice(before), ["config-view", "interface ge1", "port link-type access", "port default vlan 77", "back-to-user", "store config"]),
    ).toBe(true);
    expect(sim.counters.saves).toBe(2);
    expect(sim.snapshot().ports["ge1"]).toMatchObject({ mode: "access", accessVlan: 77 });
    expect(sim.snapshot().ports["ge2"]).toMatchObject({ accessVlan: null });
  });

  it("a line SlateOS rejects is a CommandError carrying SlateOS's own error text", async () => {
    await withSession("slate_switch", sim, async (s) => {
      const err = await s.sendConfigSet(["interface ge2", "port hyperdrive 9"]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CommandError);
      expect((err as CommandError).message).toContain("SLATE: unknown keyword");
    });
    expect(sim.commandLog).toContain("port hyperdrive 9");
    expect(sim.snapshot().ports["ge2"]).toMatchObject({ mode: "none", accessVlan: null });
  });
});

describe("a Linux-shell-like dialect", () => {
  it("gets its own prompt characters, privilege command and error text from the simulator", async () => {
    const pebble = linuxShell({
      name: "pebble_sh",
      promptChars: { user: ">", enabled: "!" },
      enableCommand: "elevate",
      configEnter: "elevate",
      configExit: "drop",
      errorText: "pebble: no such command",
    });
    const psim = await startSwitch({ platform: pebble, username: "ops", password: PASSWORD });
    try {
      expect(psim.platform).toBe("pebble_sh");
      const s = await CliSession.open({ platform: pebble, host: psim.host, port: psim.port, username: "ops", password: PASSWORD, secret: PASSWORD, readTimeoutMs: 5_000 });
      try {
        await s.enable();
        expect((await s.sendCommand("whoami")).trim()).toBe("root");
        const err = await s.sendConfigSet(["frobnicate eth1"]).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(CommandError);
        expect((err as CommandError).message).toContain("pebble: no such command");
      } finally {
        await s.close();
      }
      expect(containsRun(psim.commandLog, ["elevate", "whoami"])).toBe(true);
      expect(psim.commandLog).toContain("frobnicate eth1");
    } finally {
      await psim.close();
    }
  });
});

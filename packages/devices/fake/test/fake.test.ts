import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import {
  GenericSwitchConfigException,
  GenericSwitchInvalidValue,
  GenericSwitchNetmikoConnectError,
  InProcessCoordinator,
  createLogger,
  type DeviceConfig,
  type DeviceContext,
} from "@ngs/core";
import FakeSwitch from "@ngs/device-fake/fake";
import { FakeSwitch as Named } from "@ngs/device-fake";

const NET = "0f0e0d0c-0b0a-0908-0706-050403020100";

function fake(extra: DeviceConfig = {}, context: DeviceContext = {}): FakeSwitch {
  return new FakeSwitch({ device_type: "netmiko_fake", ...extra }, "fake1", {
    coordinator: new InProcessCoordinator(),
    logger: createLogger({ level: "silent" }),
    ...context,
  });
}

function logLines(): { lines: Record<string, unknown>[]; logger: ReturnType<typeof createLogger> } {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _e, cb) {
      for (const l of String(chunk).split("\n")) if (l) lines.push(JSON.parse(l) as Record<string, unknown>);
      cb();
    },
  });
  return { lines, logger: createLogger({ level: "info", destination }) };
}

describe("netmiko_fake", () => {
  it("is the package's default export and its named export", () => {
    expect(Named).toBe(FakeSwitch);
    expect(FakeSwitch.pluginApi).toBe(1);
  });

  it("records upstream's Fake commands for networks and trunk ports, and saves after each change", async () => {
    const d = fake({ ngs_trunk_ports: "up1, up2" });
    await d.addNetwork(10, NET);
    await d.delNetwork(10, NET);
    expect(d.sent).toEqual([
      { commands: ["add network 10", "add network 10 to trunk up1", "add network 10 to trunk up2"] },
      { commands: ["remove network 10 from trunk up1", "remove network 10 from trunk up2", "delete network 10"] },
    ]);
    expect(d.operations.map((o) => [o.operation, o.ok])).toEqual([
      ["add network", true],
      ["delete network", true],
    ]);
    expect(d.saves).toBe(2);
  });

  it("plugs and unplugs ports with the default VLAN and inactive-port handling", async () => {
    const d = fake({ ngs_port_default_vlan: "99", ngs_disable_inactive_ports: "true", ngs_save_configuration: "false" });
    await d.plugPortToNetwork("eth1", 10);
    await d.deletePort("eth1", 10);
    expect(d.sent.map((s) => s.commands)).toEqual([
      ["enable eth1", "delete port eth1", "plug port eth1 to network 10"],
      ["delete port eth1", "add network 99", "plug port eth1 to network 99", "disable eth1"],
    ]);
    expect(d.saves).toBe(0);
  });

  it("supports trunks: subports are tagged on the port (no native VLAN template, like upstream)", async () => {
    const d = fake();
    expect(d.supportTrunkOnPorts).toBe(true);
    expect(d.supportTrunkOnBondPorts).toBe(false);
    const trunkDetails = { sub_ports: [{ segmentation_id: 20 }, { segmentation_id: "21" }] };
    await d.plugPortToNetwork("eth2", 10, { trunkDetails });
    await d.addSubportsOnTrunk({}, "eth2", [{ segmentation_id: 22 }]);
    await d.delSubportsOnTrunk({}, "eth2", [{ segmentation_id: 22 }]);
    expect(d.sentCommands).toEqual([
      "add network 20 to trunk eth2",
      "add network 21 to trunk eth2",
      "add network 22 to trunk eth2",
      "remove network 22 from trunk eth2",
    ]);
  });

  it("a bond falls back to the port templates", async () => {
    const d = fake();
    await d.plugBondToNetwork("bond0", 30);
    await d.unplugBondFromNetwork("bond0", 30);
    expect(d.sentCommands).toEqual(["plug port bond0 to network 30", "delete port bond0"]);
  });

  it("with ngs_fake_failure_prob = 1 every send fails with upstream's 'Random failure!' and nothing is recorded as sent", async () => {
    const d = fake({ ngs_fake_failure_prob: "1", password: "hunter2" });
    const err = await d.plugPortToNetwork("eth1", 10).catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(GenericSwitchNetmikoConnectError);
    expect(err.message).toContain("Random failure!");
    expect(err.message).not.toContain("hunter2");
    expect(d.sent).toEqual([]);
    expect(d.operations).toEqual([
      { operation: "plug port", commands: ["plug port eth1 to network 10"], ok: false, error: err.message },
    ]);
  });

  it("a random delay still completes (ngs_fake_sleep_min_s/max_s)", async () => {
    const d = fake({ ngs_fake_sleep_min_s: "0.001", ngs_fake_sleep_max_s: "0.005" });
    expect([d.sleepMinS, d.sleepMaxS, d.failureProb]).toEqual([0.001, 0.005, 0]);
    await d.addNetwork(5, NET);
    expect(d.sentCommands).toEqual(["add network 5"]);
    expect(fake({ ngs_fake_sleep_min_s: "0.5" }).sleepMaxS).toBe(0.5);
  });

  it("rejects bad ngs_fake_* values, naming each", () => {
    let err: Error | undefined;
    try {
      fake({ ngs_fake_sleep_min_s: "2", ngs_fake_sleep_max_s: "1", ngs_fake_failure_prob: "1.5" });
    } catch (e) {
      err = e as Error;
    }
    expect(err).toBeInstanceOf(GenericSwitchConfigException);
    expect(err!.message.split("\n")).toEqual([
      "Invalid configuration for switch fake1:",
      '  [genericswitch:fake1] ngs_fake_failure_prob: invalid value "1.5": expected a number from 0 to 1',
      "  [genericswitch:fake1] ngs_fake_sleep_max_s: 1 is less than ngs_fake_sleep_min_s (2)",
    ]);
  });

  it("refuses an injected port name before anything is sent", async () => {
    const d = fake();
    await expect(d.plugPortToNetwork("eth1\nreload", 10)).rejects.toThrow(GenericSwitchInvalidValue);
    await expect(d.plugPortToNetwork("eth1", 0)).rejects.toThrow(/segmentation id/);
    expect(d.sent).toEqual([]);
    expect(d.sessionsOpened).toBe(0);
  });

  it("reuses one session with ngs_ssh_reuse_connection", async () => {
    const d = fake({ ngs_ssh_reuse_connection: "true" });
    await d.addNetwork(1, NET);
    await d.addNetwork(2, NET);
    await d.addNetwork(3, NET);
    expect(d.sessionsOpened).toBe(1);
    const fresh = fake();
    await fresh.addNetwork(1, NET);
    await fresh.addNetwork(2, NET);
    expect(fresh.sessionsOpened).toBe(2);
  });

  it("ngs_manage_vlans = false sends nothing for networks", async () => {
    const d = fake({ ngs_manage_vlans: "false", ngs_trunk_ports: "up1" });
    await d.addNetwork(10, NET);
    expect(d.sent).toEqual([]);
  });

  it("logs each operation's commands; its own options are not warned about", async () => {
    const { lines, logger } = logLines();
    const d = fake({ ngs_fake_failure_prob: "0", ngs_fake_sleep_min_s: "0", ngs_fake_sleep_max_s: "0" }, { logger });
    await d.addNetwork(7, NET);
    expect(lines.filter((l) => l.level === 40)).toEqual([]);
    expect(lines).toContainEqual(expect.objectContaining({ switch: "fake1", operation: "add network", commands: ["add network 7"], msg: "Fake switch fake1: add network" }));
    d.clearRecord();
    expect([d.sent, d.operations, d.saves]).toEqual([[], [], 0]);
  });
});

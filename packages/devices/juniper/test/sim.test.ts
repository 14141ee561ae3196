import { describe, expect, it } from "vitest";
import type { SimSwitch } from "@ngs/switch-sim";
import { GenericSwitchInvalidValue, GenericSwitchNetmikoConfigError } from "@ngs/core";
import Juniper from "@ngs/device-juniper/junos";
import { HEX, NET } from "@ngs/test-utils";
import { PASSWORD, simAndDevice } from "@ngs/vendor-testkit";

/** A pattern that matches only its first `n` matching lines (a fault that clears itself). */
class FirstMatches extends RegExp {
  constructor(source: RegExp, private left: number) {
    super(source.source, source.flags);
  }
  override test(s: string): boolean {
    if (this.left > 0 && super.test(s)) {
      this.left--;
      return true;
    }
    return false;
  }
}

async function junosSwitch(extra: Record<string, string> = {}): Promise<{ sim: SimSwitch; dev: Juniper }> {
  const { sim, device } = await simAndDevice(Juniper, "netmiko_juniper", "juniper", extra, { ports: ["ge-0/0/1", "ge-0/0/2", "xe-0/0/48"] });
  return { sim, dev: device as Juniper };
}
const commits = (sim: SimSwitch) => sim.commandLog.filter((c) => c === "commit").length;

describe("netmiko_juniper against the simulated Junos switch", () => {
  it("add network, plug, trunk subports, unplug, delete network: the switch state follows", async () => {
    const { sim, dev } = await junosSwitch({ ngs_trunk_ports: "xe-0/0/48", ngs_disable_inactive_ports: "true" });

    await dev.addNetwork(33, NET);
    expect(sim.state.vlans.get(33)?.name).toBe(HEX);
    expect(sim.state.ports.get("xe-0/0/48")).toMatchObject({ accessVlan: 33 });
    expect(sim.commandLog).toContain("configure private");

    await dev.plugPortToNetwork("ge-0/0/1", 33);
    expect(sim.state.ports.get("ge-0/0/1")).toMatchObject({ mode: "access", accessVlan: 33, shutdown: false });

    await dev.deletePort("ge-0/0/1", 33);
    expect(sim.state.ports.get("ge-0/0/1")).toMatchObject({ accessVlan: null, allowedVlans: [], shutdown: true });

    await dev.delNetwork(33, NET);
    expect(sim.state.vlans.has(33)).toBe(false);
    // Every change was committed once.
    expect(commits(sim)).toBe(4);
  });

  it("commits even with ngs_save_configuration=false (a change takes effect only on commit)", async () => {
    const { sim, dev } = await junosSwitch({ ngs_save_configuration: "false" });
    await dev.addNetwork(44, NET);
    expect(sim.state.vlans.get(44)?.name).toBe(HEX);
  });

  it("retries the commit while the configuration database is locked, then succeeds", async () => {
    const { sim, dev } = await junosSwitch({ ngs_commit_interval: "0.02", ngs_commit_timeout: "30" });
    sim.faults = {
      errorOn: [{ pattern: new FirstMatches(/^commit$/, 2), output: "error: configuration database locked by:\n  other terminal p1 (pid 4242) on since 2026-11-24 10:00:00 UTC" }],
    };
    await dev.addNetwork(55, NET);
    expect(commits(sim)).toBe(3);
    expect(sim.state.vlans.get(55)?.name).toBe(HEX);
  });

  it("gives up after ngs_commit_timeout with GenericSwitchNetmikoConfigError, nothing applied", async () => {
    const { sim, dev } = await junosSwitch({ ngs_commit_interval: "0.02", ngs_commit_timeout: "0.1" });
    sim.faults = { errorOn: [{ pattern: /^commit$/, output: "warning: statement already exists" }] };
    const err = await dev.addNetwork(66, NET).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GenericSwitchNetmikoConfigError);
    expect(String((err as Error).message)).toMatch(/multiple sessions configuring the device concurrently/);
    expect(commits(sim)).toBeGreaterThan(1);
    expect(sim.state.vlans.has(66)).toBe(false);
  });

  it("any other commit failure is a GenericSwitchNetmikoConfigError at once (no retry)", async () => {
    const { sim, dev } = await junosSwitch({ ngs_commit_interval: "0.02" });
    sim.faults = { errorOn: [{ pattern: /^commit$/, output: "error: commit failed: (statements constraint check failed)" }] };
    const err = await dev.plugPortToNetwork("ge-0/0/2", 33).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GenericSwitchNetmikoConfigError);
    expect(String((err as Error).message)).toMatch(/statements constraint check failed/);
    expect(String((err as Error).message)).not.toContain(PASSWORD);
    expect(commits(sim)).toBe(1);
    expect(sim.state.ports.get("ge-0/0/2")?.accessVlan).toBeNull();
  });

  it("a rejected command surfaces as GenericSwitchNetmikoConfigError and is never committed", async () => {
    const { sim, dev } = await junosSwitch();
    sim.faults = { errorOn: [{ pattern: /vlan members 77$/, output: "                                                    ^\nsyntax error." }] };
    const err = await dev.plugPortToNetwork("ge-0/0/2", 77).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GenericSwitchNetmikoConfigError);
    expect(commits(sim)).toBe(0);
  });

  it("an injection attempt in a port name never reaches the switch", async () => {
    const { sim, dev } = await junosSwitch();
    await expect(dev.plugPortToNetwork("ge-0/0/1\ncommit", 33)).rejects.toBeInstanceOf(GenericSwitchInvalidValue);
    expect(sim.commandLog).toEqual([]);
    expect(sim.counters.sessionsOpened).toBe(0);
  });
});

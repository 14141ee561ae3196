import { describe, expect, it } from "vitest";
import { GenericSwitchInvalidValue, GenericSwitchNetmikoConfigError } from "@ngs/core";
import type { SimSwitch } from "@ngs/switch-sim";
import OvsLinux from "@ngs/device-ovs/ovs-linux";
import { simAndDevice } from "@ngs/vendor-testkit";

let sim: SimSwitch | undefined;
async function ovsSwitch() {
  const started = await simAndDevice(OvsLinux, "netmiko_ovs_linux", "ovs_linux", {}, { ports: ["p1", "p2"] });
  sim = started.sim;
  return { sim, dev: started.device as OvsLinux };
}

describe("netmiko_ovs_linux against the simulated OVS host", () => {
  it("injection attempts in port names never reach the switch (no session is even opened)", async () => {
    const { sim, dev } = await ovsSwitch();
    for (const port of ["p1; touch /tmp/pwned", "p1 && reboot", "p1|sh", "p1`id`", "$(id)", "p1\nid", "--help"]) {
      await expect(dev.plugPortToNetwork(port, 100)).rejects.toBeInstanceOf(GenericSwitchInvalidValue);
      await expect(dev.deletePort(port, 100)).rejects.toBeInstanceOf(GenericSwitchInvalidValue);
    }
    expect(sim.commandLog).toEqual([]);
    expect(sim.counters.sessionsOpened).toBe(0);
  });

  it("plug and unplug change the port's VLAN state", async () => {
    const { sim, dev } = await ovsSwitch();
    await dev.plugPortToNetwork("p1", 100);
    expect(sim.state.ports.get("p1")).toMatchObject({ mode: "access", accessVlan: 100 });
    await dev.deletePort("p1", 100);
    expect(sim.state.ports.get("p1")).toMatchObject({ accessVlan: null, allowedVlans: [] });
  });

  it("an ovs-vsctl error answer surfaces as GenericSwitchNetmikoConfigError", async () => {
    const { dev } = await ovsSwitch();
    sim!.faults = { errorOn: [{ pattern: /tag=100$/, output: 'ovs-vsctl: no row "p9" in table Port' }] };
    await expect(dev.plugPortToNetwork("p2", 100)).rejects.toBeInstanceOf(GenericSwitchNetmikoConfigError);
  });
});

import { describe, expect, it } from "vitest";
import { GenericSwitchNetmikoConfigError } from "@ngs/core";
import NokiaSrl from "@ngs/device-nokia/srl";
import { HEX, NET } from "@ngs/test-utils";
import { simAndDevice } from "@ngs/vendor-testkit";

async function srlSwitch(extra: Record<string, string> = {}) {
  const { sim, device } = await simAndDevice(NokiaSrl, "netmiko_nokia_srl", "nokia_srl", extra, { ports: ["ethernet-1/1", "ethernet-1/2"] });
  return { sim, dev: device as NokiaSrl };
}

describe("netmiko_nokia_srl against the simulated SR Linux switch", () => {
  it("mac-vrf per network, bridged subinterface per port; committed and saved every time", async () => {
    const { sim, dev } = await srlSwitch({ ngs_save_configuration: "false" });
    await dev.addNetwork(33, NET);
    expect(sim.state.vlans.get(33)?.name).toBe(`OS-Network-ID-${HEX}`);

    await dev.plugPortToNetwork("ethernet-1/1", 33);
    expect(sim.state.ports.get("ethernet-1/1")).toMatchObject({ accessVlan: 33 });

    await dev.deletePort("ethernet-1/1", 33);
    expect(sim.state.ports.get("ethernet-1/1")?.accessVlan).toBeNull();

    await dev.delNetwork(33, NET);
    expect(sim.state.vlans.has(33)).toBe(false);
    expect(sim.counters.commits).toBe(4);
    expect(sim.counters.saves).toBe(4);
    expect(sim.commandLog).toContain("enter candidate private");
  });

  it("a parsing error answer surfaces as GenericSwitchNetmikoConfigError and nothing is committed", async () => {
    const { sim, dev } = await srlSwitch();
    sim.faults = { errorOn: [{ pattern: /subinterface 44 type bridged$/, output: "Parsing error: Unknown token 'subinterface'." }] };
    await expect(dev.plugPortToNetwork("ethernet-1/2", 44)).rejects.toBeInstanceOf(GenericSwitchNetmikoConfigError);
    expect(sim.counters.commits).toBe(0);
    expect(sim.state.ports.get("ethernet-1/2")?.accessVlan ?? null).toBeNull();
  });

  it("a refused commit is a GenericSwitchNetmikoConfigError, nothing saved and no retry", async () => {
    const { sim, dev } = await srlSwitch({ ngs_ssh_reuse_connection: "true" });
    sim.faults = { errorOn: [{ pattern: /^commit stay$/, output: "Error: validation failed: mac-vrf-45 has no interface" }] };
    const err = await dev.addNetwork(45, NET).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GenericSwitchNetmikoConfigError);
    expect(String((err as Error).message)).toContain("validation failed");
    expect(sim.commandLog.filter((c) => c === "commit stay").length).toBe(1);
    expect(sim.counters.saves).toBe(0);
    expect(sim.state.vlans.has(45)).toBe(false);
    await dev.close();
  });
});

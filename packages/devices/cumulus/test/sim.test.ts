import { afterEach, describe, expect, it } from "vitest";
import { startSwitch, type SimSwitch } from "@ngs/switch-sim";
import { createLogger, GenericSwitchInvalidValue, GenericSwitchNetmikoConfigError } from "@ngs/core";
import CumulusNclu from "@ngs/device-cumulus/nclu";
import CumulusNvue from "@ngs/device-cumulus/nvue";
import { NET } from "@ngs/test-utils";

const quiet = { logger: createLogger({ level: "silent" }) };
const TRUNK = { sub_ports: [{ segmentation_id: 101 }, { segmentation_id: 102 }] };

let sims: SimSwitch[] = [];
afterEach(async () => {
  await Promise.all(sims.map((s) => s.close()));
  sims = [];
});

async function start(platform: string): Promise<SimSwitch> {
  const sim = await startSwitch({ platform, username: "cumulus", password: "cl-pw", secret: "cl-pw", ports: ["swp1", "swp2", "swp48", "bond1"] });
  sims.push(sim);
  return sim;
}
const cfg = (sim: SimSwitch, type: string, extra: Record<string, string> = {}) => ({
  device_type: type,
  ip: sim.host,
  port: String(sim.port),
  username: "cumulus",
  password: "cl-pw",
  secret: "cl-pw",
  ...extra,
});

describe("netmiko_cumulus_nvue against the simulated NVUE switch", () => {
  it("network, access port, trunk with native VLAN and subports: state after each step", async () => {
    const sim = await start("cumulus_nvue");
    const dev = new CumulusNvue(cfg(sim, "netmiko_cumulus_nvue", { ngs_trunk_ports: "swp48" }), "cl5", quiet);

    await dev.addNetwork(33, NET);
    expect(sim.state.vlans.has(33)).toBe(true);
    expect(sim.state.ports.get("swp48")?.allowedVlans).toEqual([33]);
    for (const v of [101, 102]) await dev.addNetwork(v, NET);

    await dev.plugPortToNetwork("swp1", 33);
    expect(sim.state.ports.get("swp1")).toMatchObject({ accessVlan: 33 });

    await dev.deletePort("swp1", 33);
    expect(sim.state.ports.get("swp1")).toMatchObject({ accessVlan: null, nativeVlan: null, allowedVlans: [] });

    await dev.plugPortToNetwork("swp2", 33, { trunkDetails: TRUNK });
    expect(sim.state.ports.get("swp2")).toMatchObject({ nativeVlan: 33, accessVlan: null });
    expect([...sim.state.ports.get("swp2")!.allowedVlans].sort()).toEqual([101, 102, 33].sort());

    await dev.delSubportsOnTrunk({}, "swp2", [{ segmentation_id: 102 }]);
    expect(sim.state.ports.get("swp2")!.allowedVlans).not.toContain(102);

    await dev.deletePort("swp2", 33, { trunkDetails: { sub_ports: [{ segmentation_id: 101 }] } });
    expect(sim.state.ports.get("swp2")).toMatchObject({ nativeVlan: null, accessVlan: null, allowedVlans: [] });

    await dev.delNetwork(33, NET);
    expect(sim.state.vlans.has(33)).toBe(false);

    // Every set was applied with NVUE's apply line, never through sudo, and saved.
    expect(sim.commandLog.filter((c) => c === "nv config apply --assume-yes").length).toBe(9);
    expect(sim.commandLog.filter((c) => c === "nv config save").length).toBe(9);
    expect(sim.commandLog.some((c) => c.startsWith("sudo"))).toBe(false);
  });

  it("the dry run lists exactly what the switch then receives, apply line and save included", async () => {
    const sim = await start("cumulus_nvue");
    const dev = new CumulusNvue(cfg(sim, "netmiko_cumulus_nvue"), "cl5", quiet);
    await dev.addNetwork(33, NET);
    const plan = dev.plan("plugPortToNetwork", { port: "swp1", segmentationId: 33 });
    const before = sim.commandLog.length;
    await dev.plugPortToNetwork("swp1", 33);
    // …then the session logs out.
    expect(sim.commandLog.slice(before)).toEqual([...plan.commands, ...plan.save, "exit"]);
  });

  it("ngs_save_configuration=false: applied but not saved", async () => {
    const sim = await start("cumulus_nvue");
    const dev = new CumulusNvue(cfg(sim, "netmiko_cumulus_nvue", { ngs_save_configuration: "false" }), "cl5", quiet);
    await dev.addNetwork(40, NET);
    expect(sim.state.vlans.has(40)).toBe(true);
    expect(sim.counters.saves).toBe(0);
  });

  it("an error answer from the switch surfaces as GenericSwitchNetmikoConfigError", async () => {
    const sim = await start("cumulus_nvue");
    sim.faults = { errorOn: [{ pattern: /^nv config apply/, output: "Error: Invalid parameter: bridge domain br_default vlan 50\nFailure during apply" }] };
    const dev = new CumulusNvue(cfg(sim, "netmiko_cumulus_nvue"), "cl5", quiet);
    await expect(dev.addNetwork(50, NET)).rejects.toBeInstanceOf(GenericSwitchNetmikoConfigError);
    expect(sim.state.vlans.has(50)).toBe(false);
    expect(sim.counters.saves).toBe(0);
  });

  it("an injection attempt never reaches the switch", async () => {
    const sim = await start("cumulus_nvue");
    const dev = new CumulusNvue(cfg(sim, "netmiko_cumulus_nvue"), "cl5", quiet);
    await expect(dev.plugPortToNetwork("swp1; nv config apply", 33)).rejects.toBeInstanceOf(GenericSwitchInvalidValue);
    expect(sim.commandLog).toEqual([]);
  });
});

describe("netmiko_cumulus (NCLU) against the simulated NCLU switch", () => {
  it("plug/unplug port and bond, committed each time (even with ngs_save_configuration=false)", async () => {
    const sim = await start("cumulus");
    const dev = new CumulusNclu(cfg(sim, "netmiko_cumulus", { ngs_save_configuration: "false", ngs_disable_inactive_ports: "true" }), "cl4", quiet);

    await dev.addNetwork(33, NET);
    expect(sim.state.vlans.has(33)).toBe(true);
    await dev.plugPortToNetwork("swp1", 33);
    expect(sim.state.ports.get("swp1")).toMatchObject({ accessVlan: 33, shutdown: false });
    await dev.plugBondToNetwork("bond1", 33);
    expect(sim.state.ports.get("bond1")).toMatchObject({ accessVlan: 33, shutdown: false });
    await dev.unplugBondFromNetwork("bond1", 33);
    expect(sim.state.ports.get("bond1")).toMatchObject({ accessVlan: null, shutdown: true });
    await dev.deletePort("swp1", 33);
    expect(sim.state.ports.get("swp1")).toMatchObject({ accessVlan: null, shutdown: true });
    expect(sim.commandLog.filter((c) => c === "net commit").length).toBe(5);
  });

  it("an unknown command answer surfaces as GenericSwitchNetmikoConfigError", async () => {
    const sim = await start("cumulus");
    sim.faults = { errorOn: [{ pattern: /^net add vlan 60$/, output: "ERROR: Command not found." }] };
    const dev = new CumulusNclu(cfg(sim, "netmiko_cumulus"), "cl4", quiet);
    await expect(dev.addNetwork(60, NET)).rejects.toBeInstanceOf(GenericSwitchNetmikoConfigError);
    expect(sim.state.vlans.has(60)).toBe(false);
  });
});

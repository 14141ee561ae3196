import { describe, expect, it } from "vitest";
import { GenericSwitchInvalidValue, GenericSwitchNetmikoConfigError } from "@ngs/core";
import Sonic from "@ngs/device-sonic/sonic";
import DellEnterpriseSonic from "@ngs/device-sonic/dell-enterprise-sonic";
import { NET } from "@ngs/test-utils";
import { simAndDevice } from "@ngs/vendor-testkit";

async function sonicSwitch(extra: Record<string, string> = {}, Cls: typeof Sonic = Sonic) {
  const { sim, device } = await simAndDevice(Cls, "netmiko_sonic", "sonic", extra, { ports: ["Ethernet0", "Ethernet4", "Ethernet48", "PortChannel10"] });
  return { sim, dev: device as Sonic };
}

describe("netmiko_sonic against the simulated SONiC switch", () => {
  it.each([
    ["netmiko_sonic", Sonic],
    ["netmiko_dell_enterprise_sonic", DellEnterpriseSonic],
  ] as const)("%s: trunk subports on an 802.3ad bond make the PortChannel a member of each VLAN, and removal undoes it", async (_t, Cls) => {
    const { sim, dev } = await sonicSwitch({}, Cls);
    const lacp = { local_group_information: { bond_mode: "802.3ad" } };
    await dev.addSubportsOnTrunk(lacp, "PortChannel10", [{ segmentation_id: 101 }, { segmentation_id: 102 }]);
    expect(sim.commandLog).toEqual(
      expect.arrayContaining(["config vlan member add 101 PortChannel10", "config vlan member add 102 PortChannel10"]),
    );
    expect([...sim.state.ports.get("PortChannel10")!.allowedVlans].sort()).toEqual([101, 102]);
    await dev.delSubportsOnTrunk(lacp, "PortChannel10", [{ segmentation_id: 101 }]);
    expect(sim.state.ports.get("PortChannel10")!.allowedVlans).toEqual([102]);
  });

  it("network, access port with default VLAN, trunk subports: state after each step", async () => {
    const { sim, dev } = await sonicSwitch({ ngs_trunk_ports: "Ethernet48", ngs_port_default_vlan: "20" });
    await dev.addNetwork(20, "00000000-0000-0000-0000-000000000020");
    await dev.plugPortToNetwork("Ethernet4", 20);

    await dev.addNetwork(33, NET);
    expect(sim.state.vlans.has(33)).toBe(true);
    expect(sim.state.ports.get("Ethernet48")?.allowedVlans).toContain(33);

    await dev.plugPortToNetwork("Ethernet4", 33);
    expect(sim.state.ports.get("Ethernet4")).toMatchObject({ accessVlan: 33 });

    await dev.deletePort("Ethernet4", 33);
    expect(sim.state.ports.get("Ethernet4")).toMatchObject({ accessVlan: 20 });

    // Subport VLANs that do not exist yet are created first (LP#2148349); trunk_details accepted.
    await dev.addSubportsOnTrunk({}, "Ethernet0", [{ segmentation_id: 201 }, { segmentation_id: 202 }], {
      trunk_id: "t1",
      sub_ports: [{ segmentation_id: 201 }, { segmentation_id: 202 }],
    });
    expect(sim.state.vlans.has(201) && sim.state.vlans.has(202)).toBe(true);
    expect([...sim.state.ports.get("Ethernet0")!.allowedVlans].sort()).toEqual([201, 202]);

    await dev.delSubportsOnTrunk({}, "Ethernet0", [{ segmentation_id: 201 }]);
    expect(sim.state.ports.get("Ethernet0")!.allowedVlans).toEqual([202]);

    await dev.delNetwork(33, NET);
    expect(sim.state.vlans.has(33)).toBe(false);
    // Saved after each change, from the root shell.
    expect(sim.commandLog.filter((c) => c === "config save -y").length).toBe(8);
    expect(sim.commandLog).toContain("sudo -s");
  });

  it("Dell Enterprise SONiC drives the same commands", async () => {
    const { sim, dev } = await sonicSwitch({ ngs_save_configuration: "false" }, DellEnterpriseSonic);
    await dev.addNetwork(70, NET);
    await dev.plugPortToNetwork("Ethernet0", 70);
    expect(sim.state.ports.get("Ethernet0")).toMatchObject({ accessVlan: 70 });
    expect(sim.counters.saves).toBe(0);
  });

  it("a missing VLAN answer surfaces as GenericSwitchNetmikoConfigError", async () => {
    const { sim, dev } = await sonicSwitch();
    const err = await dev.plugPortToNetwork("Ethernet0", 99).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GenericSwitchNetmikoConfigError);
    expect(sim.state.ports.get("Ethernet0")?.accessVlan ?? null).toBeNull();
    expect(sim.counters.saves).toBe(0);
  });

  it("an injection attempt never reaches the switch", async () => {
    const { sim, dev } = await sonicSwitch();
    await expect(dev.plugPortToNetwork("Ethernet0 && reboot", 33)).rejects.toBeInstanceOf(GenericSwitchInvalidValue);
    await expect(dev.addSubportsOnTrunk({}, "$(reboot)", [{ segmentation_id: 5 }])).rejects.toBeInstanceOf(GenericSwitchInvalidValue);
    expect(sim.commandLog).toEqual([]);
  });
});

// Over real SSH against @ngs/switch-sim: the switch's VLAN/port state after each operation.
import { describe, expect, test } from "vitest";
import { GenericSwitchNetmikoConfigError } from "@ngs/core";
import CiscoIos from "@ngs/device-cisco/ios";
import CiscoNxos from "@ngs/device-cisco/nxos";
import { HEX, NET } from "@ngs/vendor-testkit";
import { simAndDevice } from "@ngs/vendor-testkit";

describe("netmiko_cisco_ios", () => {
  test("network, access port, default VLAN, trunk with native VLAN and subports", async () => {
    const { sim, device } = await simAndDevice(CiscoIos, "netmiko_cisco_ios", "cisco_ios", { ngs_trunk_ports: "Port-channel9" });
    await device.addNetwork(33, NET);
    expect(sim.state.vlans.get(33)).toEqual({ name: HEX });
    expect(sim.state.ports.get("Port-channel9")).toMatchObject({ mode: "trunk", allowedVlans: [33] });
    for (const v of [101, 102]) await device.addNetwork(v, NET);

    await device.plugPortToNetwork("GigabitEthernet1/0/1", 33);
    expect(sim.state.ports.get("GigabitEthernet1/0/1")).toMatchObject({ mode: "access", accessVlan: 33 });

    await device.deletePort("GigabitEthernet1/0/1", 33, { defaultVlan: 35 });
    expect(sim.state.vlans.get(35)).toEqual({ name: "35" });
    expect(sim.state.ports.get("GigabitEthernet1/0/1")).toMatchObject({ mode: "access", accessVlan: 35 });

    const trunkDetails = { sub_ports: [{ segmentation_id: 101 }, { segmentation_id: 102 }] };
    await device.plugPortToNetwork("GigabitEthernet1/0/2", 33, { trunkDetails });
    expect(sim.state.ports.get("GigabitEthernet1/0/2")).toMatchObject({ mode: "trunk", nativeVlan: 33, allowedVlans: [33, 101, 102] });
    await device.delSubportsOnTrunk({}, "GigabitEthernet1/0/2", [{ segmentation_id: 102 }]);
    expect(sim.state.ports.get("GigabitEthernet1/0/2")).toMatchObject({ allowedVlans: [33, 101] });
    await device.deletePort("GigabitEthernet1/0/2", 33, { trunkDetails: { sub_ports: [{ segmentation_id: 101 }] } });
    expect(sim.state.ports.get("GigabitEthernet1/0/2")).toMatchObject({ nativeVlan: null, allowedVlans: [], accessVlan: null });

    await device.delNetwork(33, NET);
    expect(sim.state.vlans.has(33)).toBe(false);
    expect(sim.state.ports.get("Port-channel9")).toMatchObject({ allowedVlans: [101, 102] });
    expect(sim.counters.saves).toBe(9);
  });

  test("an error answer surfaces as GenericSwitchNetmikoConfigError", async () => {
    const { sim, device } = await simAndDevice(CiscoIos, "netmiko_cisco_ios", "cisco_ios", {}, {
      faults: { errorOn: [{ pattern: /^vlan 44$/, output: "% VLAN 44 is reserved" }] },
    });
    const p = device.addNetwork(44, NET);
    await expect(p).rejects.toBeInstanceOf(GenericSwitchNetmikoConfigError);
    await expect(p).rejects.toThrow(/% Invalid input|reserved/);
    expect(sim.counters.saves).toBe(0);
  });
});

describe("netmiko_cisco_nxos", () => {
  test("network, access port with ngs_disable_inactive_ports, trunk subports (no native VLAN, as upstream)", async () => {
    const { sim, device } = await simAndDevice(CiscoNxos, "netmiko_cisco_nxos", "cisco_nxos", {
      ngs_disable_inactive_ports: "true",
      ngs_port_default_vlan: "35",
    });
    await device.addNetwork(35, "35353535-3535-3535-3535-353535353535");
    await device.addNetwork(33, NET);
    await device.addNetwork(101, NET);
    expect(sim.state.vlans.get(33)).toEqual({ name: HEX });

    await device.plugPortToNetwork("Ethernet1/1", 33);
    expect(sim.state.ports.get("Ethernet1/1")).toMatchObject({ mode: "access", accessVlan: 33, shutdown: false });
    await device.deletePort("Ethernet1/1", 33);
    expect(sim.state.ports.get("Ethernet1/1")).toMatchObject({ mode: "access", accessVlan: 35, shutdown: true });

    await device.addSubportsOnTrunk({}, "Ethernet1/2", [{ segmentation_id: 101 }]);
    expect(sim.state.ports.get("Ethernet1/2")).toMatchObject({ mode: "trunk", allowedVlans: [101] });

    // The L2VNI cleanup check reads `show vlan id N` from the switch.
    await expect(device.vlanHasPorts(101)).resolves.toBe(true);
    await expect(device.vlanHasPorts(33)).resolves.toBe(false);

    await device.delNetwork(33, NET);
    expect(sim.state.vlans.has(33)).toBe(false);
  });

  test("an error answer surfaces as GenericSwitchNetmikoConfigError", async () => {
    const { sim, device } = await simAndDevice(CiscoNxos, "netmiko_cisco_nxos", "cisco_nxos", {}, {
      faults: { errorOn: [{ pattern: /switchport access vlan 44/, output: "% Invalid command at '^' marker." }] },
    });
    await expect(device.plugPortToNetwork("Ethernet1/9", 44)).rejects.toBeInstanceOf(GenericSwitchNetmikoConfigError);
    expect(sim.counters.saves).toBe(0);
  });
});

// Over real SSH against @ngs/switch-sim: the switch's VLAN/port state after each operation.
import { expect, test } from "vitest";
import { GenericSwitchNetmikoConfigError } from "@ngs/core";
import DellOs10 from "@ngs/device-dell/os10";
import { HEX, NET } from "@ngs/vendor-testkit";
import { simAndDevice } from "@ngs/vendor-testkit";

test("netmiko_dell_os10: network, access port, default VLAN, trunk with native VLAN, bond, unplug", async () => {
  const { sim, device } = await simAndDevice(DellOs10, "netmiko_dell_os10", "dell_os10", { ngs_port_default_vlan: "35" });
  for (const v of [33, 101]) await device.addNetwork(v, NET);
  expect(sim.state.vlans.get(33)).toEqual({ name: HEX });

  await device.plugPortToNetwork("ethernet1/1/1", 33);
  expect(sim.state.ports.get("ethernet1/1/1")).toMatchObject({ mode: "access", accessVlan: 33 });
  await device.deletePort("ethernet1/1/1", 33);
  expect(sim.state.vlans.get(35)).toEqual({ name: "35" });
  expect(sim.state.ports.get("ethernet1/1/1")).toMatchObject({ mode: "access", accessVlan: 35 });

  await device.plugPortToNetwork("ethernet1/1/2", 33, { trunkDetails: { sub_ports: [{ segmentation_id: 101 }] } });
  expect(sim.state.ports.get("ethernet1/1/2")).toMatchObject({ mode: "trunk", accessVlan: 33, allowedVlans: [101] });

  await device.plugBondToNetwork("port-channel1", 33);
  expect(sim.state.ports.get("port-channel1")).toMatchObject({ mode: "access", accessVlan: 33 });
  await device.unplugBondFromNetwork("port-channel1", 33);
  expect(sim.state.ports.get("port-channel1")).toMatchObject({ accessVlan: 35 });

  await device.delNetwork(101, NET);
  expect(sim.state.vlans.has(101)).toBe(false);
});

test("netmiko_dell_os10: an error answer surfaces as GenericSwitchNetmikoConfigError", async () => {
  const { sim, device } = await simAndDevice(DellOs10, "netmiko_dell_os10", "dell_os10", {}, {
    faults: { errorOn: [{ pattern: /switchport access vlan 44/, output: "% Error: vlan 44 does not exist" }] },
  });
  const err = await device.plugPortToNetwork("ethernet1/1/9", 44).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(GenericSwitchNetmikoConfigError);
  expect(String((err as Error).message)).toContain("Error: vlan 44 does not exist");
  expect(sim.counters.saves).toBe(0);
});

// Over real SSH against @ngs/switch-sim: the switch's VLAN/port state after each operation.
import { expect, test } from "vitest";
import { GenericSwitchNetmikoConfigError } from "@ngs/core";
import AristaEos from "@ngs/device-arista/eos";
import { HEX, NET } from "@ngs/vendor-testkit";
import { simAndDevice } from "@ngs/vendor-testkit";

test("netmiko_arista_eos: network, access port, trunk with native VLAN, LACP bond subports, unplug", async () => {
  const { sim, device } = await simAndDevice(AristaEos, "netmiko_arista_eos", "arista_eos", { ngs_disable_inactive_ports: "true" });
  for (const v of [33, 101, 102]) await device.addNetwork(v, NET);
  expect(sim.state.vlans.get(33)).toEqual({ name: HEX });

  await device.plugPortToNetwork("Ethernet1", 33);
  expect(sim.state.ports.get("Ethernet1")).toMatchObject({ mode: "access", accessVlan: 33, shutdown: false });
  await device.deletePort("Ethernet1", 33);
  expect(sim.state.ports.get("Ethernet1")).toMatchObject({ accessVlan: null, shutdown: true });

  await device.plugBondToNetwork("Port-Channel1", 33, { trunkDetails: { sub_ports: [{ segmentation_id: 101 }] } });
  expect(sim.state.ports.get("Port-Channel1")).toMatchObject({ mode: "trunk", nativeVlan: 33, allowedVlans: [33, 101] });
  const lacp = { local_group_information: { bond_mode: "802.3ad" } };
  await device.addSubportsOnTrunk(lacp, "Port-Channel1", [{ segmentation_id: 102 }]);
  expect(sim.state.ports.get("Port-Channel1")).toMatchObject({ allowedVlans: [33, 101, 102] });
  await device.delSubportsOnTrunk(lacp, "Port-Channel1", [{ segmentation_id: 101 }]);
  expect(sim.state.ports.get("Port-Channel1")).toMatchObject({ allowedVlans: [33, 102] });
  await device.unplugBondFromNetwork("Port-Channel1", 33, { trunkDetails: { sub_ports: [{ segmentation_id: 102 }] } });
  expect(sim.state.ports.get("Port-Channel1")).toMatchObject({ mode: "none", nativeVlan: null, allowedVlans: [] });

  // The L2VNI cleanup check reads `show vlan id N configured-ports` from the switch.
  await expect(device.vlanHasPorts(102)).resolves.toBe(false);
  await device.plugPortToNetwork("Ethernet2", 102);
  await expect(device.vlanHasPorts(102)).resolves.toBe(true);

  await device.delNetwork(33, NET);
  expect(sim.state.vlans.has(33)).toBe(false);
});

test("netmiko_arista_eos: an error answer surfaces as GenericSwitchNetmikoConfigError", async () => {
  const { sim, device } = await simAndDevice(AristaEos, "netmiko_arista_eos", "arista_eos", {}, {
    faults: { errorOn: [{ pattern: /^vlan 44$/, output: "% VLAN 44 is already mapped to VNI 10044" }] },
  });
  const err = await device.addNetwork(44, NET).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(GenericSwitchNetmikoConfigError);
  expect(String((err as Error).message)).toContain("% VLAN 44 is already mapped to VNI 10044");
  expect(sim.counters.saves).toBe(0);
});

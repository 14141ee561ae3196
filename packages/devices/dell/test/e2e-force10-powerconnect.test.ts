// Over real SSH against @ngs/switch-sim.
import { expect, test } from "vitest";
import DellForce10 from "@ngs/device-dell/force10";
import DellPowerConnect from "@ngs/device-dell/powerconnect";
import { NET } from "@ngs/vendor-testkit";
import { simAndDevice } from "@ngs/vendor-testkit";

test("netmiko_dell_force10: ports join and leave VLANs from the VLAN side; trunk ports are tagged", async () => {
  const { sim, device } = await simAndDevice(DellForce10, "netmiko_dell_force10", "dell_force10", { ngs_trunk_ports: "Te1/48" });
  await device.addNetwork(33, NET);
  expect(sim.state.vlans.has(33)).toBe(true);
  expect(sim.state.ports.get("Te1/48")?.allowedVlans).toContain(33);
  await device.plugPortToNetwork("Te1/1", 33);
  expect(sim.state.ports.get("Te1/1")).toMatchObject({ accessVlan: 33 });
  await device.deletePort("Te1/1", 33);
  expect(sim.state.ports.get("Te1/1")?.accessVlan ?? null).not.toBe(33);
  await device.delNetwork(33, NET);
  expect(sim.state.vlans.has(33)).toBe(false);
});

test.each([
  // Access mode sets only the access VLAN (upstream's template has no `switchport mode`).
  ["access", { accessVlan: 33 }],
  ["general", { mode: "general", nativeVlan: 33 }],
] as const)("netmiko_dell_powerconnect (ngs_switchport_mode %s)", async (mode, plugged) => {
  const { sim, device } = await simAndDevice(DellPowerConnect, "netmiko_dell_powerconnect", "dell_powerconnect", {
    ngs_switchport_mode: mode,
  });
  await device.addNetwork(33, NET);
  expect(sim.state.vlans.has(33)).toBe(true);
  await device.plugPortToNetwork("Gi1/0/1", 33);
  expect(sim.state.ports.get("Gi1/0/1")).toMatchObject(plugged);
  await device.deletePort("Gi1/0/1", 33);
  expect(sim.state.ports.get("Gi1/0/1")).toMatchObject(mode === "access" ? { accessVlan: null } : { nativeVlan: null });
});

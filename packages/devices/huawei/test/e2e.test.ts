// Over real SSH against @ngs/switch-sim.
import { expect, test } from "vitest";
import HuaweiVrp from "@ngs/device-huawei/vrp";
import HuaweiVrpV8 from "@ngs/device-huawei/vrpv8";
import { NET } from "@ngs/vendor-testkit";
import { simAndDevice } from "@ngs/vendor-testkit";

test.each([
  ["netmiko_huawei", HuaweiVrp, "huawei"],
  ["netmiko_huawei_vrpv8", HuaweiVrpV8, "huawei_vrpv8"],
] as const)("%s: network and access port", async (type, Cls, platform) => {
  const { sim, device } = await simAndDevice(Cls, type, platform);
  await device.addNetwork(33, NET);
  expect(sim.state.vlans.has(33)).toBe(true);
  await device.plugPortToNetwork("GigabitEthernet0/0/1", 33);
  expect(sim.state.ports.get("GigabitEthernet0/0/1")).toMatchObject({ mode: "access", accessVlan: 33 });
  await device.deletePort("GigabitEthernet0/0/1", 33);
  expect(sim.state.ports.get("GigabitEthernet0/0/1")).toMatchObject({ accessVlan: null });
  await device.delNetwork(33, NET);
  expect(sim.state.vlans.has(33)).toBe(false);
  expect(sim.counters.saves).toBe(4);
});

// Over real SSH against @ngs/switch-sim: upstream's netmiko_hpe_comware never loaded; ours works.
import { expect, test } from "vitest";
import HpeComware from "@ngs/device-hpe/comware";
import { NET } from "@ngs/vendor-testkit";
import { simAndDevice } from "@ngs/vendor-testkit";

test.each(["netmiko_hpe_comware", "netmiko_hp_comware"])("%s: network and access port", async (type) => {
  const { sim, device } = await simAndDevice(HpeComware, type, "hp_comware");
  await device.addNetwork(33, NET);
  expect(sim.state.vlans.has(33)).toBe(true);
  await device.plugPortToNetwork("GigabitEthernet1/0/1", 33);
  expect(sim.state.ports.get("GigabitEthernet1/0/1")).toMatchObject({ mode: "access", accessVlan: 33 });
  await device.deletePort("GigabitEthernet1/0/1", 33);
  expect(sim.state.ports.get("GigabitEthernet1/0/1")?.accessVlan ?? 1).toBe(1);
  expect(sim.counters.saves).toBe(3);
});

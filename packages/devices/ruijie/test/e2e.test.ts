// Over real SSH against @ngs/switch-sim: upstream's netmiko_ruijie never loaded; ours works.
import { expect, test } from "vitest";
import Ruijie from "@ngs/device-ruijie/ruijie";
import { HEX, NET } from "@ngs/vendor-testkit";
import { simAndDevice } from "@ngs/vendor-testkit";

test("netmiko_ruijie: network and access port", async () => {
  const { sim, device } = await simAndDevice(Ruijie, "netmiko_ruijie", "ruijie_os");
  await device.addNetwork(33, NET);
  expect(sim.state.vlans.get(33)).toEqual({ name: HEX });
  await device.plugPortToNetwork("GigabitEthernet 0/1", 33);
  expect(sim.state.ports.get("GigabitEthernet 0/1")).toMatchObject({ mode: "access", accessVlan: 33 });
  await device.deletePort("GigabitEthernet 0/1", 33);
  expect(sim.state.ports.get("GigabitEthernet 0/1")).toMatchObject({ accessVlan: null });
  expect(sim.counters.saves).toBe(3);
});

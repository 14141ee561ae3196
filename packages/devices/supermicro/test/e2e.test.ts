// Over real SSH against @ngs/switch-sim.
import { expect, test } from "vitest";
import SupermicroSmis from "@ngs/device-supermicro/smis";
import { HEX, NET } from "@ngs/vendor-testkit";
import { simAndDevice } from "@ngs/vendor-testkit";

test("netmiko_supermicro_smis: network and access port", async () => {
  const { sim, device } = await simAndDevice(SupermicroSmis, "netmiko_supermicro_smis", "supermicro_smis");
  await device.addNetwork(33, NET);
  expect(sim.state.vlans.get(33)).toEqual({ name: HEX });
  await device.plugPortToNetwork("gi 0/1", 33);
  expect(sim.state.ports.get("gi 0/1")).toMatchObject({ mode: "access", accessVlan: 33 });
  await device.deletePort("gi 0/1", 33);
  expect(sim.state.ports.get("gi 0/1")).toMatchObject({ accessVlan: null });
  expect(sim.counters.saves).toBe(3);
});

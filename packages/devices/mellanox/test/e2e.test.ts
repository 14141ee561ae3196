// Over real SSH against @ngs/switch-sim.
import { expect, test } from "vitest";
import MellanoxMlnxos from "@ngs/device-mellanox/mlnxos";
import { HEX, NET } from "@ngs/vendor-testkit";
import { simAndDevice } from "@ngs/vendor-testkit";

test("netmiko_mellanox_mlnxos: network named by its id, access port", async () => {
  const { sim, device } = await simAndDevice(MellanoxMlnxos, "netmiko_mellanox_mlnxos", "mellanox_mlnxos");
  await device.addNetwork(33, NET);
  expect(sim.state.vlans.get(33)).toEqual({ name: HEX });
  await device.plugPortToNetwork("1/1", 33);
  const port = [...sim.state.ports.entries()].find(([name]) => /1\/1$/.test(name))?.[1];
  expect(port).toMatchObject({ mode: "access", accessVlan: 33 });
  await device.deletePort("1/1", 33);
  expect([...sim.state.ports.entries()].find(([name]) => /1\/1$/.test(name))?.[1]?.accessVlan ?? null).not.toBe(33);
  expect(sim.counters.saves).toBe(3);
});

// Over real SSH against @ngs/switch-sim: the pre-plug port query.
import { expect, test } from "vitest";
import BrocadeFastIron from "@ngs/device-brocade/fastiron";
import { NET } from "@ngs/vendor-testkit";
import { simAndDevice } from "@ngs/vendor-testkit";

test("netmiko_brocade_fastiron: a port untagged in another VLAN leaves it before joining the new one", async () => {
  const { sim, device } = await simAndDevice(BrocadeFastIron, "netmiko_brocade_fastiron", "brocade_fastiron");
  for (const v of [20, 33]) await device.addNetwork(v, NET);
  await device.plugPortToNetwork("1/1/1", 20);
  expect(sim.state.ports.get("1/1/1")).toMatchObject({ accessVlan: 20 });

  const before = sim.commandLog.length;
  await device.plugPortToNetwork("1/1/1", 33);
  expect(sim.state.ports.get("1/1/1")).toMatchObject({ accessVlan: 33 });
  const sent = sim.commandLog.slice(before);
  expect(sent).toContain("show interfaces ether 1/1/1 | include VLAN");
  const leave = sent.indexOf("no untagged ether 1/1/1");
  expect(leave).toBeGreaterThan(-1);
  expect(sent.indexOf("vlan 33 by port", leave)).toBeGreaterThan(leave);

  await device.deletePort("1/1/1", 33);
  expect(sim.state.ports.get("1/1/1")?.accessVlan ?? 1).toBe(1);
  // A port in VLAN 1 needs no cleaning first.
  const mark = sim.commandLog.length;
  await device.plugBondToNetwork("1/1/2", 33);
  expect(sim.commandLog.slice(mark)).not.toContain("no untagged ether 1/1/2");
  expect(sim.state.ports.get("1/1/2")).toMatchObject({ accessVlan: 33 });
});

// Over real SSH against @ngs/switch-sim.
import { expect, test } from "vitest";
import CiscoS300 from "@ngs/device-cisco/s300";
import { NET } from "@ngs/vendor-testkit";
import { simAndDevice } from "@ngs/vendor-testkit";

test("netmiko_cisco_s300: network and access port, saved with the Y/N confirmation", async () => {
  const { sim, device } = await simAndDevice(CiscoS300, "netmiko_cisco_s300", "cisco_s300");
  await device.addNetwork(33, NET);
  expect(sim.state.vlans.has(33)).toBe(true);
  await device.plugPortToNetwork("gi1/0/1", 33);
  expect(sim.state.ports.get("gi1/0/1")).toMatchObject({ mode: "access", accessVlan: 33 });
  await device.deletePort("gi1/0/1", 33);
  expect(sim.state.ports.get("gi1/0/1")).toMatchObject({ accessVlan: null });
  expect(sim.counters.saves).toBe(3);
});

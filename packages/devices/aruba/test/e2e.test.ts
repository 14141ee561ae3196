// Over real SSH against @ngs/switch-sim.
import { expect, test } from "vitest";
import { GenericSwitchNetmikoConfigError } from "@ngs/core";
import ArubaAoscx from "@ngs/device-aruba/aoscx";
import { HEX, NET } from "@ngs/vendor-testkit";
import { simAndDevice } from "@ngs/vendor-testkit";

test("netmiko_aruba_aoscx: network, access port with ngs_disable_inactive_ports, trunk subports", async () => {
  const { sim, device } = await simAndDevice(ArubaAoscx, "netmiko_aruba_aoscx", "aruba_aoscx", { ngs_disable_inactive_ports: "true" });
  for (const v of [33, 101]) await device.addNetwork(v, NET);
  expect(sim.state.vlans.get(33)).toEqual({ name: HEX });
  await device.plugPortToNetwork("1/1/1", 33);
  expect(sim.state.ports.get("1/1/1")).toMatchObject({ accessVlan: 33, shutdown: false });
  await device.deletePort("1/1/1", 33);
  expect(sim.state.ports.get("1/1/1")).toMatchObject({ accessVlan: null, shutdown: true });
  await device.addSubportsOnTrunk({}, "1/1/2", [{ segmentation_id: 101 }]);
  expect(sim.state.ports.get("1/1/2")?.allowedVlans).toContain(101);
});

test("netmiko_aruba_aoscx: an error answer surfaces as GenericSwitchNetmikoConfigError", async () => {
  const { device } = await simAndDevice(ArubaAoscx, "netmiko_aruba_aoscx", "aruba_aoscx", {}, {
    faults: { errorOn: [{ pattern: /vlan access 44/, output: "% Command incomplete." }] },
  });
  await expect(device.plugPortToNetwork("1/1/9", 44)).rejects.toBeInstanceOf(GenericSwitchNetmikoConfigError);
});

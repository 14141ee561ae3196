// Exact command lists (docs/upstream.md#command-lists-per-device-type).
import { expect, test } from "vitest";
import HuaweiVrp from "@ngs/device-huawei/vrp";
import HuaweiVrpV8 from "@ngs/device-huawei/vrpv8";
import { allPlans, build, expectedPlans, type Blocks } from "@ngs/vendor-testkit";

const VRP: Blocks = {
  add: (v) => [`vlan ${v}`],
  del: (v) => [`undo vlan ${v}`],
  plug: (p, v) => [`interface ${p}`, "port link-type access", `port default vlan ${v}`],
  delPort: (p, v) => [`interface ${p}`, `undo port default vlan ${v}`],
};
const commit = (f: (...a: never[]) => string[]) => (...a: never[]) => [...f(...a), "commit"];
const VRPV8: Blocks = { add: commit(VRP.add), del: commit(VRP.del), plug: commit(VRP.plug), delPort: commit(VRP.delPort) };

test("netmiko_huawei: every scenario's command list", () => {
  expect(allPlans(HuaweiVrp, "netmiko_huawei", "GigabitEthernet0/0/1", "Eth-Trunk1")).toEqual(
    expectedPlans(VRP, "GigabitEthernet0/0/1", "Eth-Trunk1"),
  );
});

test("netmiko_huawei_vrpv8: every template ends with commit", () => {
  expect(allPlans(HuaweiVrpV8, "netmiko_huawei_vrpv8", "GE1/0/1", "Eth-Trunk1")).toEqual(expectedPlans(VRPV8, "GE1/0/1", "Eth-Trunk1"));
  expect(build(HuaweiVrpV8, "netmiko_huawei_vrpv8").plan("plugPortToNetwork", { port: "GE1/0/1", segmentationId: 33 }).commands).toEqual([
    "interface GE1/0/1",
    "port link-type access",
    "port default vlan 33",
    "commit",
  ]);
});

test("save steps and capabilities", () => {
  for (const [Cls, type] of [[HuaweiVrp, "netmiko_huawei"], [HuaweiVrpV8, "netmiko_huawei_vrpv8"]] as const) {
    const d = build(Cls, type);
    expect(d.plan("plugPortToNetwork", { port: "GE1/0/1", segmentationId: 3 }).save).toEqual(["save"]);
    expect(d.supportTrunkOnPorts).toBe(false);
  }
});

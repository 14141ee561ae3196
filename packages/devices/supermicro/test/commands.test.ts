// Exact command lists (docs/upstream.md#command-lists-per-device-type).
import { expect, test } from "vitest";
import SupermicroSmis from "@ngs/device-supermicro/smis";
import { allPlans, build, expectedPlans, type Blocks } from "@ngs/vendor-testkit";

const SMIS: Blocks = {
  add: (v, name) => [`vlan ${v}`, `name ${name}`],
  del: (v) => [`no vlan ${v}`],
  plug: (p, v) => [`interface ${p}`, "switchport mode access", `switchport access vlan ${v}`],
  delPort: (p, v) => [`interface ${p}`, `no switchport access vlan ${v}`, "no switchport mode trunk", "switchport trunk allowed vlan none"],
};

test("netmiko_supermicro_smis: every scenario's command list", () => {
  expect(allPlans(SupermicroSmis, "netmiko_supermicro_smis", "gi 0/1", "po 1")).toEqual(expectedPlans(SMIS, "gi 0/1", "po 1"));
});

test("save step", () => {
  expect(build(SupermicroSmis, "netmiko_supermicro_smis").plan("plugPortToNetwork", { port: "gi 0/1", segmentationId: 3 }).save).toEqual([
    "write startup-config",
  ]);
});

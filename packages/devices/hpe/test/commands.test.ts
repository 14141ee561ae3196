// Exact command lists (docs/upstream.md#command-lists-per-device-type).
import { expect, test } from "vitest";
import HpeComware from "@ngs/device-hpe/comware";
import { allPlans, build, expectedPlans, type Blocks } from "@ngs/vendor-testkit";

const COMWARE: Blocks = {
  add: (v) => [`vlan ${v}`],
  del: (v) => [`undo vlan ${v}`],
  plug: (p, v) => [`interface ${p}`, "port link-type access", `port access vlan ${v}`],
  delPort: (p) => [`interface ${p}`, "undo port access vlan"],
};

test.each(["netmiko_hpe_comware", "netmiko_hp_comware"])("%s: every scenario's command list", (type) => {
  expect(allPlans(HpeComware, type, "GigabitEthernet1/0/1", "Bridge-Aggregation1")).toEqual(
    expectedPlans(COMWARE, "GigabitEthernet1/0/1", "Bridge-Aggregation1"),
  );
});

test("both device types load on the real hp_comware platform and save with 'save force'", () => {
  for (const type of ["netmiko_hpe_comware", "netmiko_hp_comware"]) {
    const d = build(HpeComware, type);
    expect(d.platform).toBe("hp_comware");
    expect(d.plan("plugPortToNetwork", { port: "GigabitEthernet1/0/1", segmentationId: 3 }).save).toEqual(["save force"]);
  }
});

// Exact command lists (docs/upstream.md#command-lists-per-device-type).
import { expect, test } from "vitest";
import BrocadeFastIron from "@ngs/device-brocade/fastiron";
import { allPlans, build, expectedPlans, type Blocks } from "@ngs/vendor-testkit";

const FASTIRON: Blocks = {
  add: (v, name) => [`vlan ${v} by port`, `name ${name}`],
  del: (v) => [`no vlan ${v}`],
  plug: (p, v) => [`vlan ${v} by port`, `untagged ether ${p}`],
  delPort: (p, v) => [`vlan ${v} by port`, `no untagged ether ${p}`],
};

test("netmiko_brocade_fastiron: every scenario's command list (trunk details accepted, unlike upstream)", () => {
  expect(allPlans(BrocadeFastIron, "netmiko_brocade_fastiron", "1/1/1", "1/1/9")).toEqual(expectedPlans(FASTIRON, "1/1/1", "1/1/9"));
});

test("a plug's dry run lists the port query that runs first", () => {
  const d = build(BrocadeFastIron, "netmiko_brocade_fastiron");
  expect(d.plan("plugPortToNetwork", { port: "1/1/1", segmentationId: 33 })).toEqual({
    operation: "plug port",
    queries: ["show interfaces ether 1/1/1 | include VLAN"],
    commands: ["vlan 33 by port", "untagged ether 1/1/1"],
    save: ["write mem"],
  });
  expect(d.plan("plugBondToNetwork", { bond: "1/1/9", segmentationId: 33 }).queries).toEqual(["show interfaces ether 1/1/9 | include VLAN"]);
  expect(d.plan("deletePort", { port: "1/1/1", segmentationId: 33 }).queries).toEqual([]);
});

// Exact command lists (docs/upstream.md#command-lists-per-device-type).
import { expect, test } from "vitest";
import Pluribus from "@ngs/device-pluribus/pluribus";
import { allPlans, build, expectedPlans, type Blocks } from "@ngs/vendor-testkit";

const NETVISOR: Blocks = {
  add: (v, name) => [`vlan-create id ${v} scope fabric ports none description ${name} auto-vxlan`],
  del: (v) => [`vlan-delete id ${v}`],
  plug: (p, v) => [`vlan-port-remove vlan-range all ports ${p}`, `port-vlan-add port ${p} untagged-vlan ${v}`],
  delPort: (p) => [`vlan-port-remove vlan-range all ports ${p}`],
};

test("netmiko_pluribus: every scenario's command list", () => {
  expect(allPlans(Pluribus, "netmiko_pluribus", "11", "trunk1")).toEqual(expectedPlans(NETVISOR, "11", "trunk1"));
});

test("Netvisor has no save step", () => {
  expect(build(Pluribus, "netmiko_pluribus").plan("plugPortToNetwork", { port: "11", segmentationId: 3 }).save).toEqual([]);
});

// Exact command lists (docs/upstream.md#command-lists-per-device-type).
import { expect, test } from "vitest";
import MellanoxMlnxos from "@ngs/device-mellanox/mlnxos";
import { allPlans, build, expectedPlans, HEX, NET, type Blocks } from "@ngs/vendor-testkit";

const MLNXOS: Blocks = {
  // The name is the network id, whatever ngs_network_name_format says (upstream).
  add: (v, _name, id) => [`vlan ${v}`, `name ${id}`],
  del: (v) => [`no vlan ${v}`],
  plug: (p, v) => [`interface ethernet ${p}`, "switchport mode access", `switchport access vlan ${v}`],
  delPort: (p) => [`interface ethernet ${p}`, "no switchport access vlan", "no switchport mode"],
};

test("netmiko_mellanox_mlnxos: every scenario's command list", () => {
  expect(allPlans(MellanoxMlnxos, "netmiko_mellanox_mlnxos", "1/1", "1/9")).toEqual(expectedPlans(MLNXOS, "1/1", "1/9"));
});

test("the VLAN name is the dashless network id, ignoring ngs_network_name_format", () => {
  const d = build(MellanoxMlnxos, "netmiko_mellanox_mlnxos", { ngs_network_name_format: "x-{segmentation_id}" });
  expect(d.plan("addNetwork", { segmentationId: 33, networkId: NET }).commands).toEqual(["vlan 33", `name ${HEX}`]);
  expect(d.plan("addNetwork", { segmentationId: 33, networkId: NET }).save).toEqual(["configuration write"]);
});

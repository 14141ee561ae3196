// Exact command lists (docs/upstream.md#command-lists-per-device-type).
import { expect, test } from "vitest";
import ArubaAoscx from "@ngs/device-aruba/aoscx";
import { allPlans, build, expectedPlans, type Blocks } from "@ngs/vendor-testkit";

const AOSCX: Blocks = {
  add: (v, name) => [`vlan ${v}`, `name ${name}`],
  del: (v) => [`no vlan ${v}`],
  plug: (p, v) => [`interface ${p}`, "no routing", `vlan access ${v}`],
  delPort: (p, v) => [`interface ${p}`, `no vlan access ${v}`],
  trunk: (p, v) => [`interface ${p}`, "no routing", `vlan trunk allowed ${v}`],
  rmTrunk: (p, v) => [`interface ${p}`, `no vlan trunk allowed ${v}`],
  enable: (p) => [`interface ${p}`, "no shutdown"],
  disable: (p) => [`interface ${p}`, "shutdown"],
};

test("netmiko_aruba_aoscx: every scenario's command list", () => {
  expect(allPlans(ArubaAoscx, "netmiko_aruba_aoscx", "1/1/1", "lag1")).toEqual(expectedPlans(AOSCX, "1/1/1", "lag1"));
});

test("error patterns, save step, capabilities", () => {
  const d = build(ArubaAoscx, "netmiko_aruba_aoscx");
  expect(d.errorPatterns.map(String)).toEqual(["/Invalid input/", "/% Command incomplete/"]);
  expect(d.plan("plugPortToNetwork", { port: "1/1/1", segmentationId: 3 }).save).toEqual(["copy running-config startup-config"]);
  expect(d.supportTrunkOnPorts).toBe(true);
});

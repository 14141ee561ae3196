// Exact command lists (docs/upstream.md#command-lists-per-device-type).
import { expect, test } from "vitest";
import Ruijie from "@ngs/device-ruijie/ruijie";
import { allPlans, build, expectedPlans, type Blocks } from "@ngs/vendor-testkit";

const RUIJIE: Blocks = {
  add: (v, name) => [`vlan ${v}`, `name ${name}`],
  del: (v) => [`no vlan ${v}`],
  plug: (p, v) => [`interface ${p}`, "switchport mode access", `switchport access vlan ${v}`],
  delPort: (p, v) => [`interface ${p}`, `no switchport access vlan ${v}`, "no switchport mode trunk", "switchport trunk allowed vlan none"],
};

test("netmiko_ruijie: every scenario's command list", () => {
  expect(allPlans(Ruijie, "netmiko_ruijie", "GigabitEthernet 0/1", "AggregatePort 1")).toEqual(
    expectedPlans(RUIJIE, "GigabitEthernet 0/1", "AggregatePort 1"),
  );
});

test("loads on the real ruijie_os platform (upstream's derived 'ruijie' does not exist) and saves with 'write'", () => {
  const d = build(Ruijie, "netmiko_ruijie");
  expect(d.platform).toBe("ruijie_os");
  expect(d.plan("plugPortToNetwork", { port: "GigabitEthernet 0/1", segmentationId: 3 }).save).toEqual(["write"]);
});

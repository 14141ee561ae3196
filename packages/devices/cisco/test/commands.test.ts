// Exact command lists per device type (docs/upstream.md#command-lists-per-device-type).
import { describe, expect, test } from "vitest";
import CiscoIos from "@ngs/device-cisco/ios";
import CiscoNxos from "@ngs/device-cisco/nxos";
import CiscoS300 from "@ngs/device-cisco/s300";
import { allPlans, build, expectedPlans, NET, type Blocks } from "@ngs/vendor-testkit";

const IOS: Blocks = {
  add: (v, name) => [`vlan ${v}`, `name ${name}`],
  del: (v) => [`no vlan ${v}`],
  plug: (p, v) => [`interface ${p}`, "switchport mode access", `switchport access vlan ${v}`],
  delPort: (p, v) => [`interface ${p}`, `no switchport access vlan ${v}`, "no switchport mode trunk", "switchport trunk allowed vlan none"],
  native: (p, v) => [`interface ${p}`, "switchport mode trunk", `switchport trunk native vlan ${v}`, `switchport trunk allowed vlan add ${v}`],
  delNative: (p, v) => [
    `interface ${p}`,
    "no switchport mode trunk",
    `no switchport trunk native vlan ${v}`,
    `switchport trunk allowed vlan remove ${v}`,
  ],
  trunk: (p, v) => [`interface ${p}`, "switchport mode trunk", `switchport trunk allowed vlan add ${v}`],
  rmTrunk: (p, v) => [`interface ${p}`, `switchport trunk allowed vlan remove ${v}`],
};

const NXOS: Blocks = {
  add: (v, name) => [`vlan ${v}`, `name ${name}`, "exit"],
  del: (v) => [`no vlan ${v}`],
  plug: (p, v) => [`interface ${p}`, "switchport mode access", `switchport access vlan ${v}`, "exit"],
  delPort: (p) => [`interface ${p}`, "no switchport access vlan", "exit"],
  trunk: (p, v) => [`interface ${p}`, "switchport mode trunk", `switchport trunk allowed vlan add ${v}`, "exit"],
  rmTrunk: (p, v) => [`interface ${p}`, `switchport trunk allowed vlan remove ${v}`, "exit"],
  enable: (p) => [`interface ${p}`, "no shutdown", "exit"],
  disable: (p) => [`interface ${p}`, "shutdown", "exit"],
};

const S300: Blocks = {
  add: (v) => [`vlan ${v}`],
  del: (v) => [`no vlan ${v}`],
  plug: (p, v) => [`interface ${p}`, "switchport mode access", `switchport access vlan ${v}`],
  delPort: (p) => [`interface ${p}`, "no switchport access vlan", "switchport trunk allowed vlan remove all"],
};

describe.each([
  ["netmiko_cisco_ios", CiscoIos, IOS],
  ["netmiko_cisco_nxos", CiscoNxos, NXOS],
  ["netmiko_cisco_s300", CiscoS300, S300],
] as const)("%s", (type, Cls, blocks) => {
  test("every scenario's command list", () => {
    expect(allPlans(Cls, type)).toEqual(expectedPlans(blocks));
  });
});

describe("reference examples, literally", () => {
  test("IOS add_network(33, '0ae071f5-…') (§8.1)", () => {
    expect(build(CiscoIos, "netmiko_cisco_ios").plan("addNetwork", { segmentationId: 33, networkId: NET }).commands).toEqual([
      "vlan 33",
      "name 0ae071f55be943e480eae41fefe85b21",
    ]);
  });
  test("IOS delete_port(3333, 33, default_vlan=35) (§1.3)", () => {
    expect(build(CiscoIos, "netmiko_cisco_ios").plan("deletePort", { port: "3333", segmentationId: 33, defaultVlan: 35 }).commands).toEqual([
      "interface 3333",
      "no switchport access vlan 33",
      "no switchport mode trunk",
      "switchport trunk allowed vlan none",
      "vlan 35",
      "name 35",
      "interface 3333",
      "switchport mode access",
      "switchport access vlan 35",
    ]);
  });
  test("NX-OS unplug with ngs_disable_inactive_ports shuts the port last", () => {
    const d = build(CiscoNxos, "netmiko_cisco_nxos", { ngs_disable_inactive_ports: "true", ngs_port_default_vlan: "35" });
    expect(d.plan("deletePort", { port: "Ethernet1/1", segmentationId: 33 }).commands).toEqual([
      "interface Ethernet1/1",
      "no switchport access vlan",
      "exit",
      "vlan 35",
      "name 35",
      "exit",
      "interface Ethernet1/1",
      "switchport mode access",
      "switchport access vlan 35",
      "exit",
      "interface Ethernet1/1",
      "shutdown",
      "exit",
    ]);
  });
});

describe("save step and capabilities", () => {
  test.each([
    ["netmiko_cisco_ios", CiscoIos, "write mem", true],
    ["netmiko_cisco_nxos", CiscoNxos, "copy running-config startup-config", true],
    ["netmiko_cisco_s300", CiscoS300, "write memory", false],
  ] as const)("%s saves with %j; trunks: %s", (type, Cls, save, trunks) => {
    const d = build(Cls, type);
    expect(d.plan("plugPortToNetwork", { port: "Gi1/0/1", segmentationId: 3 }).save).toEqual([save]);
    expect(d.commands.SAVE_CONFIGURATION).toBeUndefined();
    expect(d.supportTrunkOnPorts).toBe(trunks);
    expect(d.supportTrunkOnBondPorts).toBe(false);
  });
});

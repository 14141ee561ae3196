// Exact command lists (docs/upstream.md#command-lists-per-device-type).
import { describe, expect, test } from "vitest";
import { GenericSwitchConfigException } from "@ngs/core";
import DellOs10 from "@ngs/device-dell/os10";
import DellForce10 from "@ngs/device-dell/force10";
import DellPowerConnect from "@ngs/device-dell/powerconnect";
import { allPlans, build, expectedPlans, type Blocks } from "@ngs/vendor-testkit";

const OS10: Blocks = {
  add: (v, name) => [`interface vlan ${v}`, `description ${name}`, "exit"],
  del: (v) => [`no interface vlan ${v}`, "exit"],
  plug: (p, v) => [`interface ${p}`, "switchport mode access", `switchport access vlan ${v}`, "exit"],
  delPort: (p) => [`interface ${p}`, "no switchport access vlan", "exit"],
  native: (p, v) => [`interface ${p}`, "switchport mode trunk", `switchport access vlan ${v}`],
  delNative: (p) => [`interface ${p}`, "no switchport access vlan"],
  trunk: (p, v) => [`interface ${p}`, "switchport mode trunk", `switchport trunk allowed vlan ${v}`, "exit"],
  rmTrunk: (p, v) => [`interface ${p}`, `no switchport trunk allowed vlan ${v}`, "exit"],
  enable: (p) => [`interface ${p}`, "no shutdown", "exit"],
  disable: (p) => [`interface ${p}`, "shutdown", "exit"],
  bond: {
    plug: (b, v) => [`interface ${b}`, "switchport mode access", `switchport access vlan ${v}`, "exit"],
    unplug: (b) => [`interface ${b}`, "no switchport access vlan", "exit"],
    native: (b, v) => [`interface ${b}`, "switchport mode trunk", `switchport access vlan ${v}`],
    delNative: (b) => [`interface ${b}`, "no switchport access vlan"],
  },
  bondTrunk: {
    add: (b, v) => [`interface ${b}`, "switchport mode trunk", `switchport trunk allowed vlan ${v}`, "exit"],
    rm: (b, v) => [`interface ${b}`, `no switchport trunk allowed vlan ${v}`, "exit"],
  },
};

const FORCE10: Blocks = {
  add: (v, name) => [`interface vlan ${v}`, `description ${name}`, "exit"],
  del: (v) => [`no interface vlan ${v}`, "exit"],
  plug: (p, v) => [`interface vlan ${v}`, `untagged ${p}`, "exit"],
  delPort: (p, v) => [`interface vlan ${v}`, `no untagged ${p}`, "exit"],
  trunk: (p, v) => [`interface vlan ${v}`, `tagged ${p}`, "exit"],
  rmTrunk: (p, v) => [`interface vlan ${v}`, `no tagged ${p}`, "exit"],
};

const PC_COMMON = {
  add: (v: number) => ["vlan database", `vlan ${v}`, "exit"],
  del: (v: number) => ["vlan database", `no vlan ${v}`, "exit"],
  trunk: (p: string, v: number) => [`interface ${p}`, `switchport general allowed vlan add ${v} tagged`, "exit"],
  rmTrunk: (p: string, v: number) => [`interface ${p}`, `switchport general allowed vlan remove ${v}`, "exit"],
};
const PC_ACCESS: Blocks = {
  ...PC_COMMON,
  plug: (p, v) => [`interface ${p}`, `switchport access vlan ${v}`, "exit"],
  delPort: (p) => [`interface ${p}`, "switchport access vlan none", "exit"],
};
const PC_GENERAL: Blocks = {
  ...PC_COMMON,
  plug: (p, v) => [`interface ${p}`, `switchport general allowed vlan add ${v} untagged`, `switchport general pvid ${v}`, "exit"],
  delPort: (p, v) => [`interface ${p}`, `switchport general allowed vlan remove ${v}`, "no switchport general pvid", "exit"],
};

describe("every scenario's command list", () => {
  test("netmiko_dell_os10", () => {
    expect(allPlans(DellOs10, "netmiko_dell_os10", "ethernet1/1/1", "port-channel1")).toEqual(
      expectedPlans(OS10, "ethernet1/1/1", "port-channel1"),
    );
  });
  test("netmiko_dell_force10", () => {
    expect(allPlans(DellForce10, "netmiko_dell_force10", "Te1/1")).toEqual(expectedPlans(FORCE10, "Te1/1"));
  });
  test("netmiko_dell_powerconnect (ngs_switchport_mode access, the default)", () => {
    expect(allPlans(DellPowerConnect, "netmiko_dell_powerconnect", "Gi1/0/1")).toEqual(expectedPlans(PC_ACCESS, "Gi1/0/1"));
    expect(allPlans(DellPowerConnect, "netmiko_dell_powerconnect", "Gi1/0/1", "Po1", { ngs_switchport_mode: "access" })).toEqual(
      expectedPlans(PC_ACCESS, "Gi1/0/1"),
    );
  });
  test("netmiko_dell_powerconnect (ngs_switchport_mode general)", () => {
    expect(allPlans(DellPowerConnect, "netmiko_dell_powerconnect", "Gi1/0/1", "Po1", { ngs_switchport_mode: "general" })).toEqual(
      expectedPlans(PC_GENERAL, "Gi1/0/1"),
    );
  });
});

describe("vendor rules", () => {
  test("OS10 bond plug with a default VLAN leaves it with the bond template, and restores it on unplug", () => {
    const d = build(DellOs10, "netmiko_dell_os10", { ngs_port_default_vlan: "35" });
    expect(d.plan("plugBondToNetwork", { bond: "port-channel1", segmentationId: 33 }).commands).toEqual([
      "interface port-channel1",
      "no switchport access vlan",
      "exit",
      "interface port-channel1",
      "switchport mode access",
      "switchport access vlan 33",
      "exit",
    ]);
    expect(d.plan("unplugBondFromNetwork", { bond: "port-channel1", segmentationId: 33 }).commands).toEqual([
      "interface port-channel1",
      "no switchport access vlan",
      "exit",
      "interface vlan 35",
      "description 35",
      "exit",
      "interface port-channel1",
      "switchport mode access",
      "switchport access vlan 35",
      "exit",
    ]);
  });
  test.each(["trunk", "", "hybrid"])("PowerConnect ngs_switchport_mode %j is a GenericSwitchConfigException naming the option", (mode) => {
    expect(() => build(DellPowerConnect, "netmiko_dell_powerconnect", { ngs_switchport_mode: mode })).toThrow(GenericSwitchConfigException);
    expect(() => build(DellPowerConnect, "netmiko_dell_powerconnect", { ngs_switchport_mode: mode })).toThrow(/ngs_switchport_mode/);
  });
  test("PowerConnect ngs_switchport_mode ignores surrounding blanks", () => {
    const d = build(DellPowerConnect, "netmiko_dell_powerconnect", { ngs_switchport_mode: " general " });
    expect(d.commands.PLUG_PORT_TO_NETWORK).toHaveLength(4);
  });
  test("error patterns, save steps, capabilities", () => {
    const os10 = build(DellOs10, "netmiko_dell_os10");
    const f10 = build(DellForce10, "netmiko_dell_force10");
    const pc = build(DellPowerConnect, "netmiko_dell_powerconnect");
    expect(os10.errorPatterns.map(String)).toEqual(["/Error:/"]);
    expect(f10.errorPatterns.map(String)).toEqual(["/Error:/"]);
    expect(pc.errorPatterns.map(String)).toEqual([
      "/% Incomplete command/",
      "/VLAN was not created by user/",
      "/Configuration Database locked by another application - try later/",
      "/Port is not in Layer-2 mode/",
    ]);
    const save = (d: typeof os10) => d.plan("plugPortToNetwork", { port: "p1", segmentationId: 2 }).save;
    expect(save(os10)).toEqual(["copy running-configuration startup-configuration"]);
    expect(save(f10)).toEqual(["write memory"]);
    expect(save(pc)).toEqual(["copy running-config startup-config"]);
    expect([os10.supportTrunkOnPorts, os10.supportTrunkOnBondPorts]).toEqual([true, true]);
    expect([f10.supportTrunkOnPorts, f10.supportTrunkOnBondPorts]).toEqual([true, false]);
    expect([pc.supportTrunkOnPorts, pc.supportTrunkOnBondPorts]).toEqual([true, false]);
  });
});

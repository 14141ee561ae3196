// Exact command lists (docs/upstream.md#command-lists-per-device-type).
import { expect, test } from "vitest";
import AristaEos, { EOS_COMMANDS } from "@ngs/device-arista/eos";
import { allPlans, build, expectedPlans, type Blocks } from "@ngs/vendor-testkit";

const EOS: Blocks = {
  add: (v, name) => [`vlan ${v}`, `name ${name}`],
  del: (v) => [`no vlan ${v}`],
  plug: (p, v) => [`interface ${p}`, "switchport mode access", `switchport access vlan ${v}`],
  delPort: (p, v) => [`interface ${p}`, `no switchport access vlan ${v}`, "no switchport mode trunk", "switchport trunk allowed vlan none"],
  native: (p, v) => [`interface ${p}`, "switchport mode trunk", `switchport trunk native vlan ${v}`, `switchport trunk allowed vlan add ${v}`],
  delNative: (p, v) => [`interface ${p}`, `no switchport trunk native vlan ${v}`, `switchport trunk allowed vlan remove ${v}`],
  trunk: (p, v) => [`interface ${p}`, `switchport trunk allowed vlan add ${v}`],
  rmTrunk: (p, v) => [`interface ${p}`, `switchport trunk allowed vlan remove ${v}`],
  enable: (p) => [`interface ${p}`, "no shutdown"],
  disable: (p) => [`interface ${p}`, "shutdown"],
  // No PLUG_BOND upstream: bonds are plugged with the port templates; subports on LACP bonds use the bond trunk ones.
  bondTrunk: {
    add: (b, v) => [`interface ${b}`, `switchport trunk allowed vlan add ${v}`],
    rm: (b, v) => [`interface ${b}`, `switchport trunk allowed vlan remove ${v}`],
  },
};

test("netmiko_arista_eos: every scenario's command list", () => {
  expect(allPlans(AristaEos, "netmiko_arista_eos", "Ethernet1", "Port-Channel1")).toEqual(expectedPlans(EOS, "Ethernet1", "Port-Channel1"));
});

test("error patterns, save step and capabilities", () => {
  const d = build(AristaEos, "netmiko_arista_eos");
  expect(d.errorPatterns.map(String)).toEqual(["/% Invalid input/", "/% Incomplete command/", "/% VLAN \\d+ is already mapped to VNI \\d+/"]);
  expect(d.plan("addNetwork", { segmentationId: 3, networkId: "0ae071f5-5be9-43e4-80ea-e41fefe85b21" }).save).toEqual([
    "copy running-config startup-config",
  ]);
  expect(d.supportTrunkOnPorts).toBe(true);
  expect(d.supportTrunkOnBondPorts).toBe(true);
});

test("bond native-VLAN templates, verbatim (upstream's; unused while EOS has no PLUG_BOND, as upstream)", () => {
  expect(EOS_COMMANDS.SET_NATIVE_VLAN_BOND).toEqual([
    "interface {bond}",
    "switchport mode trunk",
    "switchport trunk native vlan {segmentation_id}",
    "switchport trunk allowed vlan add {segmentation_id}",
  ]);
  expect(EOS_COMMANDS.DELETE_NATIVE_VLAN_BOND).toEqual([
    "interface {bond}",
    "no switchport trunk native vlan {segmentation_id}",
    "switchport trunk allowed vlan remove {segmentation_id}",
  ]);
});

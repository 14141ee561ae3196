import { describe, expect, it } from "vitest";
import { createLogger, GenericSwitchInvalidValue } from "@ngs/core";
import CumulusNclu from "@ngs/device-cumulus/nclu";
import CumulusNvue from "@ngs/device-cumulus/nvue";
import { NVUE_APPLY, NVUE_TEMPLATES } from "@ngs/device-cumulus";
import { LACP, NET, TRUNK } from "@ngs/test-utils";

const quiet = { logger: createLogger({ level: "silent" }) };
const base = { ip: "192.0.2.20", username: "cumulus", password: "pw" };

const nclu = (extra: Record<string, string> = {}) => new CumulusNclu({ device_type: "netmiko_cumulus", ...base, ...extra }, "cl4", quiet);
const nvue = (extra: Record<string, string> = {}) => new CumulusNvue({ device_type: "netmiko_cumulus_nvue", ...base, ...extra }, "cl5", quiet);

describe("netmiko_cumulus (NCLU) command lists", () => {
  it("add/del network (no trunk-port templates, no VLAN name)", () => {
    const d = nclu({ ngs_trunk_ports: "swp48", ngs_network_name_format: "{segmentation_id}-x" });
    expect(d.plan("addNetwork", { segmentationId: 33, networkId: NET }).commands).toEqual(["net add vlan 33"]);
    expect(d.plan("delNetwork", { segmentationId: 33, networkId: NET }).commands).toEqual(["net del vlan 33"]);
  });

  it("plug/unplug port: plain, default VLAN, disable_inactive_ports", () => {
    expect(nclu().plan("plugPortToNetwork", { port: "swp1", segmentationId: 33 }).commands).toEqual([
      "net add interface swp1 bridge access 33",
    ]);
    expect(nclu().plan("deletePort", { port: "swp1", segmentationId: 33 }).commands).toEqual(["net del interface swp1 bridge access 33"]);
    const d = nclu({ ngs_port_default_vlan: "20", ngs_disable_inactive_ports: "true" });
    expect(d.plan("plugPortToNetwork", { port: "swp1", segmentationId: 33 }).commands).toEqual([
      "net del interface swp1 link down",
      "net del interface swp1 bridge access 20",
      "net add interface swp1 bridge access 33",
    ]);
    expect(d.plan("deletePort", { port: "swp1", segmentationId: 33 }).commands).toEqual([
      "net del interface swp1 bridge access 33",
      "net add vlan 20",
      "net add interface swp1 bridge access 20",
      "net add interface swp1 link down",
    ]);
  });

  it("trunk details: NCLU has no trunk templates, so trunk requests are refused, naming the device type", () => {
    const d = nclu();
    expect(d.supportTrunkOnPorts).toBe(false);
    const refused = "Requested feature trunks is not supported by networking-generic-switch on the netmiko_cumulus switch cl4. Trunks are not supported on ports.";
    expect(() => d.plan("plugPortToNetwork", { port: "swp1", segmentationId: 33, trunkDetails: TRUNK })).toThrow(refused);
    expect(() => d.plan("deletePort", { port: "swp1", segmentationId: 33, trunkDetails: TRUNK })).toThrow(refused);
    expect(() => d.plan("addSubportsOnTrunk", { bindingProfile: {}, portId: "swp1", subports: TRUNK.sub_ports })).toThrow(refused);
  });

  it("bonds have their own templates", () => {
    const d = nclu({ ngs_port_default_vlan: "20", ngs_disable_inactive_ports: "true" });
    expect(nclu().plan("plugBondToNetwork", { bond: "bond1", segmentationId: 33 }).commands).toEqual(["net add bond bond1 bridge access 33"]);
    expect(nclu().plan("unplugBondFromNetwork", { bond: "bond1", segmentationId: 33 }).commands).toEqual([
      "net del bond bond1 bridge access 33",
    ]);
    expect(d.plan("plugBondToNetwork", { bond: "bond1", segmentationId: 33 }).commands).toEqual([
      "net del bond bond1 link down",
      "net del bond bond1 bridge access 20",
      "net add bond bond1 bridge access 33",
    ]);
    expect(d.plan("unplugBondFromNetwork", { bond: "bond1", segmentationId: 33 }).commands).toEqual([
      "net del bond bond1 bridge access 33",
      "net add vlan 20",
      "net add bond bond1 bridge access 20",
      "net add bond bond1 link down",
    ]);
  });

  it("error patterns, verbatim (docs/upstream.md#command-lists-per-device-type)", () => {
    expect(nclu().errorPatterns.map(String)).toEqual([
      "/ERROR: Command not found./",
      "/command not found/",
      "/is not a physical interface on this switch/",
    ]);
    expect(nvue().errorPatterns.map(String)).toEqual([
      "/Invalid config/",
      "/Config invalid at/",
      "/ERROR: Command not found./",
      "/command not found/",
      "/is not a physical interface on this switch/",
      "/Error: Invalid parameter/",
      "/Unable to restart services/",
      "/Failure during apply/",
    ]);
  });

  it("'net commit' always follows a change (it is NCLU's apply step)", () => {
    expect(nclu().plan("plugPortToNetwork", { port: "swp1", segmentationId: 33 }).save).toEqual(["net commit"]);
    expect(nclu({ ngs_save_configuration: "false" }).plan("plugPortToNetwork", { port: "swp1", segmentationId: 33 }).save).toEqual([
      "net commit",
    ]);
  });
});

describe("netmiko_cumulus_nvue command lists", () => {
  const unsetAll = (p: string) => [
    `nv unset interface ${p} bridge domain br_default access`,
    `nv unset interface ${p} bridge domain br_default untagged`,
    `nv unset interface ${p} bridge domain br_default vlan`,
  ];
  const plug = (p: string, v: number) => [
    `nv unset interface ${p} bridge domain br_default untagged`,
    `nv set interface ${p} bridge domain br_default access ${v}`,
  ];
  const tag = (p: string, v: number) => [
    `nv unset interface ${p} bridge domain br_default access`,
    `nv set interface ${p} bridge domain br_default vlan ${v}`,
  ];
  const untag = (p: string, v: number) => `nv unset interface ${p} bridge domain br_default vlan ${v}`;
  // A dry run shows the set as sent: NVUE's apply line closes every non-empty set.
  const applied = (lines: string[]) => [...lines, "nv config apply --assume-yes"];

  it("add/del network with ngs_trunk_ports", () => {
    const d = nvue({ ngs_trunk_ports: "swp48,swp49" });
    expect(d.plan("addNetwork", { segmentationId: 33, networkId: NET }).commands).toEqual(applied([
      "nv set bridge domain br_default vlan 33",
      ...tag("swp48", 33),
      ...tag("swp49", 33),
    ]));
    expect(d.plan("delNetwork", { segmentationId: 33, networkId: NET }).commands).toEqual(applied([
      untag("swp48", 33),
      untag("swp49", 33),
      "nv unset bridge domain br_default vlan 33",
    ]));
  });

  it("plug/unplug port: plain, default VLAN, disable_inactive_ports", () => {
    expect(nvue().plan("plugPortToNetwork", { port: "swp1", segmentationId: 33 }).commands).toEqual(applied(plug("swp1", 33)));
    expect(nvue().plan("deletePort", { port: "swp1", segmentationId: 33 }).commands).toEqual(applied(unsetAll("swp1")));
    expect(nvue().plan("plugPortToNetwork", { port: "swp1", segmentationId: 33, defaultVlan: 20 }).commands).toEqual(applied([
      ...unsetAll("swp1"),
      ...plug("swp1", 33),
    ]));
    expect(nvue({ ngs_port_default_vlan: "20" }).plan("deletePort", { port: "swp1", segmentationId: 33 }).commands).toEqual(applied([
      ...unsetAll("swp1"),
      "nv set bridge domain br_default vlan 20",
      ...plug("swp1", 20),
    ]));
    const d = nvue({ ngs_disable_inactive_ports: "true" });
    expect(d.plan("plugPortToNetwork", { port: "swp1", segmentationId: 33 }).commands).toEqual(applied([
      "nv set interface swp1 link state up",
      ...plug("swp1", 33),
    ]));
    expect(d.plan("deletePort", { port: "swp1", segmentationId: 33 }).commands).toEqual(applied([
      ...unsetAll("swp1"),
      "nv set interface swp1 link state down",
    ]));
  });

  it("trunk details: native VLAN plus tagged subports, and back", () => {
    const d = nvue();
    expect(d.plan("plugPortToNetwork", { port: "swp1", segmentationId: 33, trunkDetails: TRUNK }).commands).toEqual(applied([
      "nv unset interface swp1 bridge domain br_default access",
      "nv set interface swp1 bridge domain br_default untagged 33",
      "nv set interface swp1 bridge domain br_default vlan 33",
      ...tag("swp1", 101),
      ...tag("swp1", 102),
    ]));
    expect(d.plan("deletePort", { port: "swp1", segmentationId: 33, trunkDetails: TRUNK }).commands).toEqual(applied([
      ...unsetAll("swp1"),
      "nv unset interface swp1 bridge domain br_default untagged 33",
      "nv unset interface swp1 bridge domain br_default vlan 33",
      untag("swp1", 101),
      untag("swp1", 102),
    ]));
  });

  it("bonds fall back to the port templates; 802.3ad subports use the bond-trunk templates", () => {
    const d = nvue();
    expect(d.plan("plugBondToNetwork", { bond: "bond1", segmentationId: 33 }).commands).toEqual(applied(plug("bond1", 33)));
    expect(d.plan("unplugBondFromNetwork", { bond: "bond1", segmentationId: 33 }).commands).toEqual(applied(unsetAll("bond1")));
    const subports = TRUNK.sub_ports;
    expect(d.plan("addSubportsOnTrunk", { bindingProfile: LACP, portId: "bond1", subports }).commands).toEqual(applied([
      ...tag("bond1", 101),
      ...tag("bond1", 102),
    ]));
    expect(d.plan("delSubportsOnTrunk", { bindingProfile: LACP, portId: "bond1", subports }).commands).toEqual(applied([
      untag("bond1", 101),
      untag("bond1", 102),
    ]));
    expect(d.plan("addSubportsOnTrunk", { bindingProfile: {}, portId: "swp1", subports }).commands).toEqual(applied([
      ...tag("swp1", 101),
      ...tag("swp1", 102),
    ]));
    expect(d.supportTrunkOnBondPorts).toBe(true);
  });

  it("the dry run ends each set with the apply line it sends; nothing to do shows nothing", () => {
    expect(NVUE_APPLY).toBe("nv config apply --assume-yes");
    const p = nvue().plan("plugPortToNetwork", { port: "swp1", segmentationId: 33 });
    expect(p.commands.at(-1)).toBe("nv config apply --assume-yes");
    expect(p.save).toEqual(["nv config save"]);
    const unmanaged = nvue({ ngs_manage_vlans: "false" }).plan("addNetwork", { segmentationId: 33, networkId: NET });
    expect(unmanaged.commands).toEqual([]);
    expect(unmanaged.save).toEqual([]);
  });

  it("bond native-VLAN templates, verbatim (upstream's; unused while NVUE has no PLUG_BOND, as upstream)", () => {
    expect(NVUE_TEMPLATES.SET_NATIVE_VLAN_BOND).toEqual([
      "nv unset interface {bond} bridge domain br_default access",
      "nv set interface {bond} bridge domain br_default untagged {segmentation_id}",
      "nv set interface {bond} bridge domain br_default vlan {segmentation_id}",
    ]);
    expect(NVUE_TEMPLATES.DELETE_NATIVE_VLAN_BOND).toEqual([
      "nv unset interface {bond} bridge domain br_default untagged {segmentation_id}",
      "nv unset interface {bond} bridge domain br_default vlan {segmentation_id}",
    ]);
  });

  it("save is 'nv config save' and honours ngs_save_configuration", () => {
    expect(nvue().plan("plugPortToNetwork", { port: "swp1", segmentationId: 33 }).save).toEqual(["nv config save"]);
    expect(nvue({ ngs_save_configuration: "false" }).plan("plugPortToNetwork", { port: "swp1", segmentationId: 33 }).save).toEqual([]);
  });

  it("port names reach a shell: metacharacters, blanks and a leading '-' are refused", () => {
    for (const d of [nvue(), nclu()]) {
      for (const bad of ["swp1; reboot", "swp1 swp2", "-swp1", "swp1$(id)", "swp1`id`", "swp1\nreboot", "swp1>x"]) {
        expect(() => d.plan("plugPortToNetwork", { port: bad, segmentationId: 33 })).toThrow(GenericSwitchInvalidValue);
      }
    }
    // A bad trunk port is refused when the switch is built, before any operation.
    expect(() => nvue({ ngs_trunk_ports: "swp48;reboot" })).toThrow(/ngs_trunk_ports: Invalid ngs_trunk_ports entry "swp48;reboot"/);
  });
});

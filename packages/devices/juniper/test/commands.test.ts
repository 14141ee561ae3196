import { describe, expect, it } from "vitest";
import { createLogger, GenericSwitchConfigException, GenericSwitchInvalidValue } from "@ngs/core";
import Juniper from "@ngs/device-juniper/junos";
import { JUNOS_RETRYABLE_COMMIT_ERRORS } from "@ngs/device-juniper";
import { HEX, LACP, NET, TRUNK } from "@ngs/test-utils";

function junos(extra: Record<string, string> = {}): Juniper {
  return new Juniper({ device_type: "netmiko_juniper", ip: "192.0.2.10", username: "ngs", password: "pw", ...extra }, "junos1", {
    logger: createLogger({ level: "silent" }),
  });
}

const DEL_MEMBERS = "delete interfaces ge-0/0/1 unit 0 family ethernet-switching vlan members";
const member = (vlan: number, port = "ge-0/0/1") => `set interfaces ${port} unit 0 family ethernet-switching vlan members ${vlan}`;
const unmember = (vlan: number, port = "ge-0/0/1") => `delete interfaces ${port} unit 0 family ethernet-switching vlan members ${vlan}`;

describe("netmiko_juniper command lists", () => {
  it("add/del network: the VLAN is named after the dashless network id", () => {
    const d = junos();
    expect(d.plan("addNetwork", { segmentationId: 33, networkId: NET }).commands).toEqual([`set vlans ${HEX} vlan-id 33`]);
    expect(d.plan("delNetwork", { segmentationId: 33, networkId: NET }).commands).toEqual([`delete vlans ${HEX}`]);
  });

  it("add/del network tag and untag ngs_trunk_ports (untag before the VLAN goes)", () => {
    const d = junos({ ngs_trunk_ports: "xe-0/0/48, xe-0/0/49" });
    expect(d.plan("addNetwork", { segmentationId: 33, networkId: NET }).commands).toEqual([
      `set vlans ${HEX} vlan-id 33`,
      member(33, "xe-0/0/48"),
      member(33, "xe-0/0/49"),
    ]);
    expect(d.plan("delNetwork", { segmentationId: 33, networkId: NET }).commands).toEqual([
      unmember(33, "xe-0/0/48"),
      unmember(33, "xe-0/0/49"),
      `delete vlans ${HEX}`,
    ]);
  });

  it("ngs_network_name_format shapes the VLAN name", () => {
    const d = junos({ ngs_network_name_format: "os-{segmentation_id}-{network_id}" });
    expect(d.plan("addNetwork", { segmentationId: 33, networkId: NET }).commands).toEqual([`set vlans os-33-${HEX} vlan-id 33`]);
    expect(d.plan("delNetwork", { segmentationId: 33, networkId: NET }).commands).toEqual([`delete vlans os-33-${HEX}`]);
  });

  it("ngs_manage_vlans=false: add/del network send nothing", () => {
    const d = junos({ ngs_manage_vlans: "false", ngs_trunk_ports: "xe-0/0/48" });
    expect(d.plan("addNetwork", { segmentationId: 33, networkId: NET }).commands).toEqual([]);
    expect(d.plan("delNetwork", { segmentationId: 33, networkId: NET }).commands).toEqual([]);
  });

  it("plug port: clear the members, then set the one VLAN", () => {
    expect(junos().plan("plugPortToNetwork", { port: "ge-0/0/1", segmentationId: 33 }).commands).toEqual([DEL_MEMBERS, member(33)]);
  });

  it("plug port with a default VLAN (per call or ngs_port_default_vlan) leaves it first", () => {
    const expected = [DEL_MEMBERS, DEL_MEMBERS, member(33)];
    expect(junos().plan("plugPortToNetwork", { port: "ge-0/0/1", segmentationId: 33, defaultVlan: 20 }).commands).toEqual(expected);
    expect(junos({ ngs_port_default_vlan: "20" }).plan("plugPortToNetwork", { port: "ge-0/0/1", segmentationId: 33 }).commands).toEqual(expected);
  });

  it("plug/unplug with ngs_disable_inactive_ports enables first and disables last", () => {
    const d = junos({ ngs_disable_inactive_ports: "true" });
    expect(d.plan("plugPortToNetwork", { port: "ge-0/0/1", segmentationId: 33 }).commands).toEqual([
      "delete interfaces ge-0/0/1 disable",
      DEL_MEMBERS,
      member(33),
    ]);
    expect(d.plan("deletePort", { port: "ge-0/0/1", segmentationId: 33 }).commands).toEqual([DEL_MEMBERS, "set interfaces ge-0/0/1 disable"]);
  });

  it("plug/unplug with trunk details tag the subport VLANs (Junos has no native-VLAN template)", () => {
    const d = junos();
    expect(d.plan("plugPortToNetwork", { port: "ge-0/0/1", segmentationId: 33, trunkDetails: TRUNK }).commands).toEqual([
      member(101),
      member(102),
    ]);
    expect(d.plan("deletePort", { port: "ge-0/0/1", segmentationId: 33, trunkDetails: TRUNK }).commands).toEqual([
      DEL_MEMBERS,
      unmember(101),
      unmember(102),
    ]);
  });

  it("unplug port: plain, and restoring the default VLAN", () => {
    const d = junos();
    expect(d.plan("deletePort", { port: "ge-0/0/1", segmentationId: 33 }).commands).toEqual([DEL_MEMBERS]);
    expect(d.plan("deletePort", { port: "ge-0/0/1", segmentationId: 33, defaultVlan: 20 }).commands).toEqual([
      DEL_MEMBERS,
      "set vlans 20 vlan-id 20",
      DEL_MEMBERS,
      member(20),
    ]);
  });

  it("bonds use the port templates (Junos has no bond templates)", () => {
    const d = junos();
    expect(d.plan("plugBondToNetwork", { bond: "ae0", segmentationId: 33 }).commands).toEqual([
      "delete interfaces ae0 unit 0 family ethernet-switching vlan members",
      member(33, "ae0"),
    ]);
    expect(d.plan("unplugBondFromNetwork", { bond: "ae0", segmentationId: 33 }).commands).toEqual([
      "delete interfaces ae0 unit 0 family ethernet-switching vlan members",
    ]);
  });

  it("add/del subports on a trunk port; an 802.3ad bond has no bond-trunk template", () => {
    const d = junos();
    const subports = TRUNK.sub_ports;
    expect(d.plan("addSubportsOnTrunk", { bindingProfile: {}, portId: "ge-0/0/1", subports }).commands).toEqual([member(101), member(102)]);
    expect(d.plan("delSubportsOnTrunk", { bindingProfile: {}, portId: "ge-0/0/1", subports }).commands).toEqual([
      unmember(101),
      unmember(102),
    ]);
    expect(() => d.plan("addSubportsOnTrunk", { bindingProfile: LACP, portId: "ae0", subports })).toThrow(
      "on the netmiko_juniper switch junos1. Trunks are not supported on bond ports.",
    );
    expect(d.supportTrunkOnPorts).toBe(true);
    expect(d.supportTrunkOnBondPorts).toBe(false);
  });

  it("commit always follows a change, even with ngs_save_configuration=false", () => {
    expect(junos().plan("plugPortToNetwork", { port: "ge-0/0/1", segmentationId: 33 }).save).toEqual(["commit"]);
    expect(junos({ ngs_save_configuration: "false" }).plan("plugPortToNetwork", { port: "ge-0/0/1", segmentationId: 33 }).save).toEqual([
      "commit",
    ]);
  });

  it("commit failures retried: the three answers of docs/upstream.md#config-mode-and-apply, verbatim", () => {
    expect(JUNOS_RETRYABLE_COMMIT_ERRORS).toEqual([
      "error: configuration database locked",
      "warning: statement does not exist",
      "warning: statement already exists",
    ]);
  });

  it("ngs_commit_timeout / ngs_commit_interval are known options with upstream defaults; bad values are refused", () => {
    expect(junos().commitTimeoutS).toBe(60);
    expect(junos().commitIntervalS).toBe(5);
    const d = junos({ ngs_commit_timeout: "30", ngs_commit_interval: "0.5" });
    expect([d.commitTimeoutS, d.commitIntervalS]).toEqual([30, 0.5]);
    expect(() => junos({ ngs_commit_timeout: "soon" })).toThrow(GenericSwitchConfigException);
    expect(() => junos({ ngs_commit_interval: "-1" })).toThrow(/ngs_commit_interval/);
  });

  it("a port name with CLI metacharacters is refused before anything is composed", () => {
    const d = junos();
    for (const bad of ["ge-0/0/1\nrollback 1", "ge-0/0/1; delete", "ge-0/0/1 | x", ""]) {
      expect(() => d.plan("plugPortToNetwork", { port: bad, segmentationId: 33 })).toThrow(GenericSwitchInvalidValue);
    }
    expect(() => d.plan("plugPortToNetwork", { port: "ge-0/0/1", segmentationId: 4095 })).toThrow(GenericSwitchInvalidValue);
  });
});

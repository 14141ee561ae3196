import { describe, expect, it } from "vitest";
import { createLogger, GenericSwitchNotSupported } from "@ngs/core";
import NokiaSrl from "@ngs/device-nokia/srl";
import { HEX, NET } from "@ngs/test-utils";

const TRUNK = { sub_ports: [{ segmentation_id: 101 }] };
const quiet = { logger: createLogger({ level: "silent" }) };
const srl = (extra: Record<string, string> = {}) =>
  new NokiaSrl({ device_type: "netmiko_nokia_srl", ip: "192.0.2.40", username: "admin", password: "pw", ...extra }, "srl1", quiet);

const addNetwork = (v: number, name: string) => [
  `set tunnel-interface vxlan0 vxlan-interface ${v} type bridged`,
  `set tunnel-interface vxlan0 vxlan-interface ${v} ingress vni ${v}`,
  `set tunnel-interface vxlan0 vxlan-interface ${v} egress source-ip use-system-ipv4-address`,
  `set network-instance mac-vrf-${v} type mac-vrf`,
  `set network-instance mac-vrf-${v} description OS-Network-ID-${name}`,
  `set network-instance mac-vrf-${v} vxlan-interface vxlan0.${v}`,
  `set network-instance mac-vrf-${v} protocols bgp-evpn bgp-instance 1 vxlan-interface vxlan0.${v}`,
  `set network-instance mac-vrf-${v} protocols bgp-evpn bgp-instance 1 evi ${v}`,
  `set network-instance mac-vrf-${v} protocols bgp-evpn bgp-instance 1 ecmp 8`,
  `set network-instance mac-vrf-${v} protocols bgp-vpn bgp-instance 1 route-target export-rt target:1:${v}`,
  `set network-instance mac-vrf-${v} protocols bgp-vpn bgp-instance 1 route-target import-rt target:1:${v}`,
];
const plug = (p: string, v: number) => [
  `set interface ${p} subinterface ${v} type bridged`,
  `set network-instance mac-vrf-${v} interface ${p}.${v}`,
];
const unplug = (p: string, v: number) => [
  `delete network-instance mac-vrf-${v} interface ${p}.${v}`,
  `delete interface ${p} subinterface ${v}`,
];

describe("netmiko_nokia_srl command lists", () => {
  it("add network: a mac-vrf and vxlan0 interface per VLAN, described with the network name", () => {
    expect(srl().plan("addNetwork", { segmentationId: 33, networkId: NET }).commands).toEqual(addNetwork(33, HEX));
    expect(srl({ ngs_network_name_format: "{segmentation_id}-{network_id}" }).plan("addNetwork", { segmentationId: 33, networkId: NET }).commands).toEqual(
      addNetwork(33, `33-${HEX}`),
    );
  });

  it("del network; ngs_trunk_ports adds nothing (no trunk templates)", () => {
    expect(srl({ ngs_trunk_ports: "ethernet-1/48" }).plan("delNetwork", { segmentationId: 33, networkId: NET }).commands).toEqual([
      "delete network-instance mac-vrf-33",
      "delete tunnel-interface vxlan0 vxlan-interface 33",
    ]);
  });

  it("plug/unplug port: plain, with a default VLAN, disable_inactive_ports has no templates", () => {
    expect(srl().plan("plugPortToNetwork", { port: "ethernet-1/1", segmentationId: 33 }).commands).toEqual(plug("ethernet-1/1", 33));
    expect(srl().plan("deletePort", { port: "ethernet-1/1", segmentationId: 33 }).commands).toEqual(unplug("ethernet-1/1", 33));
    const d = srl({ ngs_port_default_vlan: "20", ngs_disable_inactive_ports: "true" });
    expect(d.plan("plugPortToNetwork", { port: "ethernet-1/1", segmentationId: 33 }).commands).toEqual([
      ...unplug("ethernet-1/1", 20),
      ...plug("ethernet-1/1", 33),
    ]);
    expect(d.plan("deletePort", { port: "ethernet-1/1", segmentationId: 33 }).commands).toEqual([
      ...unplug("ethernet-1/1", 33),
      ...addNetwork(20, "20"),
      ...plug("ethernet-1/1", 20),
    ]);
  });

  it("trunks and bonds: no trunk templates, bonds use the port templates", () => {
    const d = srl();
    expect(d.supportTrunkOnPorts).toBe(false);
    expect(() => d.plan("plugPortToNetwork", { port: "ethernet-1/1", segmentationId: 33, trunkDetails: TRUNK })).toThrow(GenericSwitchNotSupported);
    expect(() => d.plan("addSubportsOnTrunk", { bindingProfile: {}, portId: "ethernet-1/1", subports: TRUNK.sub_ports })).toThrow(
      "on the netmiko_nokia_srl switch srl1. Trunks are not supported on ports.",
    );
    expect(d.plan("plugBondToNetwork", { bond: "lag1", segmentationId: 33 }).commands).toEqual(plug("lag1", 33));
    expect(d.plan("unplugBondFromNetwork", { bond: "lag1", segmentationId: 33 }).commands).toEqual(unplug("lag1", 33));
  });

  it("'commit stay' and 'save startup' always follow a change", () => {
    const expected = ["commit stay", "save startup"];
    expect(srl().plan("plugPortToNetwork", { port: "ethernet-1/1", segmentationId: 33 }).save).toEqual(expected);
    expect(srl({ ngs_save_configuration: "false" }).plan("plugPortToNetwork", { port: "ethernet-1/1", segmentationId: 33 }).save).toEqual(
      expected,
    );
  });
});

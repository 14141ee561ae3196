// Arista EOS L2VNI (upstream's templates): the command lists and the show-output parsers.
import { describe, expect, test } from "vitest";
import { GenericSwitchConfigException, GenericSwitchNetmikoConfigError } from "@ngs/core";
import AristaEos, { eosVlanHasPorts, eosVlanHasVni } from "@ngs/device-arista/eos";
import { build } from "@ngs/vendor-testkit";

describe("netmiko_arista_eos plug/unplug VNI", () => {
  test("route targets auto (default), ingress replication", () => {
    const d = build(AristaEos, "netmiko_arista_eos", { ngs_bgp_asn: "65000" });
    expect(d.plan("plugSwitchToNetwork", { vni: 5000, segmentationId: 100 }).commands).toEqual([
      "vlan 100",
      "exit",
      "router bgp 65000",
      "vlan 100",
      "rd auto",
      "redistribute learned",
      "route-target export auto 65000",
      "route-target import auto 65000",
      "interface Vxlan1",
      "vxlan vlan 100 vni 5000",
    ]);
    expect(d.plan("unplugSwitchFromNetwork", { vni: 5000, segmentationId: 100 }).commands).toEqual([
      "interface Vxlan1",
      "no vxlan vlan 100 vni 5000",
      "router bgp 65000",
      "no vlan 100",
    ]);
  });

  test("explicit route target, multicast flooding, the deprecated vxlan_interface key", () => {
    const d = build(AristaEos, "netmiko_arista_eos", {
      ngs_bgp_asn: "65000",
      ngs_evpn_route_target: "65000:5000",
      ngs_bum_replication_mode: "multicast",
      ngs_mcast_group_base: "239.0.0.0",
      vxlan_interface: "Vxlan2",
    });
    expect(d.plan("plugSwitchToNetwork", { vni: 5000, segmentationId: 100 }).commands.slice(6)).toEqual([
      "route-target both 65000:5000",
      "interface Vxlan2",
      "vxlan vlan 100 vni 5000",
      "interface Vxlan2",
      "vxlan vlan 100 flood vtep 239.0.0.136",
    ]);
    expect(d.plan("unplugSwitchFromNetwork", { vni: 5000, segmentationId: 100 }).commands.slice(0, 2)).toEqual([
      "interface Vxlan2",
      "no vxlan vlan 100 flood vtep",
    ]);
  });

  test("multicast flooding without a map entry or base is a config error naming both options", () => {
    const d = build(AristaEos, "netmiko_arista_eos", { ngs_bgp_asn: "65000", ngs_bum_replication_mode: "multicast" });
    const plug = () => d.plan("plugSwitchToNetwork", { vni: 5000, segmentationId: 100 });
    expect(plug).toThrow(GenericSwitchNetmikoConfigError);
    expect(plug).toThrow(/VNI 5000 not found in ngs_mcast_group_map and ngs_mcast_group_base not configured/);
  });

  test("L2VNI needs ngs_bgp_asn; ports and networks do not", () => {
    const d = build(AristaEos, "netmiko_arista_eos");
    expect(d.plan("plugPortToNetwork", { port: "Ethernet1", segmentationId: 3 }).commands).toHaveLength(3);
    expect(() => d.plan("plugSwitchToNetwork", { vni: 5000, segmentationId: 100 })).toThrow(GenericSwitchConfigException);
    expect(() => d.plan("plugSwitchToNetwork", { vni: 5000, segmentationId: 100 })).toThrow(/ngs_bgp_asn/);
  });
});

describe("show output parsing", () => {
  const header = "VLAN  Name                             Status    Ports\n----- -------------------------------- --------- -------------------------------\n";
  test.each([
    [`${header}100   VLAN0100                         active    Et1, Et2\n`, true],
    [`${header}100   VLAN0100                         active    Vx1\n`, false],
    [`${header}100   VLAN0100                         active    \n`, false],
  ])("configured-ports %#", (out, has) => {
    expect(eosVlanHasPorts(out, 100)).toBe(has);
  });
  test("Static VLAN to VNI mapping", () => {
    const out = "Vxlan1 is up, line protocol is up (connected)\n  Static VLAN to VNI mapping is [100, 5000] [200, 6000]    \n";
    expect(eosVlanHasVni(out, 100, 5000)).toBe(true);
    expect(eosVlanHasVni(out, 200, 6000)).toBe(true);
    expect(eosVlanHasVni(out, 100, 6000)).toBe(false);
    expect(eosVlanHasVni("Vxlan1 is up\n", 100, 5000)).toBe(false);
  });
});

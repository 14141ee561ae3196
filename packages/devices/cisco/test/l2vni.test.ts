// NX-OS L2VNI (upstream's templates): the command lists and the show-output parsers.
import { describe, expect, test } from "vitest";
import { GenericSwitchNetmikoConfigError } from "@ngs/core";
import CiscoNxos, { nxosVlanHasPorts } from "@ngs/device-cisco/nxos";
import CiscoIos from "@ngs/device-cisco/ios";
import { build } from "@ngs/vendor-testkit";

describe("netmiko_cisco_nxos plug/unplug VNI", () => {
  test("ingress replication (default)", () => {
    const d = build(CiscoNxos, "netmiko_cisco_nxos");
    expect(d.supportsL2vni).toBe(true);
    expect(d.plan("plugSwitchToNetwork", { vni: 5000, segmentationId: 100 })).toMatchObject({
      operation: "plug vni",
      commands: [
        "evpn",
        "vni 5000 l2",
        "rd auto",
        "route-target both auto",
        "exit",
        "vlan 100",
        "vn-segment 5000",
        "exit",
        "interface nve1",
        "member vni 5000",
        "ingress-replication protocol bgp",
        "suppress-arp",
        "exit",
      ],
    });
    expect(d.plan("unplugSwitchFromNetwork", { vni: 5000, segmentationId: 100 })).toMatchObject({
      operation: "unplug vni",
      commands: ["interface nve1", "no member vni 5000", "exit", "vlan 100", "no vn-segment", "exit", "evpn", "no vni 5000", "exit"],
    });
  });

  test("multicast: the group from ngs_mcast_group_map, else base + VNI % 256; ngs_nve_interface", () => {
    const d = build(CiscoNxos, "netmiko_cisco_nxos", {
      ngs_bum_replication_mode: "multicast",
      ngs_mcast_group_map: "5000:239.1.1.100, bad:entry, 6000:10.0.0.1",
      ngs_mcast_group_base: "239.2.0.0",
      ngs_nve_interface: "nve2",
    });
    expect(d.plan("plugSwitchToNetwork", { vni: 5000, segmentationId: 100 }).commands.slice(-4)).toEqual([
      "interface nve2",
      "member vni 5000",
      "mcast-group 239.1.1.100",
      "exit",
    ]);
    // 6000's map entry is not multicast, so it is skipped and the base applies: 6000 % 256 = 112.
    expect(d.plan("plugSwitchToNetwork", { vni: 6000, segmentationId: 101 }).commands.slice(-2)).toEqual(["mcast-group 239.2.0.112", "exit"]);
  });

  test("multicast without a map entry or base is a config error", () => {
    const d = build(CiscoNxos, "netmiko_cisco_nxos", { ngs_bum_replication_mode: "multicast" });
    expect(() => d.plan("plugSwitchToNetwork", { vni: 5000, segmentationId: 100 })).toThrow(GenericSwitchNetmikoConfigError);
    expect(() => d.plan("plugSwitchToNetwork", { vni: 5000, segmentationId: 100 })).toThrow(
      /VNI 5000 not found in ngs_mcast_group_map and ngs_mcast_group_base not configured/,
    );
  });

  test("VNIs are validated", () => {
    const d = build(CiscoNxos, "netmiko_cisco_nxos");
    expect(() => d.plan("plugSwitchToNetwork", { vni: 0, segmentationId: 100 })).toThrow(/VNI/);
    expect(() => d.plan("plugSwitchToNetwork", { vni: 16_777_216, segmentationId: 100 })).toThrow(/VNI/);
  });

  test("a vendor without L2VNI sends nothing", async () => {
    const ios = build(CiscoIos, "netmiko_cisco_ios");
    expect(ios.supportsL2vni).toBe(false);
    expect(ios.plan("plugSwitchToNetwork", { vni: 5000, segmentationId: 100 }).commands).toEqual([]);
    await expect(ios.plugSwitchToNetwork(5000, 100)).resolves.toBe("");
  });
});

describe("show vlan id parsing", () => {
  const header = "\nVLAN Name                             Status    Ports\n---- -------------------------------- --------- -------------------------------\n";
  test.each([
    [`${header}100  VLAN0100                         active    Eth1/1, Eth1/2\n`, true],
    [`${header}100  VLAN0100                         active    \n`, false],
    [`${header}100  VLAN0100                         active    \n                                                Eth1/3\n`, true],
    ["VLAN 100 not found in current VLAN database\n", false],
  ])("%#", (out, has) => {
    expect(nxosVlanHasPorts(out, 100)).toBe(has);
  });
});

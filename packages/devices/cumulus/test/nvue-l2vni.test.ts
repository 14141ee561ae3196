import { afterEach, describe, expect, it } from "vitest";
import { startSwitch, type SimSwitch } from "@ngs/switch-sim";
import { createLogger, GenericSwitchConfigException, GenericSwitchInvalidValue, GenericSwitchNetmikoConfigError } from "@ngs/core";
import CumulusNvue from "@ngs/device-cumulus/nvue";
import { nvueVlanHasPorts, nvueVniOf } from "@ngs/device-cumulus";

const quiet = { logger: createLogger({ level: "silent" }) };
const nvue = (extra: Record<string, string> = {}) =>
  new CumulusNvue({ device_type: "netmiko_cumulus_nvue", ip: "192.0.2.20", username: "cumulus", password: "pw", ...extra }, "cl5", quiet);
const MAP = "nv set bridge domain br_default vlan 100 vni 5000";
/** A dry-run set ends with the apply line that is sent with it; the lines before it. */
const body = (cmds: string[]) => {
  expect(cmds.at(-1)).toBe("nv config apply --assume-yes");
  return cmds.slice(0, -1);
};
const plug = (d: CumulusNvue, physnet?: string) => body(d.plan("plugSwitchToNetwork", { vni: 5000, segmentationId: 100, physnet }).commands);
const unplug = (d: CumulusNvue) => body(d.plan("unplugSwitchFromNetwork", { vni: 5000, segmentationId: 100 }).commands);

describe("netmiko_cumulus_nvue L2VNI command lists", () => {
  it("default: map the VLAN to the VNI with EVPN ingress replication; unplug removes the map", () => {
    const d = nvue();
    expect(d.supportsL2vni).toBe(true);
    expect(plug(d)).toEqual([MAP, `${MAP} flooding head-end-replication evpn`]);
    expect(unplug(d)).toEqual(["nv unset bridge domain br_default vlan 100 vni"]);
  });

  it("ngs_evpn_vni_config adds the VNI to FRR's BGP EVPN (and needs ngs_bgp_asn)", () => {
    const d = nvue({ ngs_evpn_vni_config: "true", ngs_bgp_asn: "65000" });
    expect(plug(d)).toEqual([
      'vtysh -c "configure terminal" -c "router bgp 65000" -c "address-family l2vpn evpn" -c "vni 5000" -c "rd auto" -c "route-target import auto" -c "route-target export auto"',
      MAP,
      `${MAP} flooding head-end-replication evpn`,
    ]);
    expect(unplug(d)).toEqual([
      "nv unset bridge domain br_default vlan 100 vni",
      'vtysh -c "configure terminal" -c "router bgp 65000" -c "address-family l2vpn evpn" -c "no vni 5000"',
    ]);
    expect(() => plug(nvue({ ngs_evpn_vni_config: "true" }))).toThrow(GenericSwitchNetmikoConfigError);
  });

  it("multicast replication: the group from ngs_mcast_group_map, else base + VNI % 256", () => {
    expect(plug(nvue({ ngs_bum_replication_mode: "multicast", ngs_mcast_group_base: "239.1.1.0" }))).toEqual([
      MAP,
      `${MAP} flooding multicast-group 239.1.1.136`,
    ]);
    expect(
      plug(nvue({ ngs_bum_replication_mode: "multicast", ngs_mcast_group_base: "239.1.1.0", ngs_mcast_group_map: "5000:239.9.9.9" })),
    ).toEqual([MAP, `${MAP} flooding multicast-group 239.9.9.9`]);
    expect(() => plug(nvue({ ngs_bum_replication_mode: "multicast" }))).toThrow(/VNI 5000 not found in ngs_mcast_group_map/);
  });

  it("head-end replication lists: per physnet, else global; the mode is the default when a list is set", () => {
    const d = nvue({ ngs_her_flood_list: "10.0.0.1, 10.0.0.2", ngs_physnet_her_flood: "physnet1:10.1.1.1;physnet2:10.2.2.1,10.2.2.2" });
    const her = (ip: string) => `nv set nve vxlan flooding head-end-replication ${ip}`;
    expect(plug(d)).toEqual([MAP, her("10.0.0.1"), her("10.0.0.2")]);
    expect(plug(d, "physnet2")).toEqual([MAP, her("10.2.2.1"), her("10.2.2.2")]);
    expect(plug(d, "physnet9")).toEqual([MAP, her("10.0.0.1"), her("10.0.0.2")]);
  });

  it("bad VXLAN options are refused at start-up, bad VNIs before anything is sent", () => {
    expect(() => nvue({ ngs_bum_replication_mode: "flood-everything" })).toThrow(GenericSwitchConfigException);
    expect(() => nvue({ ngs_her_flood_list: "10.0.0.1; reboot" })).toThrow(/ngs_her_flood_list/);
    expect(() => nvue({ ngs_physnet_her_flood: "10.0.0.1" })).toThrow(/ngs_physnet_her_flood/);
    expect(() => nvue({ ngs_bgp_asn: "65000; id" })).toThrow(/ngs_bgp_asn/);
    expect(() => nvue().plan("plugSwitchToNetwork", { vni: "5000; id", segmentationId: 100 })).toThrow(GenericSwitchInvalidValue);
  });

  it("parses NVUE's JSON answers", () => {
    expect(nvueVlanHasPorts('{"port": {"swp1": {}}, "vni": {}}')).toBe(true);
    expect(nvueVlanHasPorts('{"port": {}}')).toBe(false);
    expect(nvueVlanHasPorts("Error: The requested item does not exist.")).toBe(false);
    const map = '{"br_default": {"vlan-vni-map": {"100": {"vni": 5000}, "200": {"vni": 6000}}}}';
    expect(nvueVniOf(map, 100)).toBe(5000);
    expect(nvueVniOf(map, 300)).toBeUndefined();
  });
});

describe("netmiko_cumulus_nvue L2VNI against the simulator", () => {
  let sim: SimSwitch | undefined;
  afterEach(async () => {
    await sim?.close();
  });

  it("plug/unplug switch to network are applied; vlanHasPorts reads the switch, never through sudo", async () => {
    sim = await startSwitch({ platform: "cumulus_nvue", username: "cumulus", password: "cl-pw", ports: ["swp1"] });
    const d = new CumulusNvue(
      { device_type: "netmiko_cumulus_nvue", ip: sim.host, port: String(sim.port), username: "cumulus", password: "cl-pw" },
      "cl5",
      quiet,
    );
    await d.addNetwork(100, "0ae071f5-5be9-43e4-80ea-e41fefe85b21");
    expect(await d.vlanHasPorts(100)).toBe(false);
    await d.plugPortToNetwork("swp1", 100);
    expect(await d.vlanHasPorts(100)).toBe(true);

    await d.plugSwitchToNetwork(5000, 100);
    expect(sim.commandLog).toContain(MAP);
    await d.unplugSwitchFromNetwork(5000, 100);
    expect(sim.commandLog).toContain("nv unset bridge domain br_default vlan 100 vni");
    expect(sim.commandLog.some((c) => c.startsWith("sudo"))).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { createLogger, GenericSwitchConfigException, GenericSwitchInvalidValue } from "@ngs/core";
import OvsLinux from "@ngs/device-ovs/ovs-linux";
import { OVS_TEMPLATES, parsePortTags, parseVniMapping } from "@ngs/device-ovs";
import { NET, TRUNK } from "@ngs/test-utils";

const LACP = { local_group_information: { bond_mode: "4" } };
const quiet = { logger: createLogger({ level: "silent" }) };
const ovs = (extra: Record<string, string> = {}) =>
  new OvsLinux({ device_type: "netmiko_ovs_linux", ip: "::1", username: "ngs", key_file: "/k", ...extra }, "ovs1", quiet);

const plug = (p: string, v: number) => [`ovs-vsctl set port ${p} vlan_mode=access`, `ovs-vsctl set port ${p} tag=${v}`];
const clear = (p: string) => [`ovs-vsctl clear port ${p} tag`, `ovs-vsctl clear port ${p} trunks`, `ovs-vsctl clear port ${p} vlan_mode`];

describe("netmiko_ovs_linux command lists", () => {
  it("add/del network: OVS has no VLAN objects; only ngs_trunk_ports get the VLAN", () => {
    // Nothing to do is said as skipped (no silent "ok"), not refused.
    expect(ovs().plan("addNetwork", { segmentationId: 33, networkId: NET })).toMatchObject({
      commands: [],
      skipped: "netmiko_ovs_linux has no ADD_NETWORK commands",
    });
    const d = ovs({ ngs_trunk_ports: "uplink1, uplink2" });
    expect(d.plan("addNetwork", { segmentationId: 33, networkId: NET }).commands).toEqual([
      "ovs-vsctl add port uplink1 trunks 33",
      "ovs-vsctl add port uplink2 trunks 33",
    ]);
    expect(d.plan("addNetwork", { segmentationId: 33, networkId: NET }).skipped).toBeUndefined();
    expect(d.skipReason("addNetwork")).toBeUndefined();
    expect(d.plan("delNetwork", { segmentationId: 33, networkId: NET }).commands).toEqual([
      "ovs-vsctl remove port uplink1 trunks 33",
      "ovs-vsctl remove port uplink2 trunks 33",
    ]);
  });

  it("plug/unplug port: plain, default VLAN, disable_inactive_ports (no templates)", () => {
    expect(ovs().plan("plugPortToNetwork", { port: "p1", segmentationId: 33 }).commands).toEqual(plug("p1", 33));
    expect(ovs().plan("deletePort", { port: "p1", segmentationId: 33 }).commands).toEqual(clear("p1"));
    const d = ovs({ ngs_port_default_vlan: "20", ngs_disable_inactive_ports: "true" });
    expect(d.plan("plugPortToNetwork", { port: "p1", segmentationId: 33 }).commands).toEqual([...clear("p1"), ...plug("p1", 33)]);
    expect(d.plan("deletePort", { port: "p1", segmentationId: 33 }).commands).toEqual([...clear("p1"), ...plug("p1", 20)]);
  });

  it("trunk details: native-untagged parent VLAN plus trunked subports, and back", () => {
    const d = ovs();
    expect(d.plan("plugPortToNetwork", { port: "p1", segmentationId: 33, trunkDetails: TRUNK }).commands).toEqual([
      "ovs-vsctl set port p1 vlan_mode=native-untagged",
      "ovs-vsctl set port p1 tag=33",
      "ovs-vsctl add port p1 trunks 33",
      "ovs-vsctl add port p1 trunks 101",
      "ovs-vsctl add port p1 trunks 102",
    ]);
    expect(d.plan("deletePort", { port: "p1", segmentationId: 33, trunkDetails: TRUNK }).commands).toEqual([
      ...clear("p1"),
      "ovs-vsctl clear port p1 vlan_mode",
      "ovs-vsctl clear port p1 tag",
      "ovs-vsctl remove port p1 trunks 33",
      "ovs-vsctl remove port p1 trunks 101",
      "ovs-vsctl remove port p1 trunks 102",
    ]);
  });

  it("bonds use the port templates for plug/unplug and the bond-trunk templates for 802.3ad subports", () => {
    const d = ovs();
    expect(d.plan("plugBondToNetwork", { bond: "bond0", segmentationId: 33 }).commands).toEqual(plug("bond0", 33));
    expect(d.plan("unplugBondFromNetwork", { bond: "bond0", segmentationId: 33 }).commands).toEqual(clear("bond0"));
    const subports = TRUNK.sub_ports;
    expect(d.plan("addSubportsOnTrunk", { bindingProfile: LACP, portId: "bond0", subports }).commands).toEqual([
      "ovs-vsctl add port bond0 trunks 101",
      "ovs-vsctl add port bond0 trunks 102",
    ]);
    expect(d.plan("delSubportsOnTrunk", { bindingProfile: LACP, portId: "bond0", subports }).commands).toEqual([
      "ovs-vsctl remove port bond0 trunks 101",
      "ovs-vsctl remove port bond0 trunks 102",
    ]);
    expect(d.plan("addSubportsOnTrunk", { bindingProfile: {}, portId: "p1", subports }).commands).toEqual([
      "ovs-vsctl add port p1 trunks 101",
      "ovs-vsctl add port p1 trunks 102",
    ]);
    expect([d.supportTrunkOnPorts, d.supportTrunkOnBondPorts]).toEqual([true, true]);
  });

  it("no save step (OVSDB persists by itself)", () => {
    expect(ovs().plan("plugPortToNetwork", { port: "p1", segmentationId: 33 }).save).toEqual([]);
  });

  it("ngs_ovs_bridge is a known option (default genericswitch) and must be shell-safe", () => {
    expect(ovs().bridge).toBe("genericswitch");
    expect(ovs({ ngs_ovs_bridge: "brbm" }).bridge).toBe("brbm");
    expect(() => ovs({ ngs_ovs_bridge: "br;reboot" })).toThrow(GenericSwitchConfigException);
  });

  it("injection attempts in port, bond and trunk-port names are refused with the value named", () => {
    const d = ovs();
    const attempts = ["p1; touch /tmp/pwned", "p1 && id", "p1|id", "p1`id`", "$(id)", "p1\nid", "p1\rid", "p1 > /etc/x", "--help", 'p1"', "p1\u0000"];
    for (const port of attempts) {
      expect(() => d.plan("plugPortToNetwork", { port, segmentationId: 33 })).toThrow(GenericSwitchInvalidValue);
      expect(() => d.plan("plugBondToNetwork", { bond: port, segmentationId: 33 })).toThrow(GenericSwitchInvalidValue);
      expect(() => d.plan("addSubportsOnTrunk", { bindingProfile: {}, portId: port, subports: TRUNK.sub_ports })).toThrow(
        GenericSwitchInvalidValue,
      );
    }
    expect(() => d.plan("plugPortToNetwork", { port: "p1; touch /tmp/pwned", segmentationId: 33 })).toThrow(/p1; touch \/tmp\/pwned/);
    // A bad trunk port is refused when the switch is built, before any operation.
    expect(() => ovs({ ngs_trunk_ports: "up1;id" })).toThrow(/ngs_trunk_ports: Invalid ngs_trunk_ports entry "up1;id"/);
  });

  it("L2VNI parsers read ovs-vsctl's output; a bad VNI is refused before connecting", async () => {
    const list = "_uuid : 1\nname : p1\ntag : 100\ntrunks : []\n\n_uuid : 2\nname : p2\ntag : []\n";
    expect(parsePortTags(list)).toEqual([100]);
    expect(parseVniMapping('{"vni-5000"="100", vni-50="7"}', 5000)).toBe(100);
    expect(parseVniMapping('{"vni-5000"="100", vni-50="7"}', 50)).toBe(7);
    expect(parseVniMapping('{"vni-5000"="100"}', 500)).toBeUndefined();
    await expect(ovs().plugSwitchToNetwork("5000; id", 100)).rejects.toBeInstanceOf(GenericSwitchInvalidValue);
    await expect(ovs().plugSwitchToNetwork(16_777_216, 100)).rejects.toBeInstanceOf(GenericSwitchInvalidValue);
  });

  it("L2VNI plug/unplug keep the VNI map in ngs_ovs_bridge's external_ids", () => {
    const d = ovs({ ngs_ovs_bridge: "brbm" });
    expect(d.supportsL2vni).toBe(true);
    expect(d.plan("plugSwitchToNetwork", { vni: 5000, segmentationId: 100 }).commands).toEqual([
      "ovs-vsctl set bridge brbm external_ids:vni-5000=100",
    ]);
    expect(d.plan("unplugSwitchFromNetwork", { vni: "5000", segmentationId: 100 }).commands).toEqual([
      "ovs-vsctl remove bridge brbm external_ids vni-5000",
    ]);
  });

  it("bond native-VLAN templates, verbatim (upstream's; unused while OVS has no PLUG_BOND, as upstream)", () => {
    expect(OVS_TEMPLATES.SET_NATIVE_VLAN_BOND).toEqual([
      "ovs-vsctl set port {bond} vlan_mode=native-untagged",
      "ovs-vsctl set port {bond} tag={segmentation_id}",
      "ovs-vsctl add port {bond} trunks {segmentation_id}",
    ]);
    expect(OVS_TEMPLATES.DELETE_NATIVE_VLAN_BOND).toEqual([
      "ovs-vsctl clear port {bond} vlan_mode",
      "ovs-vsctl clear port {bond} tag",
      "ovs-vsctl remove port {bond} trunks {segmentation_id}",
    ]);
  });
});

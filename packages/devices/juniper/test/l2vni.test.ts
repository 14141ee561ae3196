import { afterEach, describe, expect, it } from "vitest";
import { startSwitch, type SimSwitch } from "@ngs/switch-sim";
import { createLogger, GenericSwitchConfigException, GenericSwitchNetmikoConfigError } from "@ngs/core";
import Juniper from "@ngs/device-juniper/junos";
import { parseShowVlans } from "@ngs/device-juniper";
import { HEX, NET } from "@ngs/test-utils";

const quiet = { logger: createLogger({ level: "silent" }) };
const junos = (extra: Record<string, string> = {}) =>
  new Juniper({ device_type: "netmiko_juniper", ip: "192.0.2.10", username: "ngs", password: "pw", ...extra }, "junos1", quiet);
const NAME = "<name of VLAN 100 from 'show vlans'>";

describe("netmiko_juniper L2VNI", () => {
  it("dry run: the VLAN name comes from `show vlans` (a query), then the vxlan statements", () => {
    const p = junos().plan("plugSwitchToNetwork", { vni: 5000, segmentationId: 100 });
    expect(p.queries).toEqual(["show vlans"]);
    expect(p.commands).toEqual([`set vlans ${NAME} vxlan vni 5000`]);
    expect(junos().plan("unplugSwitchFromNetwork", { vni: 5000, segmentationId: 100 }).commands).toEqual([`delete vlans ${NAME} vxlan vni`]);
  });

  it("multicast group and EVPN route target when configured", () => {
    const d = junos({ ngs_bum_replication_mode: "multicast", ngs_mcast_group_base: "239.0.0.0", ngs_evpn_vni_config: "true", ngs_bgp_asn: "65000" });
    expect(d.plan("plugSwitchToNetwork", { vni: 5000, segmentationId: 100 }).commands).toEqual([
      `set vlans ${NAME} vxlan vni 5000`,
      `set vlans ${NAME} vxlan multicast-group 239.0.0.136`,
      `set vlans ${NAME} vrf-target target:65000:5000`,
    ]);
    expect(d.plan("unplugSwitchFromNetwork", { vni: 5000, segmentationId: 100 }).commands).toEqual([
      `delete vlans ${NAME} vxlan vni`,
      `delete vlans ${NAME} vxlan multicast-group`,
      `delete vlans ${NAME} vrf-target`,
    ]);
    expect(() => junos({ ngs_bum_replication_mode: "multicast" }).plan("plugSwitchToNetwork", { vni: 5000, segmentationId: 100 })).toThrow(
      GenericSwitchNetmikoConfigError,
    );
    expect(() => junos({ ngs_evpn_vni_config: "maybe" })).toThrow(GenericSwitchConfigException);
    expect(() => junos({ ngs_evpn_vni_config: "true" }).plan("plugSwitchToNetwork", { vni: 5000, segmentationId: 100 })).toThrow(/ngs_bgp_asn/);
  });

  it("parses `show vlans`: names, tags, member interfaces and the VNI line", () => {
    const out = [
      "Routing instance        VLAN name             Tag          Interfaces",
      "default-switch          default               1",
      "                                                           ge-0/0/5.0",
      `default-switch          ${HEX}  100`,
      "                                                           ge-0/0/1.0*",
      "                                                           vtep.32769*",
      "                        VNI: 5000",
      "default-switch          v200                  200",
      "",
    ].join("\n");
    expect(parseShowVlans(out)).toEqual([
      { name: "default", tag: 1, interfaces: ["ge-0/0/5.0"] },
      { name: HEX, tag: 100, interfaces: ["ge-0/0/1.0", "vtep.32769"], vni: 5000 },
      { name: "v200", tag: 200, interfaces: [] },
    ]);
  });
});

describe("netmiko_juniper L2VNI against the simulated switch", () => {
  let sim: SimSwitch | undefined;
  afterEach(async () => {
    await sim?.close();
  });

  it("maps the VNI on the VLAN named after the network; an unknown VLAN is a config error", async () => {
    sim = await startSwitch({ platform: "juniper", username: "ngs", password: "pw", ports: ["ge-0/0/1"] });
    // The default name format: the VLAN is named by the 32-character dashless network id.
    const d = new Juniper({ device_type: "netmiko_juniper", ip: sim.host, port: String(sim.port), username: "ngs", password: "pw" }, "junos1", quiet);
    await d.addNetwork(100, NET);
    expect(await d.vlanHasPorts(100)).toBe(false);
    await d.plugPortToNetwork("ge-0/0/1", 100);
    expect(await d.vlanHasPorts(100)).toBe(true);

    await d.plugSwitchToNetwork(5000, 100);
    expect(sim.commandLog).toContain(`set vlans ${HEX} vxlan vni 5000`);
    await d.unplugSwitchFromNetwork(5000, 100);
    expect(sim.commandLog).toContain(`delete vlans ${HEX} vxlan vni`);

    const before = sim.commandLog.length;
    await expect(d.plugSwitchToNetwork(5001, 101)).rejects.toBeInstanceOf(GenericSwitchNetmikoConfigError);
    expect(sim.commandLog.slice(before).some((c) => c.startsWith("set vlans"))).toBe(false);
  });
});

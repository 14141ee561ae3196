import { afterEach, describe, expect, it } from "vitest";
import { startSwitch, type SimSwitch } from "@ngs/switch-sim";
import { createLogger, GenericSwitchConfigException, GenericSwitchNetmikoConfigError } from "@ngs/core";
import Sonic from "@ngs/device-sonic/sonic";
import { sonicVlanHasPorts, sonicVniOf } from "@ngs/device-sonic";

const quiet = { logger: createLogger({ level: "silent" }) };
const sonic = (extra: Record<string, string> = {}) =>
  new Sonic({ device_type: "netmiko_sonic", ip: "192.0.2.30", username: "admin", password: "pw", secret: "pw", ...extra }, "sonic1", quiet);
const EVPN = 'vtysh -c "configure terminal" -c "router bgp 65001" -c "address-family l2vpn evpn"';

describe("netmiko_sonic L2VNI command lists", () => {
  it("plug: create the VLAN, EVPN VNI in FRR, then the VXLAN map; unplug reverses it", () => {
    const d = sonic({ ngs_vtep_name: "vtep1", ngs_bgp_asn: "65001" });
    expect(d.supportsL2vni).toBe(true);
    expect(d.plan("plugSwitchToNetwork", { vni: 5000, segmentationId: 100 }).commands).toEqual([
      "config vlan add 100",
      `${EVPN} -c "vni 5000" -c "rd auto" -c "route-target import auto" -c "route-target export auto"`,
      "config vxlan map add vtep1 100 5000",
    ]);
    expect(d.plan("unplugSwitchFromNetwork", { vni: 5000, segmentationId: 100 }).commands).toEqual([
      "config vxlan map del vtep1 100 5000",
      `${EVPN} -c "no vni 5000"`,
    ]);
  });

  it("the deprecated vtep_name key still works; both settings are required", () => {
    expect(sonic({ vtep_name: "vtepx", ngs_bgp_asn: "65001" }).plan("unplugSwitchFromNetwork", { vni: 7, segmentationId: 7 }).commands[0]).toBe(
      "config vxlan map del vtepx 7 7",
    );
    expect(() => sonic({ ngs_bgp_asn: "65001" }).plan("plugSwitchToNetwork", { vni: 7, segmentationId: 7 })).toThrow(
      GenericSwitchNetmikoConfigError,
    );
    expect(() => sonic({ ngs_vtep_name: "vtep1" }).plan("plugSwitchToNetwork", { vni: 7, segmentationId: 7 })).toThrow(/ngs_bgp_asn/);
  });

  it("multicast replication is refused at start-up (SONiC does EVPN ingress replication only)", () => {
    expect(() => sonic({ ngs_bum_replication_mode: "multicast" })).toThrow(GenericSwitchConfigException);
    expect(() => sonic({ ngs_bum_replication_mode: "ingress-replication" })).not.toThrow();
  });

  it("reads `show vlan N` and `show vxlan vlanvnimap` in their table styles", () => {
    const piped = [
      "+-----------+--------------+-----------+----------------+-------------+",
      "|   VLAN ID | IP Address   | Ports     | Port Tagging   | Proxy ARP   |",
      "+===========+==============+===========+================+=============+",
      "|       100 |              | Ethernet0 | untagged       | disabled    |",
      "+-----------+--------------+-----------+----------------+-------------+",
    ].join("\n");
    expect(sonicVlanHasPorts(piped, 100)).toBe(true);
    expect(sonicVlanHasPorts(piped.replace("Ethernet0", "         "), 100)).toBe(false);
    expect(sonicVlanHasPorts("Name      Id   Members     Mode\n--------------------------------\nVlan100   100  Ethernet4   untagged", 100)).toBe(true);
    expect(sonicVlanHasPorts(piped, 200)).toBe(false);

    const map = "+---------+-------+\n| VLAN    | VNI   |\n+=========+=======+\n| Vlan100 | 5000  |\n| Vlan200 | 6000  |\n+---------+-------+\nTotal count : 2";
    expect(sonicVniOf(map, 100)).toBe(5000);
    expect(sonicVniOf(map, 200)).toBe(6000);
    expect(sonicVniOf(map, 300)).toBeUndefined();
    expect(sonicVniOf("VLAN     VNI\nVlan100  5000\n", 100)).toBe(5000);
  });
});

describe("netmiko_sonic L2VNI against the simulator", () => {
  let sim: SimSwitch | undefined;
  afterEach(async () => {
    await sim?.close();
  });

  it("plug switch to network creates the VLAN first; vlanHasPorts reads `show vlan`", async () => {
    sim = await startSwitch({ platform: "sonic", username: "admin", password: "pw", secret: "pw", ports: ["Ethernet0"] });
    const d = new Sonic(
      {
        device_type: "netmiko_sonic",
        ip: sim.host,
        port: String(sim.port),
        username: "admin",
        password: "pw",
        secret: "pw",
        ngs_vtep_name: "vtep1",
        ngs_bgp_asn: "65001",
      },
      "sonic1",
      quiet,
    );
    await d.plugSwitchToNetwork(5000, 100);
    expect(sim.state.vlans.has(100)).toBe(true);
    expect(sim.commandLog).toContain("config vxlan map add vtep1 100 5000");
    expect(await d.vlanHasPorts(100)).toBe(false);
    await d.plugPortToNetwork("Ethernet0", 100);
    expect(await d.vlanHasPorts(100)).toBe(true);
  });
});

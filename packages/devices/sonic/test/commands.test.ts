import { describe, expect, it } from "vitest";
import { createLogger, GenericSwitchInvalidValue } from "@ngs/core";
import Sonic from "@ngs/device-sonic/sonic";
import DellEnterpriseSonic from "@ngs/device-sonic/dell-enterprise-sonic";
import { LACP, NET, TRUNK } from "@ngs/test-utils";

const quiet = { logger: createLogger({ level: "silent" }) };

for (const [type, Cls] of [
  ["netmiko_sonic", Sonic],
  ["netmiko_dell_enterprise_sonic", DellEnterpriseSonic],
] as const) {
  const dev = (extra: Record<string, string> = {}) =>
    new Cls({ device_type: type, ip: "192.0.2.30", username: "admin", password: "pw", secret: "sudo-pw", ...extra }, "sonic1", quiet);

  describe(`${type} command lists`, () => {
    it("add/del network, with ngs_trunk_ports (no VLAN name on SONiC)", () => {
      const d = dev({ ngs_trunk_ports: "Ethernet48", ngs_network_name_format: "{segmentation_id}" });
      expect(d.plan("addNetwork", { segmentationId: 33, networkId: NET }).commands).toEqual([
        "config vlan add 33",
        "config vlan member add 33 Ethernet48",
      ]);
      expect(d.plan("delNetwork", { segmentationId: 33, networkId: NET }).commands).toEqual([
        "config vlan member del 33 Ethernet48",
        "config vlan del 33",
      ]);
    });

    it("plug/unplug port: plain and with a default VLAN; no enable/disable templates", () => {
      expect(dev().plan("plugPortToNetwork", { port: "Ethernet0", segmentationId: 33 }).commands).toEqual([
        "config vlan member add -u 33 Ethernet0",
      ]);
      expect(dev().plan("deletePort", { port: "Ethernet0", segmentationId: 33 }).commands).toEqual(["config vlan member del 33 Ethernet0"]);
      const d = dev({ ngs_port_default_vlan: "20", ngs_disable_inactive_ports: "true" });
      expect(d.plan("plugPortToNetwork", { port: "Ethernet0", segmentationId: 33 }).commands).toEqual([
        "config vlan member del 20 Ethernet0",
        "config vlan member add -u 33 Ethernet0",
      ]);
      expect(d.plan("deletePort", { port: "Ethernet0", segmentationId: 33 }).commands).toEqual([
        "config vlan member del 33 Ethernet0",
        "config vlan add 20",
        "config vlan member add -u 20 Ethernet0",
      ]);
    });

    it("trunk details tag the subport VLANs (SONiC has no native-VLAN template)", () => {
      const d = dev();
      expect(d.plan("plugPortToNetwork", { port: "Ethernet0", segmentationId: 33, trunkDetails: TRUNK }).commands).toEqual([
        "config vlan member add 101 Ethernet0",
        "config vlan member add 102 Ethernet0",
      ]);
      expect(d.plan("deletePort", { port: "Ethernet0", segmentationId: 33, trunkDetails: TRUNK }).commands).toEqual([
        "config vlan member del 33 Ethernet0",
        "config vlan member del 101 Ethernet0",
        "config vlan member del 102 Ethernet0",
      ]);
    });

    it("bonds (PortChannels) use the port templates", () => {
      expect(dev().plan("plugBondToNetwork", { bond: "PortChannel0001", segmentationId: 33 }).commands).toEqual([
        "config vlan member add -u 33 PortChannel0001",
      ]);
      expect(dev().plan("unplugBondFromNetwork", { bond: "PortChannel0001", segmentationId: 33 }).commands).toEqual([
        "config vlan member del 33 PortChannel0001",
      ]);
    });

    it("add subports creates every subport VLAN first (LP#2148349) and accepts trunk_details", () => {
      const d = dev();
      const subports = TRUNK.sub_ports;
      const trunkDetails = { trunk_id: "t1", ...TRUNK };
      expect(d.plan("addSubportsOnTrunk", { bindingProfile: {}, portId: "Ethernet0", subports, trunkDetails }).commands).toEqual([
        "config vlan add 101",
        "config vlan add 102",
        "config vlan member add 101 Ethernet0",
        "config vlan member add 102 Ethernet0",
      ]);
      expect(d.plan("delSubportsOnTrunk", { bindingProfile: {}, portId: "Ethernet0", subports, trunkDetails }).commands).toEqual([
        "config vlan member del 101 Ethernet0",
        "config vlan member del 102 Ethernet0",
      ]);
      // An 802.3ad bond: the VLANs, then the PortChannel joins each (as upstream).
      expect(d.plan("addSubportsOnTrunk", { bindingProfile: LACP, portId: "PortChannel0001", subports }).commands).toEqual([
        "config vlan add 101",
        "config vlan add 102",
        "config vlan member add 101 PortChannel0001",
        "config vlan member add 102 PortChannel0001",
      ]);
      expect(d.plan("delSubportsOnTrunk", { bindingProfile: LACP, portId: "PortChannel0001", subports }).commands).toEqual([
        "config vlan member del 101 PortChannel0001",
        "config vlan member del 102 PortChannel0001",
      ]);
    });

    it("save is 'config save -y', honouring ngs_save_configuration", () => {
      expect(dev().plan("plugPortToNetwork", { port: "Ethernet0", segmentationId: 33 }).save).toEqual(["config save -y"]);
      expect(dev({ ngs_save_configuration: "false" }).plan("plugPortToNetwork", { port: "Ethernet0", segmentationId: 33 }).save).toEqual([]);
    });

    it("error patterns: upstream's four (docs/upstream.md#command-lists-per-device-type), the first also matching SONiC's `Vlan99` wording", () => {
      const d = dev();
      expect(d.errorPatterns.map(String)).toEqual([
        "/(?:VLAN|Vlan)[0-9]+ doesn't exist/",
        "/Invalid Vlan Id , Valid Range : 1 to 4094/",
        "/Interface name is invalid!!/",
        "/No such command/",
      ]);
      const hits = (out: string) => d.errorPatterns.some((r) => r.test(out));
      expect(hits("VLAN99 doesn't exist")).toBe(true);
      expect(hits("Error: Vlan99 doesn't exist")).toBe(true);
      expect(hits("Error: Invalid Vlan Id , Valid Range : 1 to 4094")).toBe(true);
      expect(hits("Interface name is invalid!!")).toBe(true);
      expect(hits('Error: No such command "frob".')).toBe(true);
      expect(hits("Vlan 99 added")).toBe(false);
    });

    it("port names reach a root shell: metacharacters are refused", () => {
      for (const bad of ["Ethernet0; rm -rf /", "Ethernet0 && reboot", "$(reboot)", "Ethernet0\n", "'Ethernet0'"]) {
        expect(() => dev().plan("plugPortToNetwork", { port: bad, segmentationId: 33 })).toThrow(GenericSwitchInvalidValue);
      }
    });
  });
}

import { describe, expect, it } from "vitest";
import { XMLParser } from "fast-xml-parser";
import { createLogger, GenericSwitchConfigException, GenericSwitchInvalidValue } from "@ngs/core";
import NetconfOpenConfigSwitch from "@ngs/device-openconfig/openconfig";
import { editContent, processCapabilities, chooseTarget, planAddNetwork, portIdMapper, type ConfigEdit } from "@ngs/device-openconfig";

const NET = "0ae071f5-5be9-43e4-80ea-e41fefe85b21";
const HEX = "0ae071f55be943e480eae41fefe85b21";
const NC = 'xmlns:nc="urn:ietf:params:xml:ns:netconf:base:1.0"';
const IFACES = `<interfaces xmlns="http://openconfig.net/yang/interfaces" ${NC}>`;
const NI = `<network-instances xmlns="http://openconfig.net/yang/network-instance" ${NC}>`;
const ETH = '<ethernet xmlns="http://openconfig.net/yang/interfaces/ethernet"><switched-vlan xmlns="http://openconfig.net/yang/vlan">';

function oc(extra: Record<string, string> = {}): NetconfOpenConfigSwitch {
  return new NetconfOpenConfigSwitch({ device_type: "netconf_openconfig", host: "192.0.2.10", username: "ngs", password: "pw", ...extra }, "oc1", {
    logger: createLogger({ level: "silent" }),
  });
}

function xml(edit: ConfigEdit | undefined): string {
  if (!edit) throw new Error("nothing planned");
  return editContent(edit);
}

const switched = (port: string, config: string, ifConfig = "") =>
  `<interface><name>${port}</name>${ifConfig}${ETH}${config}</switched-vlan></ethernet></interface>`;

describe("netconf_openconfig edits (upstream's OpenConfig mixin)", () => {
  it("add network: the VLAN in network instance 'default', named after the dashless network id, ACTIVE", () => {
    expect(xml(oc().edit("addNetwork", { segmentationId: 100, networkId: NET }))).toBe(
      `${NI}<network-instance><name>default</name><vlans xmlns="http://openconfig.net/yang/vlan"><vlan>` +
        `<vlan-id>100</vlan-id><config nc:operation="merge"><vlan-id>100</vlan-id><name>${HEX}</name><status>ACTIVE</status></config>` +
        `</vlan></vlans></network-instance></network-instances>`,
    );
  });

  it("add network with trunk ports: the VLAN is merged into each trunk's allowed list", () => {
    const out = xml(oc({ ngs_trunk_ports: "Ethernet1/48, Ethernet1/49", ngs_openconfig_network_instance: "vrf-1" }).edit("addNetwork", { segmentationId: 100, networkId: NET }));
    expect(out).toContain("<name>vrf-1</name>");
    expect(out).toContain(
      `${IFACES}${switched("Ethernet1/48", '<config nc:operation="merge"><interface-mode>TRUNK</interface-mode><trunk-vlans>100</trunk-vlans></config>')}` +
        `${switched("Ethernet1/49", '<config nc:operation="merge"><interface-mode>TRUNK</interface-mode><trunk-vlans>100</trunk-vlans></config>')}</interfaces>`,
    );
  });

  it("convergence: with physnet VLANs the trunk list is replaced by the whole set (the new VLAN included)", () => {
    const d = oc({ ngs_trunk_ports: "Ethernet1/48" });
    expect(d.trunkVlansConverge).toBe(true);
    const add = xml(d.edit("addNetwork", { segmentationId: 100, networkId: NET, physnetVlans: [300, 7] } as never));
    expect(add).toContain(
      '<config nc:operation="replace"><interface-mode>TRUNK</interface-mode><trunk-vlans>7</trunk-vlans><trunk-vlans>100</trunk-vlans><trunk-vlans>300</trunk-vlans></config>',
    );
    const del = xml(d.edit("delNetwork", { segmentationId: 100, networkId: NET, physnetVlans: [7, 100, 300] } as never));
    expect(del).toContain('<config nc:operation="replace"><interface-mode>TRUNK</interface-mode><trunk-vlans>7</trunk-vlans><trunk-vlans>300</trunk-vlans></config>');
  });

  it("delete network: trunk ports first (VLAN removed), then the VLAN's list entry removed", () => {
    const out = xml(oc({ ngs_trunk_ports: "Ethernet1/48" }).edit("delNetwork", { segmentationId: 100, networkId: NET }));
    expect(out.indexOf("<interfaces")).toBeLessThan(out.indexOf("<network-instances"));
    expect(out).toContain('<trunk-vlans nc:operation="remove">100</trunk-vlans>');
    expect(out).toContain('<vlans xmlns="http://openconfig.net/yang/vlan"><vlan nc:operation="remove"><vlan-id>100</vlan-id></vlan></vlans>');
  });

  it("ngs_manage_vlans = false: add/delete network send nothing and say why", () => {
    const d = oc({ ngs_manage_vlans: "false", ngs_trunk_ports: "Ethernet1/48" });
    expect(d.plan("addNetwork", { segmentationId: 100, networkId: NET })).toEqual({ operation: "add network", commands: [], save: [], skipped: "ngs_manage_vlans = false" });
  });

  it("plug port: access VLAN written with replace", () => {
    expect(xml(oc().edit("plugPortToNetwork", { port: "Ethernet1/1", segmentationId: 100 }))).toBe(
      `${IFACES}${switched("Ethernet1/1", '<config nc:operation="replace"><interface-mode>ACCESS</interface-mode><access-vlan>100</access-vlan></config>')}</interfaces>`,
    );
  });

  it("plug port with trunk details: native VLAN plus the subports' VLANs, sorted, with replace", () => {
    const trunkDetails = { sub_ports: [{ segmentation_id: 102 }, { segmentation_id: "101" }] };
    expect(xml(oc().edit("plugPortToNetwork", { port: "Ethernet1/1", segmentationId: 100, trunkDetails }))).toContain(
      '<config nc:operation="replace"><interface-mode>TRUNK</interface-mode><native-vlan>100</native-vlan><trunk-vlans>101</trunk-vlans><trunk-vlans>102</trunk-vlans></config>',
    );
  });

  it("plug port with a default VLAN and ngs_disable_inactive_ports: one interface element (enable, description cleared, replace)", () => {
    const out = xml(oc({ ngs_port_default_vlan: "1", ngs_disable_inactive_ports: "true" }).edit("plugPortToNetwork", { port: "Ethernet1/1", segmentationId: 100 }));
    expect(out).toBe(
      `${IFACES}${switched(
        "Ethernet1/1",
        '<config nc:operation="replace"><interface-mode>ACCESS</interface-mode><access-vlan>100</access-vlan></config>',
        '<config><description nc:operation="remove"/><enabled nc:operation="merge">true</enabled></config>',
      )}</interfaces>`,
    );
  });

  it("unplug port: switched-vlan config and description removed", () => {
    expect(xml(oc().edit("deletePort", { port: "Ethernet1/1", segmentationId: 100 }))).toBe(
      `${IFACES}${switched("Ethernet1/1", '<config nc:operation="remove"/>', '<config><description nc:operation="remove"/></config>')}</interfaces>`,
    );
  });

  it("unplug port with a default VLAN: the VLAN is recreated and the port put back into it; disabled last", () => {
    const out = xml(oc({ ngs_disable_inactive_ports: "true" }).edit("deletePort", { port: "Ethernet1/1", segmentationId: 100, defaultVlan: 5 }));
    expect(out).toContain('<config><description nc:operation="remove"/><enabled nc:operation="merge">false</enabled></config>');
    expect(out).toContain('<config nc:operation="replace"><interface-mode>ACCESS</interface-mode><access-vlan>5</access-vlan></config>');
    expect(out).toContain("<vlan-id>5</vlan-id><name>5</name><status>ACTIVE</status>");
  });

  it("subports: with trunk details the whole trunk is replaced; without, VLANs are merged or removed one by one", () => {
    const d = oc();
    const td = { segmentation_id: 100, sub_ports: [{ segmentation_id: 30 }, { segmentation_id: 20 }] };
    expect(xml(d.edit("addSubportsOnTrunk", { bindingProfile: {}, portId: "Ethernet1/1", subports: [{ segmentation_id: 30 }], trunkDetails: td }))).toContain(
      '<config nc:operation="replace"><interface-mode>TRUNK</interface-mode><native-vlan>100</native-vlan><trunk-vlans>20</trunk-vlans><trunk-vlans>30</trunk-vlans></config>',
    );
    expect(xml(d.edit("addSubportsOnTrunk", { bindingProfile: {}, portId: "Ethernet1/1", subports: [{ segmentation_id: 30 }] }))).toContain(
      '<config nc:operation="merge"><interface-mode>TRUNK</interface-mode><trunk-vlans>30</trunk-vlans></config>',
    );
    expect(xml(d.edit("delSubportsOnTrunk", { bindingProfile: {}, portId: "Ethernet1/1", subports: [{ segmentation_id: 30 }] }))).toContain(
      '<trunk-vlans nc:operation="remove">30</trunk-vlans>',
    );
    // The last subport gone: the port becomes an access port of its native VLAN.
    expect(
      xml(d.edit("delSubportsOnTrunk", { bindingProfile: {}, portId: "Ethernet1/1", subports: [{ segmentation_id: 30 }], trunkDetails: { segmentation_id: 100, sub_ports: [] } })),
    ).toContain('<config nc:operation="replace"><interface-mode>ACCESS</interface-mode><access-vlan>100</access-vlan></config>');
  });

  it("ngs_port_id_re_sub maps port names (Python re.sub syntax) before they are checked and sent", () => {
    const d = oc({ ngs_port_id_re_sub: '{"pattern": "^Eth(\\\\d)", "repl": "Ethernet\\\\1"}', ngs_trunk_ports: "Eth1/48" });
    expect(xml(d.edit("plugPortToNetwork", { port: "Eth1/1", segmentationId: 100 }))).toContain("<name>Ethernet1/1</name>");
    expect(xml(d.edit("addNetwork", { segmentationId: 100, networkId: NET }))).toContain("<name>Ethernet1/48</name>");
    expect(portIdMapper({ pattern: "^Eth", repl: "Ethernet$" })("Eth1")).toBe("Ethernet$1");
  });

  it("bonds fall back to the port operations (upstream's base), with the bond's name", () => {
    expect(xml(oc().edit("plugBondToNetwork", { bond: "Port-Channel10", segmentationId: 100 }))).toContain("<name>Port-Channel10</name>");
  });

  it("a dry run shows the <config> document and the RPCs that follow for the configured target", () => {
    const p = oc({ ngs_netconf_target: "candidate", ngs_netconf_confirmed_commit_timeout: "9" }).plan("plugPortToNetwork", { port: "Ethernet1/1", segmentationId: 100 });
    expect(p.operation).toBe("plug port");
    expect(p.commands).toHaveLength(1);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(p.commands[0]!) as Record<string, Record<string, unknown>>;
    expect(doc.config!["@_xmlns"]).toBe("urn:ietf:params:xml:ns:netconf:base:1.0");
    expect(p.save).toEqual([
      "<validate><source><candidate/></source></validate> (when :validate is advertised)",
      "<commit><confirmed/><confirm-timeout>9</confirm-timeout></commit> (when :confirmed-commit is advertised)",
      "<commit/>",
    ]);
    const running = oc({ ngs_netconf_target: "running", ngs_netconf_save_config: "<config><save xmlns='urn:x'/></config>" }).plan("deletePort", { port: "Ethernet1/1", segmentationId: 100 });
    expect(running.save).toEqual(["<edit-config><target><running/></target><config><save xmlns='urn:x'/></config></edit-config>"]);
  });
});

describe("netconf_openconfig refuses bad values before any XML is built", () => {
  it.each([
    ["a newline in a port", { port: "Ethernet1/1\n<x/>", segmentationId: 100 }, 'Invalid port name "Ethernet1/1\\n<x/>"'],
    ["markup in a port", { port: "Eth<1>", segmentationId: 100 }, 'Invalid port name "Eth<1>"'],
    ["a space in a port", { port: "Ethernet 1/1", segmentationId: 100 }, 'Invalid port name "Ethernet 1/1"'],
    ["VLAN 4095", { port: "Ethernet1/1", segmentationId: 4095 }, "Invalid segmentation id 4095"],
    ["a subport VLAN that is not a number", { port: "Ethernet1/1", segmentationId: 100, trunkDetails: { sub_ports: [{ segmentation_id: "1</trunk-vlans>" }] } }, "Invalid subport segmentation id"],
  ])("%s", (_what, args, message) => {
    expect(() => oc().edit("plugPortToNetwork", args as never)).toThrow(GenericSwitchInvalidValue);
    expect(() => oc().edit("plugPortToNetwork", args as never)).toThrow(message);
  });

  it("ngs_allowed_ports / ngs_allowed_vlans are enforced", () => {
    expect(() => oc({ ngs_allowed_vlans: "200" }).edit("plugPortToNetwork", { port: "Ethernet1/1", segmentationId: 100 })).toThrow("allows only ngs_allowed_vlans = 200");
  });

  it("text is escaped by the XML builder, never concatenated: markup in a name stays text", () => {
    const out = editContent(planAddNetwork({ networkInstance: "default", trunkPorts: [], disableInactivePorts: false }, { vlan: 100, name: "a</name><x>&" }));
    expect(out).toContain("<name>a&lt;/name&gt;&lt;x&gt;&amp;</name>");
    expect(oc({ ngs_network_name_format: "net-{segmentation_id}" }).plan("addNetwork", { segmentationId: 100, networkId: NET }).commands[0]).toContain("<name>net-100</name>");
  });

  it("every bad NETCONF option is reported when the config loads, naming it", () => {
    let error: unknown;
    try {
      oc({
        ngs_netconf_target: "startup",
        ngs_netconf_confirmed_commit_timeout: "31",
        ngs_openconfig_network_instance: "bad name",
        ngs_netconf_save_config: "<config><unclosed></config>",
        ngs_port_id_re_sub: '{"pattern": "("}',
        hostkey_verify: "maybe",
        device_params: "name:nexus:extra",
        ngs_trunk_ports: "Ethernet1/1\u0007",
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GenericSwitchConfigException);
    const m = (error as Error).message;
    for (const key of [
      "ngs_netconf_target",
      "ngs_netconf_confirmed_commit_timeout",
      "ngs_openconfig_network_instance",
      "ngs_netconf_save_config: not well-formed XML",
      "ngs_port_id_re_sub",
      "hostkey_verify",
      "device_params",
      "ngs_trunk_ports",
    ]) {
      expect(m).toContain(`[genericswitch:oc1] ${key}`);
    }
    expect(m).not.toContain("pw");
  });

  it("ngs_netconf_save_config must be one <config> element", () => {
    expect(() => oc({ ngs_netconf_save_config: "<commands/>" })).toThrow("ngs_netconf_save_config: expected one <config> element");
  });
});

describe("capabilities and the datastore", () => {
  const caps = processCapabilities([
    "urn:ietf:params:netconf:base:1.1",
    "urn:ietf:params:netconf:capability:candidate:1.0",
    "urn:ietf:params:netconf:capability:confirmed-commit:1.1",
    "urn:ietf:params:netconf:capability:writable-running:1.0",
    "http://openconfig.net/yang/vlan?module=openconfig-vlan&revision=2023-02-07",
  ]);

  it("short names and OpenConfig modules, as upstream's process_capabilities", () => {
    expect([...caps].sort()).toEqual([":base:1.1", ":candidate", ":confirmed-commit:1.1", ":writable-running", "openconfig-vlan"]);
  });

  it("candidate first, then writable running, unless ngs_netconf_target says", () => {
    expect(chooseTarget(undefined, caps)).toBe("candidate");
    expect(chooseTarget("running", caps)).toBe("running");
    expect(chooseTarget(undefined, new Set([":writable-running"]))).toBe("running");
    expect(chooseTarget(undefined, new Set([":startup"]))).toBeUndefined();
  });
});

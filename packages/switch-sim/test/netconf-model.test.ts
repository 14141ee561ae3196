// The simulator's OpenConfig datastore: edit-config semantics on the shapes
// upstream's netconf_openconfig device sends, read back through the helpers.
import { afterEach, describe, expect, it } from "vitest";
import { startSwitch, type NetconfSimOptions, type SimSwitch } from "@ngs/switch-sim";

const IF = "http://openconfig.net/yang/interfaces";
const ETH = "http://openconfig.net/yang/interfaces/ethernet";
const VL = "http://openconfig.net/yang/vlan";
const NI = "http://openconfig.net/yang/network-instance";

const sims: SimSwitch[] = [];
afterEach(async () => Promise.all(sims.splice(0).map((s) => s.close())));

async function sim(netconf: NetconfSimOptions = {}) {
  const s = await startSwitch({ platform: "linux", password: "pw", netconf: { interfaces: ["eth1"], ...netconf } });
  sims.push(s);
  return s.netconf!;
}

const vlan = (id: number, name: string) =>
  `<network-instances xmlns="${NI}"><network-instance><name>default</name><vlans xmlns="${VL}"><vlan><vlan-id>${id}</vlan-id>` +
  `<config operation="merge"><vlan-id>${id}</vlan-id><name>${name}</name><status>ACTIVE</status></config></vlan></vlans></network-instance></network-instances>`;
const switched = (port: string, config: string, op = "replace") =>
  `<interfaces xmlns="${IF}"><interface><name>${port}</name><ethernet xmlns="${ETH}"><switched-vlan xmlns="${VL}">` +
  `<config operation="${op}">${config}</config></switched-vlan></ethernet></interface></interfaces>`;

describe("simulated OpenConfig datastore", () => {
  it("starts with the configured interfaces and VLANs in running, candidate and startup", async () => {
    const nc = await sim({ vlans: [{ id: 10, name: "ten" }], capabilities: { startup: true } });
    const expected = { interfaces: { eth1: { enabled: true } }, vlans: { default: { 10: { name: "ten", status: "ACTIVE" } } } };
    expect(nc.state("running")).toEqual(expected);
    expect(nc.state("candidate")).toEqual(expected);
    expect(nc.state("startup")).toEqual(expected);
    expect(nc.capabilities).toContain("urn:ietf:params:netconf:capability:startup:1.0");
  });

  it("access port, then trunk with native VLAN (replace), then upstream's delete_port payload clears both", async () => {
    const nc = await sim();
    nc.edit("running", switched("eth1", "<interface-mode>ACCESS</interface-mode><access-vlan>10</access-vlan>"));
    nc.edit("running", `<interfaces xmlns="${IF}"><interface><name>eth1</name><config><name>eth1</name><description>port-a</description></config></interface></interfaces>`);
    expect(nc.state().interfaces.eth1).toEqual({ description: "port-a", enabled: true, switchedVlan: { interfaceMode: "ACCESS", accessVlan: 10, trunkVlans: [] } });
    nc.edit("running", switched("eth1", "<interface-mode>TRUNK</interface-mode><native-vlan>10</native-vlan><trunk-vlans>20</trunk-vlans><trunk-vlans>30</trunk-vlans>"));
    expect(nc.state().interfaces.eth1!.switchedVlan).toEqual({ interfaceMode: "TRUNK", nativeVlan: 10, trunkVlans: [20, 30] });
    // Upstream's delete_port: unprefixed operation attributes, an empty ethernet/config merge.
    nc.edit(
      "running",
      `<interfaces xmlns="${IF}"><interface><name>eth1</name><config><description operation="remove"/></config>` +
        `<ethernet xmlns="${ETH}"><config operation="merge"/><switched-vlan xmlns="${VL}"><config operation="remove"/></switched-vlan></ethernet></interface></interfaces>`,
    );
    expect(nc.state().interfaces.eth1).toEqual({ enabled: true });
  });

  it("trunk VLANs: merge adds, per-element remove drops one, replace converges to the full set", async () => {
    const nc = await sim();
    nc.edit("running", switched("eth1", "<interface-mode>TRUNK</interface-mode><trunk-vlans>10</trunk-vlans>", "merge"));
    nc.edit("running", switched("eth1", "<trunk-vlans>20</trunk-vlans><trunk-vlans>5..7</trunk-vlans>", "merge"));
    expect(nc.state().interfaces.eth1!.switchedVlan!.trunkVlans).toEqual([10, 20, "5..7"]);
    nc.edit("running", switched("eth1", `<trunk-vlans operation="remove">10</trunk-vlans>`, "merge"));
    expect(nc.state().interfaces.eth1!.switchedVlan!.trunkVlans).toEqual([20, "5..7"]);
    nc.edit("running", switched("eth1", "<interface-mode>TRUNK</interface-mode><trunk-vlans>40</trunk-vlans><trunk-vlans>41</trunk-vlans>"));
    expect(nc.state().interfaces.eth1!.switchedVlan).toEqual({ interfaceMode: "TRUNK", trunkVlans: [40, 41] });
  });

  it("VLAN create and delete; an operation on the key leaf is refused as netconfd does", async () => {
    const nc = await sim();
    nc.edit("candidate", vlan(100, "net-a"));
    expect(nc.state("candidate").vlans.default).toEqual({ 100: { name: "net-a", status: "ACTIVE" } });
    expect(nc.state("running").vlans.default).toEqual({});
    const upstreamDelete =
      `<network-instances xmlns="${NI}"><network-instance><name>default</name><vlans xmlns="${VL}"><vlan><vlan-id operation="remove">100</vlan-id>` +
      `<config operation="merge"><vlan-id>100</vlan-id><name>neutron-DELETED-100</name><status>SUSPENDED</status></config></vlan></vlans></network-instance></network-instances>`;
    expect(() => nc.edit("candidate", upstreamDelete)).toThrow(/on list key vlan-id is not allowed/);
    expect(nc.state("candidate").vlans.default![100]).toEqual({ name: "net-a", status: "ACTIVE" });
    nc.edit("candidate", `<network-instances xmlns="${NI}"><network-instance><name>default</name><vlans xmlns="${VL}"><vlan operation="delete"><vlan-id>100</vlan-id></vlan></vlans></network-instance></network-instances>`);
    expect(nc.state("candidate").vlans.default).toEqual({});
  });

  it("bad values and unknown top-level elements are refused whole", async () => {
    const nc = await sim();
    expect(() => nc.edit("running", switched("eth1", "<interface-mode>HYBRID</interface-mode>"))).toThrow(/not a valid interface-mode/);
    expect(() => nc.edit("running", vlan(0, "zero"))).toThrow(/not a valid vlan-id/);
    expect(() => nc.edit("running", `<system xmlns="urn:x"/>`)).toThrow(/Unknown top-level element 'system'/);
    expect(() => nc.edit("running", `<interfaces xmlns="${IF}"><interface><config/></interface></interfaces>`)).toThrow(/needs its key name/);
    expect(nc.state().interfaces.eth1).toEqual({ enabled: true });
  });

  it("default-operation replace swaps the datastore; none touches only nodes with an operation", async () => {
    const nc = await sim({ vlans: [{ id: 1, name: "one" }] });
    nc.edit("running", vlan(2, "two"), "replace");
    expect(nc.state()).toEqual({ interfaces: {}, vlans: { default: { 2: { name: "two", status: "ACTIVE" } } } });
    nc.edit("running", `<interfaces xmlns="${IF}"><interface><name>eth9</name><config><description>x</description></config></interface></interfaces>`, "none");
    expect(nc.state().interfaces).toEqual({});
  });

  it("xml() is what get-config answers, with namespaces where they change", async () => {
    const nc = await sim();
    nc.edit("running", switched("eth1", "<interface-mode>ACCESS</interface-mode><access-vlan>3</access-vlan>"));
    const xml = nc.xml("running");
    expect(xml).toContain(`<interfaces xmlns="${IF}">`);
    expect(xml).toContain(`<switched-vlan xmlns="${VL}"><config><interface-mode>ACCESS</interface-mode><access-vlan>3</access-vlan></config></switched-vlan>`);
  });
});

/**
 * Trunk VLAN convergence (upstream's `trunk_vlans_converge` / `physnet_vlans`,
 * LP#2154349): what the ML2 driver passes to add/delete network. A recording
 * switch stands in for the device; the OpenConfig package tests the same
 * path end to end against the simulator.
 */
import { describe, expect, it } from "vitest";
import { createLogger, GenericSwitchDriver, MemoryDriverHost, type DriverSwitch, type NetworkOptions, type NeutronNetwork } from "@ngs/core";

const logger = createLogger({ level: "silent" });

class RecordingSwitch implements DriverSwitch {
  readonly supportTrunkOnPorts = true;
  readonly supportTrunkOnBondPorts = false;
  readonly calls: { op: string; seg: number | string; args: number }[] = [];
  readonly seen: (readonly number[] | null | undefined)[] = [];
  constructor(
    readonly physicalNetworks: string[],
    readonly trunkVlansConverge: boolean,
    readonly trunkPorts: string[],
  ) {}
  isAllowed() {
    return true;
  }
  async addNetwork(seg: number | string, _id: string, ...rest: [NetworkOptions?]) {
    this.calls.push({ op: "add", seg, args: 2 + rest.length });
    this.seen.push(rest[0]?.physnetVlans);
  }
  async delNetwork(seg: number | string, _id: string, ...rest: [NetworkOptions?]) {
    this.calls.push({ op: "del", seg, args: 2 + rest.length });
    this.seen.push(rest[0]?.physnetVlans);
  }
  async plugPortToNetwork() {}
  async deletePort() {}
  async plugBondToNetwork() {}
  async unplugBondFromNetwork() {}
  async addSubportsOnTrunk() {}
  async delSubportsOnTrunk() {}
}

const net = (id: string, vlan: number, physnet = "physnet1"): NeutronNetwork => ({
  id,
  "provider:network_type": "vlan",
  "provider:segmentation_id": vlan,
  "provider:physical_network": physnet,
});

describe("physnet VLANs for converging switches", () => {
  it("a converging switch with trunk ports gets every VLAN segment of its physnets; others get the one VLAN only", async () => {
    const host = new MemoryDriverHost();
    host.segments.set("s1", { id: "s1", network_type: "vlan", segmentation_id: 100, physical_network: "physnet1" });
    host.segments.set("s2", { id: "s2", network_type: "vlan", segmentation_id: 200, physical_network: "physnet1" });
    host.segments.set("s3", { id: "s3", network_type: "vlan", segmentation_id: 300, physical_network: "physnet2" });
    host.segments.set("s4", { id: "s4", network_type: "vxlan", segmentation_id: 5000, physical_network: null });
    let queries = 0;
    const query = host.physnetVlans.bind(host);
    host.physnetVlans = async (p) => {
      queries++;
      return query(p);
    };
    const converging = new RecordingSwitch(["physnet1"], true, ["Ethernet1/48"]);
    const converging2 = new RecordingSwitch(["physnet1"], true, ["Ethernet1/49"]);
    const noTrunks = new RecordingSwitch(["physnet1"], true, []);
    const cli = new RecordingSwitch(["physnet1"], false, ["Gi1/0/48"]);
    const everywhere = new RecordingSwitch([], true, ["swp48"]);
    const driver = new GenericSwitchDriver({
      host,
      switches: new Map<string, DriverSwitch>([
        ["a", converging],
        ["b", converging2],
        ["c", noTrunks],
        ["d", cli],
        ["e", everywhere],
      ]),
      logger,
    });
    await driver.initialize();

    await driver.createNetworkPostcommit({ current: net("n1", 200) });
    expect(converging.seen).toEqual([[100, 200]]);
    expect(converging2.seen).toEqual([[100, 200]]);
    // Asked once per physnet set, not per switch.
    expect(queries).toBe(2);
    // A switch without physnets takes part in every network and converges on every VLAN.
    expect(everywhere.seen).toEqual([[100, 200, 300]]);
    // Upstream passes physnet_vlans=None to the rest; here they get the two-argument call.
    expect(noTrunks.calls).toEqual([{ op: "add", seg: 200, args: 2 }]);
    expect(cli.calls).toEqual([{ op: "add", seg: 200, args: 2 }]);

    host.segments.delete("s2");
    await driver.deleteNetworkPostcommit({ current: net("n1", 200) });
    expect(converging.seen.at(-1)).toEqual([100]);
    expect(cli.calls.at(-1)).toEqual({ op: "del", seg: 200, args: 2 });
  });

  it("a host without the query: converging switches add and remove the one VLAN", async () => {
    const sw = new RecordingSwitch(["physnet1"], true, ["Ethernet1/48"]);
    const host = new MemoryDriverHost();
    const bare = Object.assign(Object.create(Object.getPrototypeOf(host) as object) as MemoryDriverHost, host, { physnetVlans: undefined });
    const driver = new GenericSwitchDriver({ host: bare, switches: new Map([["a", sw]]), logger });
    await driver.initialize();
    await driver.createNetworkPostcommit({ current: net("n1", 100) });
    expect(sw.calls).toEqual([{ op: "add", seg: 100, args: 2 }]);
  });
});

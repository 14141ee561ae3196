// netconf_openconfig end to end: the device over real SSH against the
// simulator's NETCONF server, with the switch's datastores checked after
// every operation.
import { afterEach, describe, expect, it } from "vitest";
import {
  createLogger,
  GenericSwitchDriver,
  GenericSwitchNetconfConnectError,
  GenericSwitchNetconfError,
  GenericSwitchNetconfLockDenied,
  GenericSwitchNetconfOperationFailed,
  MemoryDriverHost,
  type NeutronNetwork,
} from "@ngs/core";
import NetconfOpenConfigSwitch from "@ngs/device-openconfig/openconfig";
import { startSwitch, type NetconfSimOptions, type OcState, type SimSwitch } from "@ngs/switch-sim";

const NET = "0ae071f5-5be9-43e4-80ea-e41fefe85b21";
const HEX = "0ae071f55be943e480eae41fefe85b21";
const PASSWORD = "oc-test-pw";
const PORTS = ["Ethernet1", "Ethernet2", "Ethernet48"];

const sims: SimSwitch[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

async function sim(netconf: NetconfSimOptions = {}): Promise<SimSwitch> {
  const s = await startSwitch({ platform: "linux", username: "ngs", password: PASSWORD, netconf: { interfaces: PORTS, ...netconf } });
  sims.push(s);
  return s;
}

function device(s: SimSwitch, extra: Record<string, string> = {}): NetconfOpenConfigSwitch {
  return new NetconfOpenConfigSwitch(
    {
      device_type: "netconf_openconfig",
      host: s.host,
      port: String(s.port),
      username: "ngs",
      password: PASSWORD,
      ngs_host_key_fingerprint: s.hostKeyFingerprint,
      ...extra,
    },
    "oc1",
    { logger: createLogger({ level: "silent" }) },
  );
}

const ops = (s: SimSwitch) => s.netconf!.transcript.map((t) => t.operation + (t.error ? `!${t.error}` : ""));
const sv = (state: OcState, port: string) => state.interfaces[port]?.switchedVlan;

describe("candidate datastore (lock, discard, edit, validate, confirmed commit, commit)", () => {
  it("every operation lands in running, and nothing stays in the candidate", async () => {
    const s = await sim();
    const d = device(s, { ngs_trunk_ports: "Ethernet48" });
    const nc = s.netconf!;
    const settled = () => expect(nc.state("candidate")).toEqual(nc.state("running"));

    await d.addNetwork(100, NET);
    expect(ops(s)).toEqual(["lock", "discard-changes", "edit-config", "validate", "commit", "commit", "unlock", "close-session"]);
    expect(nc.counters.confirmedCommits).toBe(1);
    expect(nc.confirmPending).toBe(false);
    expect(nc.state("running").vlans.default![100]).toEqual({ name: HEX, status: "ACTIVE" });
    expect(sv(nc.state("running"), "Ethernet48")).toEqual({ interfaceMode: "TRUNK", trunkVlans: [100] });
    settled();

    await d.addNetwork(200, "11111111-2222-3333-4444-555555555555");
    expect(sv(nc.state("running"), "Ethernet48")).toEqual({ interfaceMode: "TRUNK", trunkVlans: [100, 200] });

    await d.plugPortToNetwork("Ethernet1", 100);
    expect(sv(nc.state("running"), "Ethernet1")).toEqual({ interfaceMode: "ACCESS", accessVlan: 100, trunkVlans: [] });
    settled();

    await d.plugPortToNetwork("Ethernet2", 100, { trunkDetails: { sub_ports: [{ segmentation_id: 200 }] } });
    expect(sv(nc.state("running"), "Ethernet2")).toEqual({ interfaceMode: "TRUNK", nativeVlan: 100, trunkVlans: [200] });

    await d.addSubportsOnTrunk({}, "Ethernet2", [{ segmentation_id: 300 }], { segmentation_id: 100, sub_ports: [{ segmentation_id: 200 }, { segmentation_id: 300 }] });
    expect(sv(nc.state("running"), "Ethernet2")).toEqual({ interfaceMode: "TRUNK", nativeVlan: 100, trunkVlans: [200, 300] });

    await d.delSubportsOnTrunk({}, "Ethernet2", [{ segmentation_id: 200 }]);
    expect(sv(nc.state("running"), "Ethernet2")).toEqual({ interfaceMode: "TRUNK", nativeVlan: 100, trunkVlans: [300] });

    nc.edit("running", `<interfaces xmlns="http://openconfig.net/yang/interfaces"><interface><name>Ethernet1</name><config><description>bm-a</description></config></interface></interfaces>`);
    await d.deletePort("Ethernet1", 100);
    expect(nc.state("running").interfaces.Ethernet1).toEqual({ enabled: true });
    await d.deletePort("Ethernet2", 100);
    expect(sv(nc.state("running"), "Ethernet2")).toBeUndefined();

    await d.delNetwork(100, NET);
    expect(nc.state("running").vlans.default![100]).toBeUndefined();
    expect(sv(nc.state("running"), "Ethernet48")).toEqual({ interfaceMode: "TRUNK", trunkVlans: [200] });
    settled();
    expect(nc.locks()).toEqual({});
    expect(nc.counters.sessionsActive).toBe(0);
  });

  it("ngs_netconf_confirmed_commit = false: one plain commit", async () => {
    const s = await sim();
    await device(s, { ngs_netconf_confirmed_commit: "false" }).plugPortToNetwork("Ethernet1", 10);
    expect(ops(s)).toEqual(["lock", "discard-changes", "edit-config", "validate", "commit", "unlock", "close-session"]);
    expect(s.netconf!.counters.confirmedCommits).toBe(0);
    expect(sv(s.netconf!.state("running"), "Ethernet1")?.accessVlan).toBe(10);
  });

  it("a port default VLAN: plug leaves it, unplug recreates it and returns the port", async () => {
    const s = await sim();
    const d = device(s, { ngs_port_default_vlan: "5", ngs_disable_inactive_ports: "true" });
    await d.plugPortToNetwork("Ethernet1", 100);
    expect(s.netconf!.state("running").interfaces.Ethernet1).toEqual({ enabled: true, switchedVlan: { interfaceMode: "ACCESS", accessVlan: 100, trunkVlans: [] } });
    await d.deletePort("Ethernet1", 100);
    expect(s.netconf!.state("running").interfaces.Ethernet1).toEqual({ enabled: false, switchedVlan: { interfaceMode: "ACCESS", accessVlan: 5, trunkVlans: [] } });
    expect(s.netconf!.state("running").vlans.default![5]).toEqual({ name: "5", status: "ACTIVE" });
  });
});

describe("running datastore (no :candidate)", () => {
  it("edits running under its lock and copies it to startup when :startup is advertised", async () => {
    const s = await sim({ capabilities: { candidate: false, confirmedCommit: false, startup: true } });
    const d = device(s);
    const nc = s.netconf!;
    await d.addNetwork(100, NET);
    expect(ops(s)).toEqual(["lock", "edit-config", "copy-config", "unlock", "close-session"]);
    expect(nc.state("running").vlans.default![100]).toEqual({ name: HEX, status: "ACTIVE" });
    expect(nc.state("startup")).toEqual(nc.state("running"));
    await d.plugPortToNetwork("Ethernet1", 100);
    expect(sv(nc.state("startup"), "Ethernet1")).toEqual({ interfaceMode: "ACCESS", accessVlan: 100, trunkVlans: [] });
    await d.deletePort("Ethernet1", 100);
    expect(sv(nc.state("running"), "Ethernet1")).toBeUndefined();
    expect(nc.state("startup")).toEqual(nc.state("running"));
  });

  it("ngs_netconf_target = running on a switch with a candidate; ngs_netconf_save_config is sent instead of copy-config", async () => {
    const s = await sim({ capabilities: { startup: true } });
    const save = `<config><interfaces xmlns="http://openconfig.net/yang/interfaces"><interface><name>Ethernet48</name><config><description>saved</description></config></interface></interfaces></config>`;
    await device(s, { ngs_netconf_target: "running", ngs_netconf_save_config: save }).plugPortToNetwork("Ethernet1", 7);
    expect(ops(s)).toEqual(["lock", "edit-config", "edit-config", "unlock", "close-session"]);
    expect(s.netconf!.state("running").interfaces.Ethernet48!.description).toBe("saved");
    expect(s.netconf!.counters.commits).toBe(0);
  });

  it("ngs_save_configuration = false: no save step", async () => {
    const s = await sim({ capabilities: { candidate: false, startup: true } });
    await device(s, { ngs_save_configuration: "false" }).plugPortToNetwork("Ethernet1", 7);
    expect(ops(s)).toEqual(["lock", "edit-config", "unlock", "close-session"]);
    expect(sv(s.netconf!.state("startup"), "Ethernet1")).toBeUndefined();
  });
});

describe("ngs check", () => {
  it("reads the hello, names the datastore a change would use and the host key; changes nothing", async () => {
    const s = await sim();
    expect(await device(s).check()).toEqual({ hostKeyFingerprint: s.hostKeyFingerprint, target: "candidate" });
    expect(ops(s)).toEqual(["close-session"]);
    const running = await sim({ capabilities: { candidate: false } });
    expect((await device(running).check()).target).toBe("running");
  });

  it("a switch with neither :candidate nor :writable-running is an error, and nothing is sent", async () => {
    const s = await sim({ capabilities: { candidate: false, writableRunning: false } });
    await expect(device(s).check()).rejects.toThrow(GenericSwitchNetconfError);
    const err = await device(s).plugPortToNetwork("Ethernet1", 10).catch((e: unknown) => e);
    expect((err as Error).message).toContain("advertises neither :candidate nor :writable-running; nothing was sent");
    expect(ops(s).filter((o) => o !== "close-session")).toEqual([]);
  });
});

describe("errors", () => {
  it("lock-denied is retried with a back-off, then the change goes through (held by session 0: its candidate edits are discarded first)", async () => {
    const s = await sim({ faults: { lockDenied: { times: 1 } } });
    await device(s).plugPortToNetwork("Ethernet1", 10);
    expect(ops(s)).toEqual(["lock!lock-denied", "discard-changes", "lock", "discard-changes", "edit-config", "validate", "commit", "commit", "unlock", "close-session"]);
    expect(sv(s.netconf!.state("running"), "Ethernet1")?.accessVlan).toBe(10);
  });

  it("lock-denied on every attempt: GenericSwitchNetconfLockDenied after a bounded number of tries, nothing sent", async () => {
    const s = await sim({ faults: { lockDenied: { sessionId: 7 } } });
    const d = device(s);
    d.lockRetry = { attempts: 3, minMs: 1, maxMs: 1 };
    const before = s.netconf!.state("running");
    const err = await d.plugPortToNetwork("Ethernet1", 10).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GenericSwitchNetconfLockDenied);
    expect((err as Error).message).toContain("NETCONF device oc1: the candidate datastore is locked by another session (session 7); nothing was sent");
    expect(ops(s).filter((o) => o.startsWith("lock"))).toEqual(["lock!lock-denied", "lock!lock-denied", "lock!lock-denied"]);
    expect(ops(s)).not.toContain("edit-config");
    expect(s.netconf!.state("running")).toEqual(before);
  });

  it("operation-failed: raised at once as GenericSwitchNetconfOperationFailed, the candidate discarded, nothing committed", async () => {
    const s = await sim({ faults: { operationFailed: [{ match: "Ethernet2", message: "interface is busy" }] } });
    const d = device(s);
    await d.plugPortToNetwork("Ethernet1", 10);
    const before = s.netconf!.state("running");
    const commits = s.netconf!.counters.commits;
    const err = await d.plugPortToNetwork("Ethernet2", 10).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GenericSwitchNetconfOperationFailed);
    expect((err as Error).message).toBe("NETCONF device oc1 returned operation-failed for edit-config on candidate: interface is busy; nothing was committed");
    expect(s.netconf!.counters.commits).toBe(commits);
    expect(s.netconf!.state("running")).toEqual(before);
    expect(s.netconf!.state("candidate")).toEqual(before);
    expect(s.netconf!.locks()).toEqual({});
  });

  it("operation-failed on running: nothing changed, nothing saved", async () => {
    const s = await sim({ capabilities: { candidate: false, startup: true }, faults: { operationFailed: [{ match: "Ethernet2" }] } });
    const err = await device(s).plugPortToNetwork("Ethernet2", 10).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GenericSwitchNetconfOperationFailed);
    expect(ops(s)).toEqual(["lock", "edit-config!operation-failed", "unlock", "close-session"]);
    expect(sv(s.netconf!.state("running"), "Ethernet2")).toBeUndefined();
  });

  it("a wrong password is a GenericSwitchNetconfConnectError that does not show it", async () => {
    const s = await sim();
    const err = await device(s, { password: "Wrong-Pw-123" }).plugPortToNetwork("Ethernet1", 10).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GenericSwitchNetconfConnectError);
    expect((err as Error).message).toContain("Failed to connect to NETCONF device oc1");
    expect((err as Error).message).not.toContain("Wrong-Pw-123");
    expect(s.netconf!.counters.sessionsOpened).toBe(0);
  });
});

describe("trunk VLAN convergence through the ML2 driver (LP#2154349)", () => {
  it("a trunk port that missed a VLAN gets the physnet's full set on the next network change", async () => {
    const s = await sim();
    const d = device(s, { ngs_trunk_ports: "Ethernet48", ngs_physical_networks: "physnet1" });
    const host = new MemoryDriverHost();
    const driver = new GenericSwitchDriver({ host, switches: new Map([["oc1", d]]), logger: createLogger({ level: "silent" }) });
    await driver.initialize();
    const create = async (vlan: number) => {
      const id = `00000000-0000-0000-0000-00000000${String(vlan).padStart(4, "0")}`;
      host.segments.set(`seg-${vlan}`, { id: `seg-${vlan}`, network_type: "vlan", segmentation_id: vlan, physical_network: "physnet1", network_id: id });
      const net: NeutronNetwork = { id, "provider:network_type": "vlan", "provider:segmentation_id": vlan, "provider:physical_network": "physnet1" };
      await driver.createNetworkPostcommit({ current: net });
      return net;
    };
    const trunk = () => sv(s.netconf!.state("running"), "Ethernet48")?.trunkVlans;

    await create(100);
    await create(200);
    expect(trunk()).toEqual([100, 200]);
    // Someone (or a failed update) takes VLAN 100 off the trunk behind the driver's back.
    s.netconf!.edit(
      "running",
      `<interfaces xmlns="http://openconfig.net/yang/interfaces" xmlns:nc="urn:ietf:params:xml:ns:netconf:base:1.0"><interface><name>Ethernet48</name>` +
        `<ethernet xmlns="http://openconfig.net/yang/interfaces/ethernet"><switched-vlan xmlns="http://openconfig.net/yang/vlan"><config>` +
        `<trunk-vlans nc:operation="remove">100</trunk-vlans><trunk-vlans>999</trunk-vlans></config></switched-vlan></ethernet></interface></interfaces>`,
    );
    expect(trunk()).toEqual([200, 999]);

    const n300 = await create(300);
    expect(trunk()).toEqual([100, 200, 300]);

    host.segments.delete("seg-300");
    await driver.deleteNetworkPostcommit({ current: n300 });
    expect(trunk()).toEqual([100, 200]);
    expect(s.netconf!.state("running").vlans.default![300]).toBeUndefined();
  });
});

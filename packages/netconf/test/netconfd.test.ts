// @ngs/netconf against a real NETCONF server: Debian's netconfd (yuma123) behind
// sshd, started by the fixture with OpenConfig-shaped YANG modules.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NetconfCapabilityError, NetconfRpcError, NetconfSession, parseXml } from "@ngs/netconf";
import { startNetconfd, type Netconfd } from "@ngs/test-utils";

const OC_IF = "http://openconfig.net/yang/interfaces";
const OC_ETH = "http://openconfig.net/yang/interfaces/ethernet";
const OC_VLAN = "http://openconfig.net/yang/vlan";
const OC_NI = "http://openconfig.net/yang/network-instance";
const NC = "urn:ietf:params:xml:ns:netconf:base:1.0";

const vlans = (entries: [number, string][]) =>
  `<network-instances xmlns="${OC_NI}"><network-instance><name>default</name><config><name>default</name></config>` +
  `<vlans xmlns="${OC_VLAN}">` +
  entries.map(([id, name]) => `<vlan><vlan-id>${id}</vlan-id><config><vlan-id>${id}</vlan-id><name>${name}</name><status>ACTIVE</status></config></vlan>`).join("") +
  `</vlans></network-instance></network-instances>`;
const port = (name: string, switched: string, op = "merge") =>
  `<interfaces xmlns="${OC_IF}" xmlns:nc="${NC}"><interface><name>${name}</name><config><name>${name}</name><description>ngs test</description></config>` +
  `<ethernet xmlns="${OC_ETH}"><switched-vlan xmlns="${OC_VLAN}"><config nc:operation="${op}">${switched}</config></switched-vlan></ethernet>` +
  `</interface></interfaces>`;

function connect(d: Netconfd, extra: { baseVersions?: ("1.0" | "1.1")[] } = {}) {
  return NetconfSession.connect({
    host: d.host,
    port: d.port,
    username: d.username,
    password: d.password,
    hostKey: { fingerprintSha256: d.hostKeyFingerprint },
    ...extra,
  });
}

describe("netconfd with a candidate datastore", () => {
  let d: Netconfd;
  beforeAll(async () => {
    d = await startNetconfd({ target: "candidate", withStartup: true });
  });
  afterAll(async () => d?.stop());

  it("exchanges hellos (chunked framing) and advertises the OpenConfig modules", async () => {
    const nc = await connect(d);
    try {
      expect(nc.framing).toBe("chunked");
      expect(nc.has(":candidate")).toBe(true);
      expect(nc.has(":confirmed-commit:1.1")).toBe(true);
      expect(nc.has(":startup")).toBe(true);
      expect(nc.has(":validate")).toBe(true);
      expect(nc.has("openconfig-vlan")).toBe(true);
      expect(nc.has("openconfig-interfaces")).toBe(true);
    } finally {
      await nc.closeSession();
    }
  });

  it("edit-config on candidate under a lock, confirmed commit, commit, save: read back with get-config", async () => {
    const nc = await connect(d);
    try {
      await nc.lock("candidate");
      await nc.discardChanges();
      await nc.editConfig("candidate", vlans([[100, "net-a"], [200, "net-b"]]));
      await nc.editConfig("candidate", port("eth1", "<interface-mode>ACCESS</interface-mode><access-vlan>100</access-vlan>", "replace"));
      await nc.editConfig(
        "candidate",
        port("eth2", "<interface-mode>TRUNK</interface-mode><native-vlan>100</native-vlan><trunk-vlans>100</trunk-vlans><trunk-vlans>200</trunk-vlans>", "replace"),
      );
      // No <validate> here: netconfd 2.13 drops candidate edits validated before the commit.
      // Not in running before the commit.
      expect((await nc.getConfig("running", `<interfaces xmlns="${OC_IF}"/>`)).data).not.toContain("eth1");
      await nc.commit({ confirmed: true, confirmTimeout: 60 });
      await nc.commit();
      await nc.unlock("candidate");
      await nc.copyConfig("running", "startup");

      const got = await nc.getConfig("running", `<interfaces xmlns="${OC_IF}"/><network-instances xmlns="${OC_NI}"/>`);
      const running = parseXml(got.data) as {
        interfaces: { interface: { name: string; ethernet: { "switched-vlan": { config: Record<string, unknown> } } }[] };
        "network-instances": { "network-instance": { vlans: { vlan: { "vlan-id": string; config: { name: string } }[] } } };
      };
      const byName = Object.fromEntries(running.interfaces.interface.map((i) => [i.name, i.ethernet["switched-vlan"].config]));
      expect(byName.eth1).toEqual({ "interface-mode": "ACCESS", "access-vlan": "100" });
      expect(byName.eth2).toEqual({ "interface-mode": "TRUNK", "native-vlan": "100", "trunk-vlans": ["100", "200"] });
      const v = running["network-instances"]["network-instance"].vlans.vlan;
      expect(v.map((x) => [x["vlan-id"], x.config.name])).toEqual([["100", "net-a"], ["200", "net-b"]]);
      expect((await nc.getConfig("startup", `<interfaces xmlns="${OC_IF}"/>`)).data).toContain("<name>eth2</name>");
    } finally {
      await nc.closeSession();
    }
  });

  it("trunk VLANs written with replace converge; delete clears switched-vlan (end-of-message framing)", async () => {
    const nc = await connect(d, { baseVersions: ["1.0"] });
    try {
      expect(nc.framing).toBe("eom");
      await nc.editConfig("candidate", port("eth3", "<interface-mode>TRUNK</interface-mode><trunk-vlans>10</trunk-vlans><trunk-vlans>20</trunk-vlans>"));
      await nc.commit();
      await nc.editConfig("candidate", port("eth3", "<interface-mode>TRUNK</interface-mode><trunk-vlans>20</trunk-vlans><trunk-vlans>30</trunk-vlans>", "replace"));
      await nc.commit();
      const filter = `<interfaces xmlns="${OC_IF}"><interface><name>eth3</name></interface></interfaces>`;
      const after = (await nc.getConfig("running", filter)).data;
      expect(after.match(/<trunk-vlans>(\d+)<\/trunk-vlans>/g)).toEqual(["<trunk-vlans>20</trunk-vlans>", "<trunk-vlans>30</trunk-vlans>"]);
      // `remove` is a base:1.1 operation; netconfd refuses it on a 1.0 session.
      const removeErr = (await nc.editConfig("candidate", port("eth3", "", "remove")).catch((e: unknown) => e)) as NetconfRpcError;
      expect(removeErr).toBeInstanceOf(NetconfRpcError);
      await nc.discardChanges();
      await nc.editConfig("candidate", port("eth3", "", "delete"));
      await nc.commit();
      const cleared = (await nc.getConfig("running", filter)).data;
      expect(cleared).toContain("<name>eth3</name>");
      expect(cleared).not.toMatch(/interface-mode|trunk-vlans/);
    } finally {
      await nc.closeSession();
    }
  });

  it("maps netconfd's rpc-errors: lock-denied with the holder, invalid-value with a path", async () => {
    const a = await connect(d);
    const b = await connect(d);
    try {
      await a.lock("candidate");
      const denied = (await b.lock("candidate").catch((e: unknown) => e)) as NetconfRpcError;
      expect(denied).toBeInstanceOf(NetconfRpcError);
      expect(denied.tag).toBe("lock-denied");
      expect(denied.info?.["session-id"]).toBe(String(a.sessionId));
      await a.unlock("candidate");

      const bad = (await b.editConfig("candidate", vlans([[5000, "too-big"]])).catch((e: unknown) => e)) as NetconfRpcError;
      expect(bad).toBeInstanceOf(NetconfRpcError);
      expect(bad.severity).toBe("error");
      expect(bad.tag).toMatch(/invalid-value|bad-element/);
      expect(bad.message).toMatch(/edit-config .* failed/);
      await b.discardChanges();
    } finally {
      await a.closeSession();
      await b.closeSession();
    }
  });
});

describe("netconfd with a writable running datastore only", () => {
  let d: Netconfd;
  beforeAll(async () => {
    d = await startNetconfd({ target: "running", withStartup: false });
  });
  afterAll(async () => d?.stop());

  it("edits running directly and reads it back; candidate operations are refused before sending", async () => {
    const nc = await connect(d);
    try {
      expect(nc.has(":candidate")).toBe(false);
      expect(nc.has(":writable-running")).toBe(true);
      await nc.lock("running");
      await nc.editConfig("running", vlans([[42, "only-running"]]));
      await nc.unlock("running");
      const data = (await nc.getConfig("running", `<network-instances xmlns="${OC_NI}"/>`)).data;
      expect(data).toContain("<name>only-running</name>");
      await expect(nc.commit()).rejects.toBeInstanceOf(NetconfCapabilityError);
    } finally {
      await nc.closeSession();
    }
  });
});

// @ngs/netconf against the simulator's NETCONF server over real SSH: hellos and
// framing, every RPC, rpc-errors as typed errors, a dropped session.
import { afterEach, describe, expect, it } from "vitest";
import {
  ConnectError,
  HostKeyMismatchError,
  NetconfCapabilityError,
  NetconfInputError,
  NetconfRpcError,
  NetconfSession,
  NetconfSessionClosedError,
  NetconfTimeoutError,
  parseXml,
  type NetconfSessionOptions,
} from "@ngs/netconf";
import { startSwitch, type NetconfSimOptions, type SimSwitch } from "@ngs/switch-sim";

const OC_IF = "http://openconfig.net/yang/interfaces";
const OC_VLAN = "http://openconfig.net/yang/vlan";
const OC_NI = "http://openconfig.net/yang/network-instance";
const NC = "urn:ietf:params:xml:ns:netconf:base:1.0";

const accessPort = (port: string, vlan: number, op = "merge") =>
  `<interfaces xmlns="${OC_IF}" xmlns:nc="${NC}"><interface><name>${port}</name>` +
  `<ethernet xmlns="http://openconfig.net/yang/interfaces/ethernet"><switched-vlan xmlns="${OC_VLAN}">` +
  `<config nc:operation="${op}"><interface-mode>ACCESS</interface-mode><access-vlan>${vlan}</access-vlan></config>` +
  `</switched-vlan></ethernet></interface></interfaces>`;
const addVlan = (id: number, name: string) =>
  `<network-instances xmlns="${OC_NI}"><network-instance><name>default</name><vlans xmlns="${OC_VLAN}">` +
  `<vlan><vlan-id>${id}</vlan-id><config><vlan-id>${id}</vlan-id><name>${name}</name><status>ACTIVE</status></config></vlan>` +
  `</vlans></network-instance></network-instances>`;

const sims: SimSwitch[] = [];
const sessions: NetconfSession[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) s.close();
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

async function sim(netconf: NetconfSimOptions = {}): Promise<SimSwitch> {
  const s = await startSwitch({ platform: "linux", username: "admin", password: "nc-secret-pw", netconf: { interfaces: ["eth1", "eth2"], ...netconf } });
  sims.push(s);
  return s;
}

async function open(s: SimSwitch, extra: Partial<NetconfSessionOptions> = {}): Promise<NetconfSession> {
  const session = await NetconfSession.connect({ host: s.host, port: s.port, username: "admin", password: "nc-secret-pw", ...extra });
  sessions.push(session);
  return session;
}

describe("hello and framing", () => {
  it("uses chunked framing when both sides offer base:1.1, and reads the server's capabilities", async () => {
    const s = await sim();
    const nc = await open(s, { hostKey: { fingerprintSha256: s.hostKeyFingerprint } });
    expect(nc.framing).toBe("chunked");
    expect(nc.sessionId).toBeGreaterThan(0);
    expect(nc.has(":candidate")).toBe(true);
    expect(nc.has(":confirmed-commit:1.1")).toBe(true);
    expect(nc.has(":startup")).toBe(false);
    expect(nc.has("openconfig-vlan")).toBe(true);
    expect(nc.capabilities.uris).toEqual(s.netconf!.capabilities);
    const r = await nc.getConfig("running", `<interfaces xmlns="${OC_IF}"/>`);
    expect(parseXml(r.data)).toMatchObject({ interfaces: { interface: [{ name: "eth1" }, { name: "eth2" }] } });
  });

  it("falls back to end-of-message framing against a base:1.0-only server", async () => {
    const s = await sim({ capabilities: { base11: false } });
    const nc = await open(s);
    expect(nc.framing).toBe("eom");
    await nc.editConfig("running", accessPort("eth1", 10));
    expect(s.netconf!.state("running").interfaces.eth1!.switchedVlan).toEqual({ interfaceMode: "ACCESS", accessVlan: 10, trunkVlans: [] });
  });

  it("uses end-of-message framing when the client offers only 1.0", async () => {
    const s = await sim();
    const nc = await open(s, { baseVersions: ["1.0"] });
    expect(nc.framing).toBe("eom");
    expect((await nc.get()).data).toContain("<name>eth2</name>");
  });

  it("moves large messages in either framing (chunk lengths count bytes, not characters)", async () => {
    const s = await sim();
    const nc = await open(s);
    const name = "ünïcödé-" + "x".repeat(20_000);
    await nc.editConfig("running", addVlan(42, name));
    const r = await nc.getConfig("running", `<network-instances xmlns="${OC_NI}"/>`);
    expect(r.data).toContain(name);
    expect(s.netconf!.state().vlans.default![42]).toEqual({ name, status: "ACTIVE" });
  });

  it("refuses a host key that does not match the pinned fingerprint", async () => {
    const s = await sim();
    const err = await open(s, { hostKey: { fingerprintSha256: "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostKeyMismatchError);
  });

  it("a wrong password fails the login without echoing it", async () => {
    const s = await sim();
    const err = (await open(s, { password: "wrong-pw-123" }).catch((e: unknown) => e)) as Error;
    expect(err.name).toBe("AuthenticationError");
    expect(err.message).not.toContain("wrong-pw-123");
  });

  it("a switch without the netconf subsystem gives a ConnectError naming it", async () => {
    const s = await startSwitch({ platform: "linux", username: "admin", password: "nc-secret-pw" });
    sims.push(s);
    const err = (await open(s).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(ConnectError);
    expect(err.message).toMatch(/subsystem 'netconf'/);
  });
});

describe("operations", () => {
  it("edits candidate under a lock, validates, commits; running changes only at commit", async () => {
    const s = await sim();
    const nc = await open(s);
    await nc.lock("candidate");
    expect(s.netconf!.locks()).toEqual({ candidate: nc.sessionId });
    await nc.discardChanges();
    await nc.editConfig("candidate", addVlan(100, "net-a"));
    await nc.editConfig("candidate", accessPort("eth1", 100));
    expect(s.netconf!.state("running").vlans.default![100]).toBeUndefined();
    expect(s.netconf!.state("candidate").vlans.default![100]).toEqual({ name: "net-a", status: "ACTIVE" });
    expect((await nc.validate()).ok).toBe(true);
    expect((await nc.commit()).ok).toBe(true);
    await nc.unlock("candidate");
    expect(s.netconf!.state("running").interfaces.eth1!.switchedVlan).toEqual({ interfaceMode: "ACCESS", accessVlan: 100, trunkVlans: [] });
    expect(s.netconf!.locks()).toEqual({});
    expect(s.netconf!.counters.commits).toBe(1);
  });

  it("discard-changes drops uncommitted candidate edits", async () => {
    const s = await sim();
    const nc = await open(s);
    await nc.editConfig("candidate", addVlan(7, "gone"));
    await nc.discardChanges();
    expect(s.netconf!.state("candidate").vlans.default![7]).toBeUndefined();
    expect(s.netconf!.counters.commits).toBe(0);
  });

  it("replace and remove operations reach the switch (trunk allowed VLANs converge)", async () => {
    const s = await sim();
    const nc = await open(s);
    const trunk = (vlans: number[], op: string) =>
      `<interfaces xmlns="${OC_IF}" xmlns:nc="${NC}"><interface><name>eth2</name><ethernet xmlns="http://openconfig.net/yang/interfaces/ethernet">` +
      `<switched-vlan xmlns="${OC_VLAN}"><config nc:operation="${op}"><interface-mode>TRUNK</interface-mode>` +
      vlans.map((v) => `<trunk-vlans>${v}</trunk-vlans>`).join("") + `</config></switched-vlan></ethernet></interface></interfaces>`;
    await nc.editConfig("running", trunk([10, 20], "merge"));
    await nc.editConfig("running", trunk([30], "merge"));
    expect(s.netconf!.state().interfaces.eth2!.switchedVlan!.trunkVlans).toEqual([10, 20, 30]);
    await nc.editConfig("running", trunk([20, 40], "replace"));
    expect(s.netconf!.state().interfaces.eth2!.switchedVlan!.trunkVlans).toEqual([20, 40]);
    await nc.editConfig("running", trunk([], "remove"));
    expect(s.netconf!.state().interfaces.eth2!.switchedVlan).toBeUndefined();
  });

  it("confirmed commit then a confirming commit; copy-config running to startup", async () => {
    const s = await sim({ capabilities: { startup: true } });
    const nc = await open(s);
    await nc.editConfig("candidate", addVlan(300, "conf"));
    await nc.commit({ confirmed: true, confirmTimeout: 30 });
    expect(s.netconf!.confirmPending).toBe(true);
    expect(s.netconf!.state("running").vlans.default![300]).toBeDefined();
    await nc.commit();
    expect(s.netconf!.confirmPending).toBe(false);
    await nc.copyConfig("running", "startup");
    expect(s.netconf!.state("startup").vlans.default![300]).toEqual({ name: "conf", status: "ACTIVE" });
    expect(s.netconf!.counters.confirmedCommits).toBe(1);
    const rpcs = s.netconf!.transcript.map((t) => t.operation);
    expect(rpcs).toEqual(["edit-config", "commit", "commit", "copy-config"]);
    expect(s.netconf!.transcript[1]!.xml).toMatch(/<confirmed\/><confirm-timeout>30<\/confirm-timeout>/);
  });

  it("a confirmed commit not confirmed before the session ends is rolled back", async () => {
    const s = await sim();
    const nc = await open(s);
    await nc.editConfig("candidate", addVlan(301, "temp"));
    await nc.commit({ confirmed: true, confirmTimeout: 60 });
    await nc.closeSession();
    await expect.poll(() => s.netconf!.counters.rollbacks).toBe(1);
    expect(s.netconf!.state("running").vlans.default![301]).toBeUndefined();
  });

  it("a confirmed commit not confirmed in time is rolled back by the switch", async () => {
    const s = await sim();
    const nc = await open(s);
    await nc.editConfig("candidate", addVlan(302, "brief"));
    await nc.commit({ confirmed: true, confirmTimeout: 1 });
    expect(s.netconf!.state("running").vlans.default![302]).toBeDefined();
    await expect.poll(() => s.netconf!.counters.rollbacks, { timeout: 10_000 }).toBe(1);
    expect(s.netconf!.state("running").vlans.default![302]).toBeUndefined();
  });

  it("a persisted confirmed commit survives its session and another session cancels it by persist-id", async () => {
    const s = await sim();
    const a = await open(s);
    await a.editConfig("candidate", addVlan(303, "kept"));
    await a.commit({ confirmed: true, confirmTimeout: 60, persist: "ngs-303" });
    await a.closeSession();
    await expect.poll(() => s.netconf!.counters.sessionsActive).toBe(0);
    expect(s.netconf!.confirmPending).toBe(true);
    const b = await open(s);
    await expect(b.cancelCommit("wrong-id")).rejects.toMatchObject({ tag: "invalid-value" });
    await b.cancelCommit("ngs-303");
    expect(s.netconf!.state("running").vlans.default![303]).toBeUndefined();
    expect(s.netconf!.transcript.at(-1)!.xml).toContain("<persist-id>ngs-303</persist-id>");
  });

  it("closeSession ends the session; later calls fail with NetconfSessionClosedError", async () => {
    const s = await sim();
    const nc = await open(s);
    await nc.closeSession();
    expect(nc.closed).toBe(true);
    await expect(nc.get()).rejects.toBeInstanceOf(NetconfSessionClosedError);
    expect(s.netconf!.counters.rpcs["close-session"]).toBe(1);
    await expect.poll(() => s.netconf!.counters.sessionsActive).toBe(0);
  });

  it("get-config with a content-match subtree filter returns only the matching entry", async () => {
    const s = await sim();
    const nc = await open(s);
    const r = await nc.getConfig("running", { subtree: `<interfaces xmlns="${OC_IF}"><interface><name>eth2</name></interface></interfaces>` });
    expect(r.data).toContain("<name>eth2</name>");
    expect(r.data).not.toContain("eth1");
    expect(s.netconf!.transcript[0]!.xml).toContain('<filter type="subtree">');
  });
});

describe("rpc-errors and bad input", () => {
  it("lock held by another session: lock-denied with the holder's session-id", async () => {
    const s = await sim();
    const a = await open(s);
    const b = await open(s);
    await a.lock("candidate");
    const err = (await b.lock("candidate").catch((e: unknown) => e)) as NetconfRpcError;
    expect(err).toBeInstanceOf(NetconfRpcError);
    expect(err.tag).toBe("lock-denied");
    expect(err.type).toBe("protocol");
    expect(err.severity).toBe("error");
    expect(err.info).toEqual({ "session-id": String(a.sessionId) });
    expect(err.operation).toBe("lock");
    // Edits by the other session are refused while the lock is held.
    await expect(b.editConfig("candidate", addVlan(5, "x"))).rejects.toMatchObject({ tag: "in-use" });
    a.close();
    await expect.poll(() => s.netconf!.locks()).toEqual({});
    await b.lock("candidate");
  });

  it("the lockDenied fault denies a number of times, then the lock is granted", async () => {
    const s = await sim({ faults: { lockDenied: { times: 2, sessionId: 0 } } });
    const nc = await open(s);
    await expect(nc.lock("candidate")).rejects.toMatchObject({ tag: "lock-denied", info: { "session-id": "0" } });
    await expect(nc.lock("candidate")).rejects.toMatchObject({ tag: "lock-denied" });
    await nc.lock("candidate");
    expect(s.netconf!.counters.locksDenied).toBe(2);
  });

  it("operation-failed on a matching edit changes nothing", async () => {
    const s = await sim({ faults: { operationFailed: [{ match: "<access-vlan>13</access-vlan>", message: "TCAM full" }] } });
    const nc = await open(s);
    const err = (await nc.editConfig("running", accessPort("eth1", 13)).catch((e: unknown) => e)) as NetconfRpcError;
    expect(err).toBeInstanceOf(NetconfRpcError);
    expect(err.tag).toBe("operation-failed");
    expect(err.errorMessage).toBe("TCAM full");
    expect(err.message).toMatch(/edit-config .* failed: operation-failed: TCAM full/);
    expect(s.netconf!.state().interfaces.eth1!.switchedVlan).toBeUndefined();
    expect(s.netconf!.transcript.at(-1)!.error).toBe("operation-failed");
  });

  it("an invalid value is an rpc-error with the path; nothing of the edit is applied", async () => {
    const s = await sim();
    const nc = await open(s);
    const bad = addVlan(50, "ok").replace("</vlans>", `<vlan><vlan-id>5000</vlan-id></vlan></vlans>`);
    const err = (await nc.editConfig("running", bad).catch((e: unknown) => e)) as NetconfRpcError;
    expect(err.tag).toBe("invalid-value");
    expect(err.path).toMatch(/vlan-id$/);
    expect(s.netconf!.state().vlans.default![50]).toBeUndefined();
  });

  it("create on an existing entry is data-exists; delete of a missing one is data-missing", async () => {
    const s = await sim({ vlans: [{ id: 10, name: "ten" }] });
    const nc = await open(s);
    const vlanOp = (id: number, op: string) =>
      `<network-instances xmlns="${OC_NI}" xmlns:nc="${NC}"><network-instance><name>default</name><vlans xmlns="${OC_VLAN}">` +
      `<vlan nc:operation="${op}"><vlan-id>${id}</vlan-id></vlan></vlans></network-instance></network-instances>`;
    await expect(nc.editConfig("running", vlanOp(10, "create"))).rejects.toMatchObject({ tag: "data-exists" });
    await expect(nc.editConfig("running", vlanOp(11, "delete"))).rejects.toMatchObject({ tag: "data-missing" });
    await nc.editConfig("running", vlanOp(10, "delete"));
    expect(s.netconf!.state().vlans.default).toEqual({});
  });

  it("capabilities the server lacks fail before anything is sent", async () => {
    const s = await sim({ capabilities: { candidate: false, validate: false } });
    const nc = await open(s);
    await expect(nc.editConfig("candidate", addVlan(1, "a"))).rejects.toBeInstanceOf(NetconfCapabilityError);
    await expect(nc.commit()).rejects.toBeInstanceOf(NetconfCapabilityError);
    await expect(nc.validate("running")).rejects.toBeInstanceOf(NetconfCapabilityError);
    await expect(nc.copyConfig("running", "startup")).rejects.toThrow(/:startup/);
    expect(s.netconf!.transcript).toEqual([]);
  });

  it("bad values are refused before anything is sent, and XML cannot be smuggled in", async () => {
    const s = await sim();
    const nc = await open(s);
    await expect(nc.getConfig("bogus" as never)).rejects.toBeInstanceOf(NetconfInputError);
    await expect(nc.editConfig("running", "<interfaces><unclosed></interfaces>")).rejects.toThrow(/not well-formed/);
    await expect(nc.editConfig("running", "just text")).rejects.toThrow(/only XML elements/);
    await expect(nc.editConfig("running", `<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>`)).rejects.toThrow(/DOCTYPE/);
    await expect(nc.commit({ confirmed: true, confirmTimeout: 0 })).rejects.toThrow(/confirmTimeout/);
    await expect(nc.commit({ confirmed: true, persist: "a</persist><x>" })).rejects.toBeInstanceOf(NetconfInputError);
    expect(s.netconf!.transcript).toEqual([]);
    // A fragment that tries to close <config> early is rebuilt as an element, never spliced in as text.
    await expect(nc.editConfig("running", "</config><x/>")).rejects.toBeInstanceOf(NetconfInputError);
    // Escaped markup characters arrive as the text they stand for.
    await nc.editConfig("running", addVlan(77, "a&amp;b &lt;c&gt; &quot;d&quot;"));
    expect(s.netconf!.state().vlans.default![77]!.name).toBe("a&b <c> \"d\"");
  });
});

describe("a dropped session", () => {
  it("pending RPCs fail with NetconfSessionClosedError and later calls fail at once", async () => {
    const s = await sim({ faults: { dropOn: ["commit"] } });
    const nc = await open(s);
    await nc.editConfig("candidate", addVlan(9, "n"));
    const err = (await nc.commit().catch((e: unknown) => e)) as NetconfSessionClosedError;
    expect(err).toBeInstanceOf(NetconfSessionClosedError);
    expect(err.message).toMatch(/commit \(message-id \d+\); it may or may not have been applied/);
    expect(err.message).not.toContain("nc-secret-pw");
    expect(nc.closed).toBe(true);
    await expect(nc.get()).rejects.toBeInstanceOf(NetconfSessionClosedError);
  });

  it("the switch going away mid-session closes it with a clear error", async () => {
    const s = await sim({ faults: { latencyMs: 2_000 } });
    const nc = await open(s);
    const pending = nc.get().catch((e: unknown) => e);
    await vi_waitForTranscript(s);
    s.disconnectAll();
    const err = (await pending) as Error;
    expect(err).toBeInstanceOf(NetconfSessionClosedError);
    expect(err.message).toMatch(/closed by the server or the connection dropped/);
  });
});

async function vi_waitForTranscript(s: SimSwitch): Promise<void> {
  await expect.poll(() => s.netconf!.transcript.length).toBeGreaterThan(0);
}

describe("deadlines and logs", () => {
  it("an RPC without a reply in time fails with NetconfTimeoutError and closes the session", async () => {
    const s = await sim({ faults: { latencyMs: 3_000 } });
    const nc = await open(s, { rpcTimeoutMs: 200 });
    const err = (await nc.get().catch((e: unknown) => e)) as NetconfTimeoutError;
    expect(err).toBeInstanceOf(NetconfTimeoutError);
    expect(err.operation).toBe("get");
    expect(err.message).toMatch(/no reply within 200 ms .* the session is closed/);
    expect(nc.closed).toBe(true);
    await expect(nc.lock("candidate")).rejects.toBeInstanceOf(NetconfSessionClosedError);
  });

  it("the debug log names each RPC and never the password", async () => {
    const s = await sim();
    const lines: string[] = [];
    const logger = { debug: (obj: Record<string, unknown>, msg: string) => lines.push(`${msg} ${JSON.stringify(obj)}`), isLevelEnabled: () => true };
    const nc = await open(s, { logger });
    await nc.lock("running");
    await nc.unlock("running");
    await nc.closeSession();
    expect(lines.join("\n")).toMatch(/netconf hello .*"framing":"chunked"/);
    expect(lines.filter((l) => l.startsWith("netconf rpc ")).map((l) => JSON.parse(l.slice("netconf rpc ".length)).operation)).toEqual(["lock", "unlock", "close-session"]);
    expect(lines.join("\n")).not.toContain("nc-secret-pw");
  });
});

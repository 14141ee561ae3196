/**
 * The ML2 hooks over HTTP (`POST /v1/ml2/<hook>`) against simulated
 * switches over real SSH: effects answered, switch state, idempotency,
 * schema errors, auth, logs, metrics and the OpenAPI document.
 */
import { randomUUID } from "node:crypto";
import { request as httpRequest } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startSwitch, type SimSwitch } from "@ngs/switch-sim";
import { ciscoIos } from "@ngs/device-cisco/platforms";
import { dellOs10 } from "@ngs/device-dell/platforms";
import type { RunningServer } from "@ngs/server";
import { SW_PASSWORD, SW_SECRET, http, section, startBasicAuthServer } from "./helpers.js";

const USER = "neutron";
const PASSWORD = "Ml2-Api-pw-8841";
const MAC = "aa:bb:cc:00:11:33";

let dir: string;
let ios: SimSwitch;
let os10: SimSwitch;
let other: SimSwitch;
let server: RunningServer;
let logLines: string[];
const sims = () => [ios, os10, other];
const commandCount = () => sims().reduce((n, s) => n + s.commandLog.length, 0);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ngs-ml2-"));
  const opts = { host: "127.0.0.1", username: "admin", password: SW_PASSWORD, secret: SW_SECRET };
  [ios, os10, other] = await Promise.all([
    startSwitch({ ...opts, platform: ciscoIos, hostname: "leaf1" }),
    startSwitch({ ...opts, platform: dellOs10, hostname: "leaf2" }),
    startSwitch({ ...opts, platform: ciscoIos, hostname: "leaf3" }),
  ]);
  ({ server, logLines } = await startBasicAuthServer(
    dir,
    [
      section("leaf1", "netmiko_cisco_ios", ios, [`ngs_mac_address = ${MAC}`, "ngs_physical_networks = physnet1"]),
      section("leaf2", "netmiko_dell_os10", os10, ["ngs_physical_networks = physnet1"]),
      section("leaf3", "netmiko_cisco_ios", other, ["ngs_physical_networks = physnet2"]),
    ],
    { username: USER, password: PASSWORD },
  ));
});

afterAll(async () => {
  await server?.close();
  await Promise.all(sims().map((s) => s?.close()));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const basic = (user = USER, password = PASSWORD) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

async function hook(name: string, body: unknown, headers: Record<string, string> = {}) {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  return http(`${server.url}/v1/ml2/${name}`, {
    method: "POST",
    body: raw,
    headers: { "content-type": "application/json", authorization: basic(), ...headers },
  });
}

const segment = (vlan: number, physnet = "physnet1") => ({ id: `seg-${vlan}`, network_type: "vlan", segmentation_id: vlan, physical_network: physnet });

function port(link: Record<string, string>, extra: Record<string, unknown> = {}) {
  return {
    id: `port-${randomUUID()}`,
    status: "DOWN",
    "binding:vnic_type": "baremetal",
    "binding:host_id": "node-1",
    "binding:profile": { local_link_information: [link] },
    fixed_ips: [],
    ...extra,
  };
}

describe("port hooks", () => {
  it("bind_port answers the binding and the provisioning block and sends nothing to a switch", async () => {
    const before = commandCount();
    const p = port({ switch_info: "leaf1", port_id: "GigabitEthernet1/0/1" });
    const a = await hook("bind_port", { port: p, segments_to_bind: [segment(3001, "physnet2"), segment(301)], subnets: [] });
    expect(a.status).toBe(200);
    // physnet2's segment is first but leaf1 is not on physnet2: upstream binds the first segment only, so nothing.
    expect(a.json).toMatchObject({ hook: "bind_port", binding: null, provisioning_components: [] });
    const b = await hook("bind_port", {
      port: { ...p, fixed_ips: [{ subnet_id: "sn-1", ip_address: "10.0.0.5" }] },
      segments_to_bind: [segment(3001, "physnet2"), segment(301)],
      subnets: [{ id: "sn-1", segment_id: "seg-301" }],
    });
    expect(b.json).toEqual({
      hook: "bind_port",
      binding: { segment_id: "seg-301", vif_type: "other", vif_details: {}, status: null },
      provisioning_components: [{ port_id: p.id, entity: "GENERICSWITCH" }],
      port_status: [],
      provisioning_complete: [],
    });
    expect(commandCount()).toBe(before);
  });

  it("update_port_postcommit plugs a bound port on its switch, completes provisioning, and the same request twice leaves the same state", async () => {
    const p = port({ switch_id: MAC.toUpperCase(), switch_info: "whatever", port_id: "GigabitEthernet1/0/2" }, { "binding:vif_type": "other" });
    const body = { port: p, original: { ...p, "binding:vif_type": "unbound" }, bottom_bound_segment: segment(302), top_bound_segment: segment(302) };
    const a = await hook("update_port_postcommit", body);
    expect(a.status).toBe(200);
    expect(a.json).toMatchObject({ binding: null, provisioning_complete: [{ port_id: p.id, entity: "GENERICSWITCH" }], port_status: [] });
    const state = ios.snapshot();
    expect(state.ports["GigabitEthernet1/0/2"]).toMatchObject({ mode: "access", accessVlan: 302 });
    const again = await hook("update_port_postcommit", body);
    expect(again.status).toBe(200);
    expect(ios.snapshot()).toEqual(state);
    // ACTIVE: already plugged (provisioning_complete triggers this hook again): nothing is sent.
    const before = commandCount();
    const active = await hook("update_port_postcommit", { ...body, port: { ...p, status: "ACTIVE" } });
    expect(active.json).toMatchObject({ provisioning_complete: [] });
    expect(commandCount()).toBe(before);
  });

  it("delete_port_postcommit unplugs the port (twice: same state)", async () => {
    const p = port({ switch_info: "leaf1", port_id: "GigabitEthernet1/0/3" }, { "binding:vif_type": "other" });
    await hook("update_port_postcommit", { port: p, bottom_bound_segment: segment(303) });
    expect(ios.snapshot().ports["GigabitEthernet1/0/3"]).toMatchObject({ accessVlan: 303 });
    const a = await hook("delete_port_postcommit", { port: { ...p, status: "ACTIVE" }, bottom_bound_segment: segment(303) });
    expect(a.status).toBe(200);
    expect(ios.snapshot().ports["GigabitEthernet1/0/3"]).toMatchObject({ accessVlan: null });
    const state = ios.snapshot();
    expect((await hook("delete_port_postcommit", { port: { ...p, status: "ACTIVE" }, bottom_bound_segment: segment(303) })).status).toBe(200);
    expect(ios.snapshot()).toEqual(state);
  });

  it("a switch error comes back as its GenericSwitch* class and message, and the host gets no effects", async () => {
    const p = port({ switch_info: "leaf1", port_id: "GigabitEthernet1/0/4" }, { "binding:vif_type": "other" });
    const a = await hook("update_port_postcommit", { port: p, bottom_bound_segment: { ...segment(302), segmentation_id: 5000 } });
    expect(a.status).toBe(400);
    expect(a.json).toEqual({ error: { class: "GenericSwitchInvalidValue", message: expect.stringContaining("5000") } });
    expect(ios.snapshot().ports["GigabitEthernet1/0/4"]?.accessVlan ?? null).toBeNull();
  });

  it("subports_added tags the subports' VLANs on the parent's link and marks them ACTIVE; subports_deleted untags", async () => {
    const sub = { port_id: "sub-1", segmentation_id: 311, segmentation_type: "vlan" };
    const parent = port(
      { switch_info: "leaf1", port_id: "GigabitEthernet1/0/5" },
      { "binding:vif_type": "other", status: "ACTIVE", trunk_details: { trunk_id: "t1", sub_ports: [sub] } },
    );
    const a = await hook("subports_added", { parent, subports: [sub], ports: [{ id: "sub-1", status: "DOWN" }] });
    expect(a.status).toBe(200);
    expect(a.json).toMatchObject({ port_status: [{ port_id: "sub-1", status: "ACTIVE" }] });
    expect(ios.snapshot().ports["GigabitEthernet1/0/5"]!.allowedVlans).toContain(311);
    const d = await hook("subports_deleted", { parent, subports: [sub] });
    expect(d.status).toBe(200);
    expect(ios.snapshot().ports["GigabitEthernet1/0/5"]!.allowedVlans).not.toContain(311);
  });
});

describe("network hooks", () => {
  const network = (vlan: number, physnet: string) => ({
    id: randomUUID(),
    "provider:network_type": "vlan",
    "provider:segmentation_id": vlan,
    "provider:physical_network": physnet,
  });
  const hasVlan = (s: SimSwitch, id: number) => s.snapshot().vlans.some((v) => v.id === id);

  it("a caller that hangs up mid-hook gets no further switch operation started for it", async () => {
    const net = network(321, "physnet1");
    ios.faults = { commandLatencyMs: 150 };
    try {
      const before = ios.commandLog.length;
      const r = httpRequest(`${server.url}/v1/ml2/create_network_postcommit`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: basic() },
      });
      r.on("error", () => undefined);
      r.end(JSON.stringify({ network: net }));
      // leaf1 (first on the physnet) is being configured: the caller gives up now.
      await vi.waitFor(() => expect(ios.commandLog.length).toBeGreaterThan(before), { timeout: 10_000, interval: 10 });
      r.destroy();
      await vi.waitFor(
        () => expect(logLines.some((l) => l.includes("the caller disconnected before add_network on switch leaf2"))).toBe(true),
        { timeout: 10_000, interval: 20 },
      );
      expect(hasVlan(os10, 321)).toBe(false);
    } finally {
      ios.faults = {};
    }
  });

  it("create_network_postcommit adds the VLAN on every switch of the physnet, twice without change; delete removes it", async () => {
    const net = network(320, "physnet1");
    expect((await hook("create_network_postcommit", { network: net })).status).toBe(200);
    expect([hasVlan(ios, 320), hasVlan(os10, 320), hasVlan(other, 320)]).toEqual([true, true, false]);
    const state = [ios.snapshot(), os10.snapshot()];
    expect((await hook("create_network_postcommit", { network: net })).status).toBe(200);
    expect([ios.snapshot(), os10.snapshot()]).toEqual(state);
    expect((await hook("update_network_postcommit", { network: net, original: net })).status).toBe(200);
    expect((await hook("delete_network_postcommit", { network: net })).status).toBe(200);
    expect([hasVlan(ios, 320), hasVlan(os10, 320)]).toEqual([false, false]);
    expect((await hook("delete_network_postcommit", { network: net })).status).toBe(200);
    expect([hasVlan(ios, 320), hasVlan(os10, 320)]).toEqual([false, false]);
  });
});

describe("bad requests and auth", () => {
  it("a body that fails its schema is a 400 GenericSwitchInvalidValue naming what is wrong; nothing is sent", async () => {
    const before = commandCount();
    const a = await hook("bind_port", { segments_to_bind: [] });
    expect(a.status).toBe(400);
    expect(a.json).toEqual({ error: { class: "GenericSwitchInvalidValue", message: expect.stringMatching(/bind_port: .*port/) } });
    const b = await hook("update_port_postcommit", { port: { id: "p", "binding:profile": { local_link_information: [{ switch_info: "leaf1" }] } } });
    expect(b.status).toBe(400);
    expect((b.json as { error: { message: string } }).error.message).toContain("port_id");
    const c = await hook("create_network_postcommit", "{not json");
    expect(c.status).toBe(400);
    expect(c.json).toEqual({ error: { class: "GenericSwitchInvalidValue", message: "create_network_postcommit: the request body is not valid JSON" } });
    expect(commandCount()).toBe(before);
  });

  it("a port name carrying a command binds nothing and sends nothing", async () => {
    const before = commandCount();
    const p = port({ switch_info: "leaf1", port_id: "Gi1/0/9\nreload" });
    const a = await hook("bind_port", { port: p, segments_to_bind: [segment(301)] });
    expect(a.json).toMatchObject({ binding: null });
    const b = await hook("update_port_postcommit", { port: { ...p, "binding:vif_type": "other" }, bottom_bound_segment: segment(301) });
    expect(b.json).toMatchObject({ provisioning_complete: [] });
    expect(commandCount()).toBe(before);
  });

  it("the hooks need the listener's credentials: none or wrong is 401 and nothing is sent", async () => {
    const before = commandCount();
    const body = { network: { id: randomUUID(), "provider:network_type": "vlan", "provider:segmentation_id": 330, "provider:physical_network": "physnet1" } };
    const none = await http(`${server.url}/v1/ml2/create_network_postcommit`, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });
    expect(none.status).toBe(401);
    const wrong = await hook("create_network_postcommit", body, { authorization: basic(USER, "nope") });
    expect(wrong.status).toBe(401);
    expect(commandCount()).toBe(before);
    expect(logLines.join("\n")).not.toContain("nope");
  });
});

describe("operations", () => {
  it("logs one line per hook with Neutron's request id, which also lands on the switch lines", async () => {
    const rid = `req-${randomUUID()}`;
    const p = port({ switch_info: "leaf1", port_id: "GigabitEthernet1/0/6" }, { "binding:vif_type": "other" });
    await hook("update_port_postcommit", { port: p, bottom_bound_segment: segment(306) }, { "x-openstack-request-id": rid });
    const mine = logLines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.request_id === rid);
    expect(mine.find((l) => l.method === "ml2.update_port_postcommit")).toMatchObject({ switch: "leaf1", port: p.id, outcome: "ok", status: 200 });
    expect(mine.some((l) => l.operation === "plug_port_to_network")).toBe(true);
  });

  it("counts hooks and their switch operations in /metrics", async () => {
    const m = await http(`${server.url}/metrics`);
    expect(m.text).toMatch(/ngs_ml2_requests_total\{hook="bind_port",outcome="ok"\} \d+/);
    expect(m.text).toMatch(/ngs_ml2_requests_total\{hook="update_port_postcommit",outcome="GenericSwitchInvalidValue"\} [1-9]/);
    expect(m.text).toMatch(/ngs_operations_total\{switch="leaf1",operation="plug_port_to_network",result="ok"\} \d+/);
  });

  it("GET /openapi.json documents the JSON-RPC endpoint, health, metrics and every ML2 hook", async () => {
    const a = await http(`${server.url}/openapi.json`);
    expect(a.status).toBe(200);
    const doc = a.json as { openapi: string; paths: Record<string, Record<string, { requestBody?: unknown; security?: unknown }>> };
    expect(doc.openapi).toMatch(/^3\./);
    const hooks = ["bind_port", "update_port_postcommit", "delete_port_postcommit", "create_network_postcommit", "update_network_postcommit", "delete_network_postcommit", "subports_added", "subports_deleted"];
    expect(Object.keys(doc.paths).sort()).toEqual(["/", "/healthz", "/metrics", "/readyz", ...hooks.map((h) => `/v1/ml2/${h}`)].sort());
    expect(doc.paths["/v1/ml2/bind_port"]!.post!.requestBody).toBeDefined();
    expect(doc.paths["/v1/ml2/bind_port"]!.post!.security).toEqual([{ basic: [] }]);
  });
});

/**
 * `@ngs/server` in process, over real HTTP on a loopback port, driving
 * simulated switches over real SSH: Ironic's networking JSON-RPC API as
 * Ironic's client speaks it, every error path, auth and metrics.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSwitch, type SimSwitch } from "@ngs/switch-sim";
import { ciscoIos } from "@ngs/device-cisco/platforms";
import { dellOs10 } from "@ngs/device-dell/platforms";
import { huawei } from "@ngs/device-huawei/platforms";
import type { RunningServer } from "@ngs/server";
import { IronicClient, SW_PASSWORD, SW_SECRET, http, section, startBasicAuthServer } from "./helpers.js";

const API_USER = "ironic";
const API_PASSWORD = "Api-Secret-pw-5521";
const MAC = "AA:BB:CC:00:11:22";

let dir: string;
let ios: SimSwitch;
let os10: SimSwitch;
let vrp: SimSwitch;
let os10b: SimSwitch;
let server: RunningServer;
let client: IronicClient;
let logLines: string[];

const sims = () => [ios, os10, vrp, os10b];
const commandCount = () => sims().reduce((n, s) => n + s.commandLog.length, 0);
const sessionCount = () => sims().reduce((n, s) => n + s.counters.sessionsOpened, 0);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ngs-server-"));
  const opts = { host: "127.0.0.1", username: "admin", password: SW_PASSWORD, secret: SW_SECRET };
  [ios, os10, vrp, os10b] = await Promise.all([
    startSwitch({ ...opts, platform: ciscoIos, hostname: "leaf-ios" }),
    startSwitch({ ...opts, platform: dellOs10, hostname: "leaf-os10" }),
    startSwitch({ ...opts, platform: huawei, hostname: "leaf-vrp" }),
    startSwitch({ ...opts, platform: dellOs10, hostname: "leaf-os10b" }),
  ]);
  ({ server, logLines } = await startBasicAuthServer(
    dir,
    [
      section("leaf-ios", "netmiko_cisco_ios", ios, [`ngs_mac_address = ${MAC}`, "ngs_allowed_vlans = 100,101,102,103,200", "ngs_port_default_vlan = 200"]),
      section("leaf-os10", "netmiko_dell_os10", os10),
      section("leaf-vrp", "netmiko_huawei", vrp),
      section("leaf-os10b", "netmiko_dell_os10", os10b),
    ],
    { username: API_USER, password: API_PASSWORD },
  ));
  client = new IronicClient(`${server.url}/`, { username: API_USER, password: API_PASSWORD });
});

afterAll(async () => {
  await server?.close();
  await Promise.all(sims().map((s) => s?.close()));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("update_port / reset_port / get_switches", () => {
  it("update_port access plugs the port into the native VLAN and answers Ironic's port configuration", async () => {
    const r = await client.call("update_port", {
      switch_id: "leaf-ios",
      port_name: "GigabitEthernet1/0/1",
      description: "node-1 nic 0",
      mode: "access",
      native_vlan: 100,
    });
    expect(r.error).toBeUndefined();
    expect(r.result).toEqual({
      switch_id: "leaf-ios",
      port_name: "GigabitEthernet1/0/1",
      description: "node-1 nic 0",
      mode: "access",
      native_vlan: 100,
      allowed_vlans: [],
      default_vlan: null,
      lag_name: null,
      status: "configured",
    });
    expect(ios.snapshot().ports["GigabitEthernet1/0/1"]).toMatchObject({ mode: "access", accessVlan: 100 });
  });

  it("answers with the request id Ironic sent as id", async () => {
    const r = await client.call("get_switches", {}, { requestId: "req-0b9a2c1e-5f52-4d0e-9d43-6a0cfe2b8f11" });
    expect(r.id).toBe("req-0b9a2c1e-5f52-4d0e-9d43-6a0cfe2b8f11");
    expect(r.jsonrpc).toBe("2.0");
    const numeric = await client.post({ jsonrpc: "2.0", method: "get_switches", params: {}, id: 7 });
    expect((numeric.json as { id: unknown }).id).toBe(7);
  });

  it("update_port trunk sets the native VLAN and the other allowed VLANs as tagged", async () => {
    const r = await client.call("update_port", {
      switch_id: "leaf-ios",
      port_name: "GigabitEthernet1/0/2",
      description: "trunk",
      mode: "trunk",
      native_vlan: 101,
      allowed_vlans: [101, 102, 103],
      lag_name: null,
    });
    expect(r.error).toBeUndefined();
    expect(r.result).toMatchObject({ mode: "trunk", native_vlan: 101, allowed_vlans: [101, 102, 103], status: "configured" });
    const port = ios.snapshot().ports["GigabitEthernet1/0/2"]!;
    expect(port.mode).toBe("trunk");
    expect(port.nativeVlan).toBe(101);
    expect(port.allowedVlans).toEqual(expect.arrayContaining([102, 103]));
  });

  it("switch_id matches ngs_mac_address case-insensitively", async () => {
    const r = await client.call("update_port", {
      switch_id: MAC.toLowerCase(),
      port_name: "GigabitEthernet1/0/3",
      description: "by mac",
      mode: "access",
      native_vlan: 102,
    });
    expect(r.error).toBeUndefined();
    expect(r.result?.switch_id).toBe(MAC.toLowerCase());
    expect(ios.snapshot().ports["GigabitEthernet1/0/3"]).toMatchObject({ mode: "access", accessVlan: 102 });
  });

  it("reset_port without default_vlan restores ngs_port_default_vlan", async () => {
    const r = await client.call("reset_port", { switch_id: "leaf-ios", port_name: "GigabitEthernet1/0/1", native_vlan: 100 });
    expect(r.result).toEqual({
      switch_id: "leaf-ios",
      port_name: "GigabitEthernet1/0/1",
      description: "Default port configuration",
      mode: "access",
      native_vlan: 100,
      allowed_vlans: [],
      default_vlan: null,
      status: "reset",
    });
    expect(ios.snapshot().ports["GigabitEthernet1/0/1"]).toMatchObject({ accessVlan: 200 });
  });

  it("reset_port with default_vlan restores that VLAN", async () => {
    await client.call("update_port", { switch_id: "leaf-os10", port_name: "ethernet1/1/5", description: "", mode: "access", native_vlan: 300 });
    expect(os10.snapshot().ports["ethernet1/1/5"]).toMatchObject({ accessVlan: 300 });
    const r = await client.call("reset_port", { switch_id: "leaf-os10", port_name: "ethernet1/1/5", native_vlan: 300, default_vlan: 5 });
    expect(r.result).toMatchObject({ status: "reset", default_vlan: 5 });
    expect(os10.snapshot().ports["ethernet1/1/5"]).toMatchObject({ accessVlan: 5 });
  });

  it("get_switches lists every switch as Ironic's driver does", async () => {
    const r = await client.call("get_switches");
    expect(r.result).toEqual({
      "leaf-ios": { switch_id: "leaf-ios", device_name: "leaf-ios", device_type: "netmiko_cisco_ios", allowed_vlans: "100,101,102,103,200" },
      "leaf-os10": { switch_id: "leaf-os10", device_name: "leaf-os10", device_type: "netmiko_dell_os10", allowed_vlans: null },
      "leaf-vrp": { switch_id: "leaf-vrp", device_name: "leaf-vrp", device_type: "netmiko_huawei", allowed_vlans: null },
      "leaf-os10b": { switch_id: "leaf-os10b", device_name: "leaf-os10b", device_type: "netmiko_dell_os10", allowed_vlans: null },
    });
  });

  it("a notification (no id) is carried out and answered 204 with no body", async () => {
    const a = await client.cast("update_port", { switch_id: "leaf-ios", port_name: "GigabitEthernet1/0/4", description: "", mode: "access", native_vlan: 103 });
    expect(a.status).toBe(204);
    expect(a.text).toBe("");
    expect(ios.snapshot().ports["GigabitEthernet1/0/4"]).toMatchObject({ accessVlan: 103 });
  });
});

describe("LAGs (beyond Ironic's driver)", () => {
  it("update_lag plugs the bond with the vendor's bond commands; delete_lag takes it out", async () => {
    const r = await client.call("update_lag", {
      switch_ids: ["leaf-os10"],
      lag_name: "port-channel10",
      description: "bond",
      mode: "access",
      native_vlan: 120,
      aggregation_mode: "lacp",
    });
    expect(r.error).toBeUndefined();
    expect(r.result).toMatchObject({ switch_ids: ["leaf-os10"], lag_name: "port-channel10", native_vlan: 120, status: "configured" });
    expect(os10.snapshot().ports["port-channel10"]).toMatchObject({ accessVlan: 120 });
    const d = await client.call("delete_lag", { switch_ids: ["leaf-os10"], lag_name: "port-channel10" });
    expect(d.result).toEqual({ switch_ids: ["leaf-os10"], lag_name: "port-channel10", status: "deleted" });
    expect(os10.snapshot().ports["port-channel10"]!.accessVlan).not.toBe(120);
  });

  it("update_lag across two switches: one failing is reported with the switches already configured", async () => {
    os10b.faults = { errorOn: [{ pattern: /switchport access vlan 130/, output: "% Error: Invalid VLAN." }] };
    try {
      const r = await client.call("update_lag", {
        switch_ids: ["leaf-os10", "leaf-os10b"],
        lag_name: "port-channel20",
        description: "mlag",
        mode: "access",
        native_vlan: 130,
        aggregation_mode: "lacp",
      });
      expect(r.error).toMatchObject({ code: 500, data: { class: "ironic.common.exception.NetworkError" } });
      expect(r.error!.message).toContain("Failed to configure LAG port-channel20 on switch leaf-os10b");
      expect(r.error!.message).toContain("(already configured on: leaf-os10)");
      expect(os10.snapshot().ports["port-channel20"]).toMatchObject({ accessVlan: 130 });
      expect(os10b.snapshot().ports["port-channel20"]?.accessVlan ?? null).not.toBe(130);
    } finally {
      os10b.faults = {};
    }
  });

  it("a device type without bond commands is refused before anything is sent, on every listed switch", async () => {
    const before = commandCount();
    const r = await client.call("update_lag", {
      switch_ids: ["leaf-os10", "leaf-ios"],
      lag_name: "Port-channel3",
      description: "",
      mode: "access",
      native_vlan: 100,
      aggregation_mode: "lacp",
    });
    expect(r.error).toMatchObject({ code: 400, data: { class: "ironic.common.exception.Invalid" } });
    expect(r.error!.message).toContain("leaf-ios");
    expect(r.error!.message).toContain("netmiko_cisco_ios has no bond (port-channel) commands");
    const d = await client.call("delete_lag", { switch_ids: ["leaf-ios"], lag_name: "Port-channel3" });
    expect(d.error).toMatchObject({ code: 400, data: { class: "ironic.common.exception.Invalid" } });
    expect(commandCount()).toBe(before);
  });
});

describe("errors", () => {
  const base = { switch_id: "leaf-ios", port_name: "GigabitEthernet1/0/9", description: "", mode: "access", native_vlan: 100 };
  let before: number;
  let sessionsBefore: number;
  beforeAll(() => {
    before = commandCount();
    sessionsBefore = sessionCount();
  });

  it.each([
    ["unknown switch", { ...base, switch_id: "no-such-switch" }, 404, "SwitchNotFound", "Switch no-such-switch could not be found"],
    ["bad mode", { ...base, mode: "hybrid" }, 400, "InvalidParameterValue", "mode must be one of: access, trunk"],
    ["VLAN out of range", { ...base, native_vlan: 4095 }, 400, "InvalidParameterValue", "native_vlan must be an integer between 1 and 4094"],
    ["VLAN as a string", { ...base, native_vlan: "100" }, 400, "InvalidParameterValue", "native_vlan must be an integer"],
    ["allowed_vlans not a list", { ...base, mode: "trunk", allowed_vlans: "100" }, 400, "InvalidParameterValue", "allowed_vlans must be a list"],
    ["trunk without allowed_vlans", { ...base, mode: "trunk" }, 400, "InvalidParameterValue", "allowed_vlans cannot be empty"],
    ["VLAN not in ngs_allowed_vlans", { ...base, native_vlan: 999 }, 400, "InvalidParameterValue", "VLAN 999 not allowed on switch leaf-ios"],
    ["allowed VLAN not in ngs_allowed_vlans", { ...base, mode: "trunk", allowed_vlans: [100, 3000] }, 400, "InvalidParameterValue", "VLAN 3000 not allowed"],
    ["shell metacharacters in the port name", { ...base, port_name: "Gi1/0/1; reload\nyes" }, 400, "InvalidParameterValue", "Invalid port_name for switch leaf-ios"],
    ["trunk on a device type without trunks", { ...base, switch_id: "leaf-vrp", mode: "trunk", allowed_vlans: [100, 101] }, 500, "NetworkError", "trunks is not supported"],
  ])("%s: refused with its code and class, nothing sent", async (_what, params, code, cls, text) => {
    const r = await client.call("update_port", params);
    expect(r.error).toMatchObject({ code, data: { class: `ironic.common.exception.${cls}` } });
    expect(r.error!.message).toContain(text);
    expect(r.result).toBeUndefined();
  });

  it("reset_port on an unknown switch is SwitchNotFound", async () => {
    const r = await client.call("reset_port", { switch_id: "ghost", port_name: "Gi1/0/1", native_vlan: 100 });
    expect(r.error).toMatchObject({ code: 404, data: { class: "ironic.common.exception.SwitchNotFound" } });
  });

  it("none of the refused requests reached a switch", () => {
    expect(commandCount()).toBe(before);
    expect(sessionCount()).toBe(sessionsBefore);
  });

  it("a switch that fails is NetworkError naming switch, port and cause, without the switch's password", async () => {
    ios.faults = { errorOn: [{ pattern: /switchport access vlan 101/, output: "% Invalid input detected at '^' marker." }] };
    try {
      const r = await client.call("update_port", { ...base, port_name: "GigabitEthernet1/0/8", native_vlan: 101 });
      expect(r.error).toMatchObject({ code: 500, data: { class: "ironic.common.exception.NetworkError" } });
      expect(r.error!.message).toContain("Failed to configure network port GigabitEthernet1/0/8 on switch leaf-ios");
      expect(r.error!.message).not.toContain(SW_PASSWORD);
      expect(r.error!.message).not.toContain(SW_SECRET);
    } finally {
      ios.faults = {};
    }
  });

  it("JSON-RPC protocol errors: -32700, -32600, -32601, -32602 (no data.class)", async () => {
    const parse = await client.post(undefined, "{not json");
    expect(parse.json).toMatchObject({ jsonrpc: "2.0", id: null, error: { code: -32700 } });
    const wrongVersion = await client.post({ jsonrpc: "1.0", method: "get_switches", params: {}, id: "req-1" });
    expect(wrongVersion.json).toMatchObject({ id: "req-1", error: { code: -32600 } });
    const batch = await client.post([{ jsonrpc: "2.0", method: "get_switches", id: "req-2" }]);
    expect(batch.json).toMatchObject({ error: { code: -32600 } });
    const unknown = await client.call("frobnicate");
    expect(unknown.error).toMatchObject({ code: -32601, message: "Method frobnicate was not found" });
    const missing = await client.call("update_port", { switch_id: "leaf-ios" });
    expect(missing.error!.code).toBe(-32602);
    expect(missing.error!.message).toContain("missing required argument 'port_name'");
    const extra = await client.call("get_switches", { bogus: 1 });
    expect(extra.error!.message).toContain("unexpected keyword argument 'bogus'");
    const major = await client.call("get_switches", {}, { version: "2.0" });
    expect(major.error).toMatchObject({ code: -32602 });
    expect(major.error!.message).toContain('rpc.version "2.0" is not supported');
    for (const e of [parse.json, wrongVersion.json, unknown, missing, major] as { error: { data?: unknown } }[]) expect(e.error.data).toBeUndefined();
    const minor = await client.call("get_switches", {}, { version: "1.3" });
    expect(minor.error).toBeUndefined();
  });

  it("other HTTP verbs on / get 405", async () => {
    const a = await http(`${server.url}/`, {
      headers: { authorization: `Basic ${Buffer.from(`${API_USER}:${API_PASSWORD}`).toString("base64")}` },
    });
    expect(a.status).toBe(405);
  });
});

describe("auth, logs, metrics", () => {
  it("a wrong password gets 401, reaches no switch, and the password is never logged", async () => {
    const before = commandCount();
    const wrong = new IronicClient(`${server.url}/`, { username: API_USER, password: "Wrong-pw-8812" });
    const a = await wrong.post({ jsonrpc: "2.0", method: "get_switches", params: {}, id: "req-x" });
    expect(a.status).toBe(401);
    expect(a.headers["www-authenticate"]).toMatch(/^Basic/);
    const none = await new IronicClient(`${server.url}/`).post({ jsonrpc: "2.0", method: "get_switches", params: {}, id: "req-y" });
    expect(none.status).toBe(401);
    expect(commandCount()).toBe(before);
    await vi_waitForLog((l) => l.includes("authentication failed"));
    const all = logLines.join("\n");
    expect(all).not.toContain("Wrong-pw-8812");
    expect(all).not.toContain(API_PASSWORD);
    expect(all).not.toContain(SW_PASSWORD);
  });

  it("one log line per request with method, switch, port, duration, outcome and Ironic's request_id", async () => {
    const rid = "req-11111111-2222-4333-8444-555555555555";
    await client.call("update_port", { switch_id: "leaf-ios", port_name: "GigabitEthernet1/0/6", description: "", mode: "access", native_vlan: 100 }, { requestId: rid });
    const line = await vi_waitForLog((l) => l.includes(rid) && l.includes('"outcome"'));
    const rec = JSON.parse(line) as Record<string, unknown>;
    expect(rec).toMatchObject({ method: "update_port", switch: "leaf-ios", port: "GigabitEthernet1/0/6", outcome: "ok", request_id: rid });
    expect(typeof rec.duration_ms).toBe("number");
    // The request id is carried into that request's switch-level lines too.
    expect(logLines.some((l) => l.includes(rid) && !l.includes('"outcome"') && l.includes('"switch":"leaf-ios"'))).toBe(true);
  });

  it("/healthz, /readyz and /metrics (Prometheus text whose counters match the calls)", async () => {
    expect((await http(`${server.url}/healthz`)).status).toBe(200);
    const ready = await http(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    const parse = (text: string) => {
      const samples = new Map<string, number>();
      for (const line of text.split("\n")) {
        if (line === "" || line.startsWith("#")) continue;
        const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (\S+)$/.exec(line);
        if (!m) throw new Error(`not Prometheus text: ${line}`);
        samples.set(m[1]!, Number(m[2]));
      }
      return samples;
    };
    const m1 = parse((await http(`${server.url}/metrics`)).text);
    const key = 'ngs_jsonrpc_requests_total{method="get_switches",outcome="ok"}';
    const opKey = 'ngs_operations_total{switch="leaf-os10",operation="update_port",result="ok"}';
    const n = m1.get(key) ?? 0;
    const ops = m1.get(opKey) ?? 0;
    await client.call("get_switches");
    await client.call("get_switches");
    await client.call("update_port", { switch_id: "leaf-os10", port_name: "ethernet1/1/7", description: "", mode: "access", native_vlan: 77 });
    const m2 = parse((await http(`${server.url}/metrics`)).text);
    expect(m2.get(key)).toBe(n + 2);
    expect(m2.get(opKey)).toBe(ops + 1);
    expect(m2.get('ngs_operation_duration_seconds_count{switch="leaf-os10",operation="update_port"}')).toBe(ops + 1);
    expect(m2.get('ngs_jsonrpc_requests_total{method="update_port",outcome="SwitchNotFound"}')).toBeGreaterThanOrEqual(1);
    // Sessions: what the simulated switches saw opened; none is left open (reuse is off).
    const opened = ["leaf-ios", "leaf-os10", "leaf-vrp", "leaf-os10b"].reduce((n, sw) => n + (m2.get(`ngs_ssh_sessions_opened_total{switch="${sw}"}`) ?? 0), 0);
    expect(opened).toBe(sessionCount());
    expect(m2.get('ngs_ssh_sessions_open{switch="leaf-os10"}')).toBe(0);
  });
});

async function vi_waitForLog(pred: (l: string) => boolean): Promise<string> {
  const { vi } = await import("vitest");
  return vi.waitFor(
    () => {
      const l = logLines.find(pred);
      if (!l) throw new Error("log line not written yet");
      return l;
    },
    { timeout: 5000, interval: 20 },
  );
}

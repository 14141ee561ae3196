/**
 * `ngs serve` as a child process: SIGTERM during an operation on a slow
 * switch, a second signal, SIGHUP reloads, readiness against a real etcd,
 * two processes sharing one etcd with batching on, and refusing noauth on a
 * public address.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startSwitch, type SimSwitch } from "@ngs/switch-sim";
import { ciscoIos } from "@ngs/device-cisco/platforms";
import { IronicClient, SIM_PASSWORD as SW_PASSWORD, SIM_SECRET as SW_SECRET, http, simSection as section, startEtcd, type EtcdFixture } from "@ngs/test-utils";
import { NGS_BIN } from "./ngs-bin.js";

interface Served {
  child: ChildProcess;
  url: string;
  stderr: () => string;
  exit: Promise<number | null>;
}

/** Start `ngs serve` and wait for its "listening" log line (it picks a free port). */
async function serve(config: string, extra: string[] = []): Promise<Served> {
  const child = spawn(process.execPath, [NGS_BIN, "serve", "--config-file", config, "--host-ip", "127.0.0.1", "--port", "0", "--auth-strategy", "noauth", ...extra], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NGS_LOG_LEVEL: "info", NGS_CONFIG_FILE: "", NGS_CONFIG_DIR: "" },
  });
  let err = "";
  child.stderr!.on("data", (d) => (err += d));
  child.stdout!.resume();
  const exit = new Promise<number | null>((r) => child.on("close", r));
  const url = await vi.waitFor(
    () => {
      const m = /"msg":"ngs serve listening on (http[^"]+)"/.exec(err);
      if (!m) {
        if (child.exitCode !== null) throw new Error(`ngs serve exited ${child.exitCode}: ${err}`);
        throw new Error("not listening yet");
      }
      return m[1]!;
    },
    { timeout: 20_000, interval: 50 },
  );
  return { child, url, stderr: () => err, exit };
}

const running: Served[] = [];
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "ngs-serve-proc-"));
});

afterAll(async () => {
  for (const s of running) if (s.child.exitCode === null) s.child.kill("SIGKILL");
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const simOpts = { host: "127.0.0.1", username: "admin", password: SW_PASSWORD, secret: SW_SECRET };
const plug = (port: string, vlan: number, sw = "leaf") => ({ switch_id: sw, port_name: port, description: "", mode: "access", native_vlan: vlan });

describe("signals", () => {
  let sim: SimSwitch;
  let config: string;
  beforeAll(async () => {
    sim = await startSwitch({ ...simOpts, platform: ciscoIos });
    config = join(dir, "signals.ini");
    writeFileSync(config, section("leaf", "netmiko_cisco_ios", sim));
  });
  afterAll(async () => sim?.close());

  it("SIGTERM during an operation on a slow switch: the operation completes, its caller gets the result, exit 0", async () => {
    const s = await serve(config);
    running.push(s);
    const client = new IronicClient(`${s.url}/`);
    sim.faults = { commandLatencyMs: 80 };
    try {
      const before = sim.commandLog.length;
      const pending = client.call("update_port", plug("GigabitEthernet1/0/11", 111));
      await vi.waitFor(() => expect(sim.commandLog.length).toBeGreaterThan(before), { timeout: 10_000, interval: 10 });
      s.child.kill("SIGTERM");
      const r = await pending;
      expect(r.result).toMatchObject({ port_name: "GigabitEthernet1/0/11", status: "configured" });
      expect(sim.snapshot().ports["GigabitEthernet1/0/11"]).toMatchObject({ mode: "access", accessVlan: 111 });
      expect(await s.exit).toBe(0);
      expect(s.stderr()).toContain("shutting down");
    } finally {
      sim.faults = {};
    }
  });

  it("a second signal exits at once", async () => {
    const s = await serve(config);
    running.push(s);
    const client = new IronicClient(`${s.url}/`);
    sim.faults = { commandLatencyMs: 2000 };
    try {
      const before = sim.commandLog.length;
      const pending = client.call("update_port", plug("GigabitEthernet1/0/12", 112)).catch((e: Error) => e);
      await vi.waitFor(() => expect(sim.commandLog.length).toBeGreaterThan(before), { timeout: 10_000, interval: 10 });
      s.child.kill("SIGTERM");
      await vi.waitFor(() => expect(s.stderr()).toContain("shutting down"), { timeout: 5000, interval: 10 });
      s.child.kill("SIGTERM");
      expect(await s.exit).toBe(1);
      expect(s.stderr()).toContain("second signal: exiting now");
      expect(await pending).toBeInstanceOf(Error);
    } finally {
      sim.faults = {};
    }
  });

  it("SIGHUP reloads the config; a broken one is refused and the old one kept", async () => {
    const file = join(dir, "reload.ini");
    writeFileSync(file, section("leaf", "netmiko_cisco_ios", sim));
    const s = await serve(file);
    running.push(s);
    const client = new IronicClient(`${s.url}/`);
    expect(Object.keys((await client.call("get_switches")).result ?? {})).toEqual(["leaf"]);

    writeFileSync(file, section("leaf", "netmiko_cisco_ios", sim) + "[genericswitch:leaf3]\nngs_max_connections = zero\n[genericswitch:leaf4]\nip = 127.0.0.1\n");
    s.child.kill("SIGHUP");
    await vi.waitFor(() => expect(s.stderr()).toContain("reload failed; keeping the configuration in force"), { timeout: 10_000, interval: 20 });
    // Every problem is logged, each on its own line.
    expect(s.stderr()).toMatch(/reload: .*\[genericswitch:leaf3\] ngs_max_connections/);
    expect(s.stderr()).toMatch(/reload: .*\[genericswitch:leaf4\]/);
    expect(Object.keys((await client.call("get_switches")).result ?? {})).toEqual(["leaf"]);

    writeFileSync(file, section("leaf", "netmiko_cisco_ios", sim) + section("leaf2", "netmiko_cisco_ios", sim));
    s.child.kill("SIGHUP");
    await vi.waitFor(() => expect(s.stderr()).toContain("configuration reloaded"), { timeout: 10_000, interval: 20 });
    expect(Object.keys((await client.call("get_switches")).result ?? {}).sort()).toEqual(["leaf", "leaf2"]);
    const r = await client.call("update_port", plug("GigabitEthernet1/0/13", 113, "leaf2"));
    expect(r.result).toMatchObject({ status: "configured" });
    s.child.kill("SIGTERM");
    expect(await s.exit).toBe(0);
  });
});

describe("with etcd", () => {
  let etcd: EtcdFixture;
  let sim: SimSwitch;
  beforeAll(async () => {
    etcd = await startEtcd();
    sim = await startSwitch({ ...simOpts, platform: ciscoIos });
  });
  afterAll(async () => {
    await sim?.close();
    await etcd?.stop();
  });

  it("/readyz is 503 with the reason while etcd is down and 200 when it is back", async () => {
    const file = join(dir, "etcd.ini");
    writeFileSync(file, `${section("leaf", "netmiko_cisco_ios", sim)}[ngs_coordination]\nbackend_url = ${etcd.url}\n`);
    const s = await serve(file);
    running.push(s);
    expect((await http(`${s.url}/readyz`)).status).toBe(200);
    await etcd.kill();
    const down = await vi.waitFor(
      async () => {
        const a = await http(`${s.url}/readyz`);
        expect(a.status).toBe(503);
        return a;
      },
      { timeout: 15_000, interval: 200 },
    );
    expect((down.json as { reason: string }).reason).toMatch(/coordination backend .* unreachable/);
    expect((await http(`${s.url}/healthz`)).status).toBe(200);
    await etcd.restart();
    await vi.waitFor(async () => expect((await http(`${s.url}/readyz`)).status).toBe(200), { timeout: 20_000, interval: 200 });
    s.child.kill("SIGTERM");
    expect(await s.exit).toBe(0);
  });

  it("two ngs serve processes sharing etcd with batching: 100 concurrent update_port all succeed, exact state, few SSH sessions", async () => {
    const file = join(dir, "batch.ini");
    writeFileSync(file, `${section("leaf", "netmiko_cisco_ios", sim, ["ngs_batch_requests = true"])}[ngs_coordination]\nbackend_url = ${etcd.url}\n`);
    const [a, b] = await Promise.all([serve(file), serve(file)]);
    running.push(a!, b!);
    const clients = [new IronicClient(`${a!.url}/`), new IronicClient(`${b!.url}/`)];
    const sessionsBefore = sim.counters.sessionsOpened;
    const calls = Array.from({ length: 100 }, (_, i) => clients[i % 2]!.call("update_port", plug(`GigabitEthernet2/0/${i + 1}`, 1000 + i)));
    const results = await Promise.all(calls);
    for (const [i, r] of results.entries()) {
      expect(r.error).toBeUndefined();
      expect(r.result).toMatchObject({ port_name: `GigabitEthernet2/0/${i + 1}`, native_vlan: 1000 + i, status: "configured" });
    }
    const ports = sim.snapshot().ports;
    for (let i = 0; i < 100; i++) expect(ports[`GigabitEthernet2/0/${i + 1}`]).toMatchObject({ mode: "access", accessVlan: 1000 + i });
    const sessions = sim.counters.sessionsOpened - sessionsBefore;
    expect(sessions).toBeLessThan(25);
    a!.child.kill("SIGTERM");
    b!.child.kill("SIGTERM");
    expect(await a!.exit).toBe(0);
    expect(await b!.exit).toBe(0);
  });
});

// Moved from packages/server/test/listener.test.ts: it runs the ngs command, which the server package cannot depend on.
describe("listener settings", () => {
  let sim: SimSwitch;
  beforeAll(async () => {
    sim = await startSwitch({ ...simOpts, platform: ciscoIos });
  });
  afterAll(async () => sim?.close());

  function writeConfig(name: string, listener: string[]): string {
    const file = join(dir, name);
    writeFileSync(file, [section("leaf", "netmiko_cisco_ios", sim), "[ironic_networking_json_rpc]", ...listener, ""].join("\n"));
    return file;
  }

  it("ngs serve exits 2 with the reason when noauth is asked for on a public address, listening on nothing", async () => {
    const file = writeConfig("cli-public.ini", ["host_ip = 0.0.0.0", "port = 0", "auth_strategy = noauth"]);
    const child = spawn(process.execPath, [NGS_BIN, "serve", "--config-file", file], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NGS_LOG_LEVEL: "" } });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const code = await new Promise<number | null>((r) => child.on("close", r));
    expect(code).toBe(2);
    expect(stderr).toContain("noauth is only allowed on a loopback host_ip");
  });
});

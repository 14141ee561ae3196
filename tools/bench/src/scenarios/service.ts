/**
 * Service: `update_port` through `ngs serve`'s HTTP JSON-RPC endpoint versus
 * the same device operation called in process, at concurrency 1 and 50, on
 * one simulated Cisco IOS switch (0 ms per command, sessions reused). The
 * difference at p50 is what the HTTP layer (fastify, JSON-RPC envelope,
 * validation, logging, metrics) adds. The switch runs in its own process
 * (`ngs sim`), so its SSH work does not sit in the event loop between an
 * operation's end and the HTTP answer.
 */
import { Agent, createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createLogger, loadDevices, type GenericSwitchDevice } from "@ngs/core";
import { startServer } from "@ngs/server";
import { spawn, type ChildProcess } from "node:child_process";
import { createServer as createTcpServer } from "node:net";
import { machineInfo, type MachineInfo } from "../machine.js";
import { portNames, round2 } from "./common.js";

export interface LatencyStats {
  p50Ms: number;
  p99Ms: number;
  opsPerS: number;
}

export interface ServicePoint {
  concurrency: number;
  ops: number;
  http: LatencyStats;
  inProcess: LatencyStats;
  /** http p50 − in-process p50. */
  addedP50Ms: number;
  /** The same client against a bare Node HTTP server answering a fixed body at once: HTTP itself, no ngs. */
  httpFloor: LatencyStats;
  /** http p50 − in-process p50 − HTTP floor p50: what ngs's server code adds beyond HTTP itself. */
  serverOverFloorP50Ms: number;
  /** `get_switches` through ngs serve (the whole HTTP and JSON-RPC path, no switch I/O). */
  rpcNoSwitch: LatencyStats;
  /** rpcNoSwitch p50 − HTTP floor p50: the HTTP layer of ngs serve alone. */
  httpLayerP50Ms: number;
}

export interface ServiceResult {
  scenario: "service";
  /** When and where this scenario ran (it can be recorded apart from the others). */
  machine: MachineInfo;
  points: ServicePoint[];
  targetAddedP50Ms: number;
}

export interface ServiceOptions {
  ops: number;
  concurrencyLevels: number[];
}

const PASSWORD = "bench-pw";
/** The ngs command's package.json: its dependencies are the vendor plugins. */
const CLI_PACKAGE_JSON = createRequire(import.meta.url).resolve("@ngs/cli/package.json");
const NGS_BIN = join(CLI_PACKAGE_JSON, "..", "dist", "bin.js");

export async function benchService(o: ServiceOptions): Promise<ServiceResult> {
  const dir = await mkdtemp(join(tmpdir(), "ngs-bench-service-"));
  const sim = { host: "127.0.0.1", port: await freePort() };
  const config = join(dir, "ngs.ini");
  await writeFile(
    config,
    [
      "[genericswitch:sw]",
      "device_type = netmiko_cisco_ios",
      `ip = ${sim.host}`,
      `port = ${sim.port}`,
      "username = admin",
      `password = ${PASSWORD}`,
      `secret = ${PASSWORD}`,
      "ngs_ssh_reuse_connection = true",
      "ngs_max_connections = 8",
      "ngs_save_configuration = false",
      "[ironic_networking_json_rpc]",
      "host_ip = 127.0.0.1",
      "port = 0",
      "auth_strategy = noauth",
      "",
    ].join("\n"),
  );
  const simProcess = await startSim(config);
  const ports = portNames(Math.max(...o.concurrencyLevels) * 2);
  const logger = createLogger({ level: "silent" });
  const { devices } = await loadDevices({ configFiles: [config], hostPackageJson: CLI_PACKAGE_JSON, context: { logger } });
  const device = devices.get("sw") as GenericSwitchDevice;
  const server = await startServer({ configFiles: [config], hostPackageJson: CLI_PACKAGE_JSON, logLevel: "silent" });
  const agent = new Agent({ keepAlive: true, maxSockets: Math.max(...o.concurrencyLevels) });
  const url = new URL(`${server.url}/`);
  const floor = await bareServer();
  const floorUrl = new URL(`http://127.0.0.1:${(floor.address() as AddressInfo).port}/`);
  let n = 0;
  const post = (target: URL, body: string) =>
    new Promise<string>((resolve, reject) => {
      const r = request(target, { method: "POST", agent, headers: { "content-type": "application/json" } }, (res) => {
        let t = "";
        res.on("data", (d) => (t += d));
        res.on("end", () => resolve(t));
      });
      r.on("error", reject);
      r.end(body);
    });
  const body = (i: number) =>
    JSON.stringify({
      jsonrpc: "2.0",
      method: "update_port",
      params: { switch_id: "sw", port_name: ports[i % ports.length], description: "", mode: "access", native_vlan: 100 + (i % 2), context: { request_id: `req-${++n}` }, "rpc.version": "1.0" },
      id: `req-${n}`,
    });
  const viaFloor = (i: number) => post(floorUrl, body(i));
  const getSwitches = JSON.stringify({ jsonrpc: "2.0", method: "get_switches", params: { context: { request_id: "req-gs" }, "rpc.version": "1.0" }, id: "req-gs" });
  const viaRpcOnly = async () => {
    const text = await post(url, getSwitches);
    if (!text.includes('"result"')) throw new Error(`get_switches failed: ${text}`);
  };
  const viaHttp = async (i: number) => {
    const text = await post(url, body(i));
    if (!text.includes('"status":"configured"')) throw new Error(`update_port failed: ${text}`);
  };
  const inProcess = (i: number) => device.plugPortToNetwork(ports[i % ports.length]!, 100 + (i % 2));
  try {
    const points: ServicePoint[] = [];
    for (const concurrency of o.concurrencyLevels) {
      await measure(inProcess, concurrency, concurrency * 2); // warm the session pool
      await measure(viaHttp, concurrency, concurrency * 2);
      await measure(viaFloor, concurrency, concurrency * 2);
      const a = await measure(inProcess, concurrency, o.ops);
      const h = await measure(viaHttp, concurrency, o.ops);
      const f = await measure(viaFloor, concurrency, o.ops);
      const g = await measure(viaRpcOnly, concurrency, o.ops);
      points.push({
        concurrency,
        ops: o.ops,
        http: h,
        inProcess: a,
        addedP50Ms: round2(h.p50Ms - a.p50Ms),
        httpFloor: f,
        serverOverFloorP50Ms: round2(h.p50Ms - a.p50Ms - f.p50Ms),
        rpcNoSwitch: g,
        httpLayerP50Ms: round2(g.p50Ms - f.p50Ms),
      });
    }
    return { scenario: "service", machine: machineInfo(), points, targetAddedP50Ms: 1 };
  } finally {
    agent.destroy();
    await new Promise((r) => floor.close(r));
    await server.close();
    for (const d of devices.values()) await (d as unknown as { close?: () => Promise<void> }).close?.();
    simProcess.kill("SIGTERM");
    await new Promise((r) => simProcess.once("close", r));
    await rm(dir, { recursive: true, force: true });
  }
}

/** `ops` calls of `fn` from `concurrency` workers; per-call latency percentiles and throughput. */
async function measure(fn: (i: number) => Promise<unknown>, concurrency: number, ops: number): Promise<LatencyStats> {
  const lat: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < ops; i = next++) {
        const t = performance.now();
        await fn(i);
        lat.push(performance.now() - t);
      }
    }),
  );
  const wall = performance.now() - started;
  lat.sort((x, y) => x - y);
  const pct = (p: number) => lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))]!;
  return { p50Ms: round2(pct(50)), p99Ms: round2(pct(99)), opsPerS: round2((ops / wall) * 1000) };
}

/** A bare Node HTTP server answering every request at once with a fixed JSON body of update_port's size. */
async function bareServer(): Promise<Server> {
  const answer = JSON.stringify({ jsonrpc: "2.0", id: "req-0", result: { switch_id: "sw", port_name: "GigabitEthernet1/0/1", description: "", mode: "access", native_vlan: 100, allowed_vlans: [], default_vlan: null, lag_name: null, status: "configured" } });
  const srv = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end(answer));
  });
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  return srv;
}

async function freePort(): Promise<number> {
  const srv = createTcpServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const port = (srv.address() as AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

/** `ngs sim` for the config's switch, in its own process; resolves once it listens. */
async function startSim(config: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [NGS_BIN, "sim", "--config-file", config, "--log-level", "warn"], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stderr!.on("data", (d) => (err += d));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d) => {
      out += d;
      if (out.includes("listening on")) resolve();
    });
    child.once("close", (code) => reject(new Error(`ngs sim exited ${code}: ${err}`)));
  });
  return child;
}

/**
 * Service: `update_port` through `ngs serve`'s HTTP JSON-RPC endpoint versus
 * the same device operation called in process, at concurrency 1 and 50, on
 * one simulated Cisco IOS switch (0 ms per command, sessions reused). The
 * difference at p50 is what the HTTP layer (fastify, JSON-RPC envelope,
 * validation, logging, metrics) adds.
 */
import { Agent, request } from "node:http";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createLogger, loadDevices, type GenericSwitchDevice } from "@ngs/core";
import { startServer } from "@ngs/server";
import { startSwitchForDevice } from "@ngs/switch-sim";
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

export async function benchService(o: ServiceOptions): Promise<ServiceResult> {
  const dir = await mkdtemp(join(tmpdir(), "ngs-bench-service-"));
  const sim = await startSwitchForDevice({ deviceType: "netmiko_cisco_ios", host: "127.0.0.1", username: "admin", password: PASSWORD, secret: PASSWORD });
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
  const ports = portNames(Math.max(...o.concurrencyLevels) * 2);
  const logger = createLogger({ level: "silent" });
  const { devices } = await loadDevices({ configFiles: [config], hostPackageJson: CLI_PACKAGE_JSON, context: { logger } });
  const device = devices.get("sw") as GenericSwitchDevice;
  const server = await startServer({ configFiles: [config], hostPackageJson: CLI_PACKAGE_JSON, logLevel: "silent" });
  const agent = new Agent({ keepAlive: true, maxSockets: Math.max(...o.concurrencyLevels) });
  const url = new URL(`${server.url}/`);
  let n = 0;
  const viaHttp = async (i: number) => {
    const body = JSON.stringify({
      jsonrpc: "2.0",
      method: "update_port",
      params: { switch_id: "sw", port_name: ports[i % ports.length], description: "", mode: "access", native_vlan: 100 + (i % 2), context: { request_id: `req-${++n}` }, "rpc.version": "1.0" },
      id: `req-${n}`,
    });
    const text = await new Promise<string>((resolve, reject) => {
      const r = request(url, { method: "POST", agent, headers: { "content-type": "application/json" } }, (res) => {
        let t = "";
        res.on("data", (d) => (t += d));
        res.on("end", () => resolve(t));
      });
      r.on("error", reject);
      r.end(body);
    });
    if (!text.includes('"status":"configured"')) throw new Error(`update_port failed: ${text}`);
  };
  const inProcess = (i: number) => device.plugPortToNetwork(ports[i % ports.length]!, 100 + (i % 2));
  try {
    const points: ServicePoint[] = [];
    for (const concurrency of o.concurrencyLevels) {
      await measure(inProcess, concurrency, concurrency * 2); // warm the session pool
      await measure(viaHttp, concurrency, concurrency * 2);
      const a = await measure(inProcess, concurrency, o.ops);
      const h = await measure(viaHttp, concurrency, o.ops);
      points.push({ concurrency, ops: o.ops, http: h, inProcess: a, addedP50Ms: round2(h.p50Ms - a.p50Ms) });
    }
    return { scenario: "service", machine: machineInfo(), points, targetAddedP50Ms: 1 };
  } finally {
    agent.destroy();
    await server.close();
    for (const d of devices.values()) await (d as unknown as { close?: () => Promise<void> }).close?.();
    await sim.close();
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

import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseStressArgs, runStress, type SimulatedSwitches, type StressResult } from "@ngs/stress";

const run = promisify(execFile);
const BIN = createRequire(import.meta.url).resolve("@ngs/stress/package.json").replace(/package\.json$/, "dist/bin.js");

/** Every operation of the workload ran once per item and none failed. */
function expectComplete(r: StressResult, expectedOps: Record<string, number>): void {
  const counts = Object.fromEntries(r.ops.map((o) => [o.op, o.count]));
  expect(counts).toEqual(expectedOps);
  expect(r.errorSamples).toEqual([]);
  for (const o of r.ops) {
    expect(o.errors).toBe(0);
    expect(o.latencyMs.max).toBeGreaterThanOrEqual(o.latencyMs.p99);
    expect(o.latencyMs.p99).toBeGreaterThanOrEqual(o.latencyMs.p95);
    expect(o.latencyMs.p95).toBeGreaterThanOrEqual(o.latencyMs.p50);
    expect(o.throughputPerS).toBeGreaterThan(0);
  }
  const total = Object.values(expectedOps).reduce((a, b) => a + b, 0);
  expect(r.total).toEqual({ expected: total, ok: total, errors: 0, skipped: 0 });
  // No reuse, no batching: one SSH session and one save per operation.
  const sw = r.switches![0]!;
  expect(sw.sessionsOpened).toBe(total);
  expect(sw.saves).toBe(total);
  expect(sw.commandsReceived).toBeGreaterThan(total);
  expect(sw.sessionsRejected).toBe(0);
}

describe("ngs-stress in-process", () => {
  it("network mode adds and deletes every VLAN of the range, each iteration", async () => {
    let sims: SimulatedSwitches | undefined;
    const opts = parseStressArgs(["--mode", "network", "--vlan-range", "200:204", "--iterations", "2"])!;
    const r = await runStress(opts, { onSimulated: (s) => (sims = s) });
    expect(r).toMatchObject({ mode: "network", switch: "sim0", simulated: true, processes: 1, iterations: 2, items: 4 });
    expectComplete(r, { "add network": 8, "delete network": 8 });
    // Everything added was deleted again.
    const vlans = sims!.switches.get("sim0")!.snapshot().vlans.map((v) => v.id);
    expect(vlans.filter((v) => v >= 200 && v < 204)).toEqual([]);
    // The simulator saw the VLAN commands.
    const log = sims!.switches.get("sim0")!.commandLog;
    for (const v of [200, 201, 202, 203]) {
      expect(log).toContain(`vlan ${v}`);
      expect(log).toContain(`no vlan ${v}`);
    }
  });

  it("port mode plugs and unplugs every port after creating the VLAN", async () => {
    let sims: SimulatedSwitches | undefined;
    const opts = parseStressArgs(["--mode", "port", "--vlan-range", "300:301", "--ports", "GigabitEthernet1/0/[1-3]"])!;
    const r = await runStress(opts, { onSimulated: (s) => (sims = s) });
    expectComplete(r, { "add network": 1, "plug port": 3, "unplug port": 3, "delete network": 1 });
    const sim = sims!.switches.get("sim0")!;
    for (const p of ["GigabitEthernet1/0/1", "GigabitEthernet1/0/2", "GigabitEthernet1/0/3"]) {
      expect(sim.commandLog).toContain(`interface ${p}`);
      expect(sim.snapshot().ports[p]?.accessVlan ?? null).not.toBe(300);
    }
    expect(sim.snapshot().vlans.map((v) => v.id)).not.toContain(300);
  });

  it("plug-only leaves the ports in the VLAN", async () => {
    let sims: SimulatedSwitches | undefined;
    const opts = parseStressArgs(["--mode", "port", "--vlan-range", "310:311", "--ports", "GigabitEthernet1/0/[1-2]", "--plug-only", "--no-create-net"])!;
    const r = await runStress(opts, { onSimulated: (s) => (sims = s) });
    expectComplete(r, { "plug port": 2 });
    const ports = sims!.switches.get("sim0")!.snapshot().ports;
    expect(ports["GigabitEthernet1/0/1"]?.accessVlan).toBe(310);
    expect(ports["GigabitEthernet1/0/2"]?.accessVlan).toBe(310);
  });
});

describe("ngs-stress command with --processes 2", () => {
  it("port mode: the two workers' results add up", async () => {
    const { stdout } = await run(process.execPath, [
      BIN, "--mode", "port", "--vlan-range", "400:401", "--ports", "GigabitEthernet1/0/[1-4]", "--processes", "2", "--json",
    ]);
    const r = JSON.parse(stdout) as StressResult;
    expect(r.processes).toBe(2);
    expectComplete(r, { "add network": 1, "plug port": 4, "unplug port": 4, "delete network": 1 });
    expect(r.parallelSwitches![0]!.sessionsOpened).toBe(8);
  });

  it("network mode: prints the table and exits 0", async () => {
    const { stdout } = await run(process.execPath, [BIN, "--mode", "network", "--vlan-range", "500:504", "--processes", "2"]);
    expect(stdout).toMatch(/^add network\s+4\s+0\s/m);
    expect(stdout).toMatch(/^delete network\s+4\s+0\s/m);
    expect(stdout).toContain("total: 8 ok, 0 failed, 0 skipped of 8 operations");
    expect(stdout).toMatch(/^sim0\s+8\s+\d+\s+\d+\s+8\s+0$/m);
  });

  it("bad input exits 2 with the error and touches nothing", async () => {
    const err = await run(process.execPath, [BIN, "--mode", "port", "--ports", "Gi1\nreload"]).catch((e: unknown) => e);
    expect((err as { code: number }).code).toBe(2);
    expect((err as { stderr: string }).stderr).toMatch(/Invalid option --ports .*not a port name/);
  });
});

describe("ngs-stress through etcd", () => {
  let etcd: { url: string; stop(): Promise<void> };
  beforeAll(async () => {
    const { startEtcd } = await import("@ngs/test-utils");
    etcd = await startEtcd();
  });
  afterAll(async () => {
    await etcd?.stop();
  });

  it("batching from 2 processes: every operation done, far fewer sessions and saves than operations", async () => {
    const { stdout } = await run(process.execPath, [
      BIN, "--mode", "port", "--vlan-range", "600:601", "--ports", "GigabitEthernet1/0/[1-6]", "--processes", "2",
      "--batch", "--etcd-url", etcd.url, "--json",
    ]);
    const r = JSON.parse(stdout) as StressResult;
    expect(Object.fromEntries(r.ops.map((o) => [o.op, [o.count, o.errors]]))).toEqual({
      "add network": [1, 0],
      "plug port": [6, 0],
      "unplug port": [6, 0],
      "delete network": [1, 0],
    });
    expect(r.total).toEqual({ expected: 14, ok: 14, errors: 0, skipped: 0 });
    expect(r.driver).toMatchObject({ batch: true });
    const sw = r.switches![0]!;
    expect(sw.sessionsOpened).toBeGreaterThanOrEqual(2);
    expect(sw.sessionsOpened).toBeLessThan(14);
    expect(sw.saves).toBeLessThan(14);
  });

  it("PoolLock from 2 processes: never more sessions at once than ngs_max_connections", async () => {
    const { stdout } = await run(process.execPath, [
      BIN, "--mode", "network", "--vlan-range", "700:704", "--processes", "2",
      "--etcd-url", etcd.url, "--max-connections", "1", "--json",
    ]);
    const r = JSON.parse(stdout) as StressResult;
    expectComplete(r, { "add network": 4, "delete network": 4 });
    expect(r.switches![0]!.sessionsPeak).toBe(1);
  });
});

import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderLineChart, renderScaleConfig, type BenchResults } from "@ngs/bench";

const run = promisify(execFile);
const CLI = createRequire(import.meta.url).resolve("@ngs/bench/package.json").replace(/package\.json$/, "dist/cli.js");

describe("ngs-bench --small", () => {
  let dir: string;
  let results: BenchResults;
  let stdout: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "ngs-bench-test-"));
    ({ stdout } = await run(process.execPath, [CLI, "--small", "--out", dir], { timeout: 120_000 }));
    results = JSON.parse(await readFile(join(dir, "results.json"), "utf8")) as BenchResults;
  }, 120_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("runs every scenario without failures", () => {
    expect(results.failures).toEqual([]);
    expect(results.small).toBe(true);
    expect(results.machine.cores).toBeGreaterThan(0);
    expect(results.machine.node).toBe(process.version);
    expect(stdout).toMatch(/^overhead /m);
    expect(stdout).toMatch(/^batching /m);
    expect(stdout).toMatch(/^scale /m);
    expect(stdout).toMatch(/^service /m);
    expect(stdout).toMatch(/^coldstart /m);
  });

  it("service: update_port over HTTP and in process at each concurrency", () => {
    const s = results.service!;
    expect(s.points.map((p) => p.concurrency)).toEqual([1, 4]);
    for (const p of s.points) {
      expect(p.http.opsPerS).toBeGreaterThan(0);
      expect(p.inProcess.opsPerS).toBeGreaterThan(0);
      expect(p.http.p99Ms).toBeGreaterThanOrEqual(p.http.p50Ms);
      expect(p.addedP50Ms).toBeCloseTo(p.http.p50Ms - p.inProcess.p50Ms, 1);
      expect(p.httpFloor.opsPerS).toBeGreaterThan(0);
      expect(p.httpLayerP50Ms).toBeCloseTo(p.rpcNoSwitch.p50Ms - p.httpFloor.p50Ms, 1);
    }
  });

  it("overhead: every operation counted, sessions and saves as configured", () => {
    const o = results.overhead!;
    expect(o.runs).toHaveLength(4);
    for (const r of o.runs) {
      expect(r.errors).toBe(0);
      expect(r.ops).toBe(2 * o.ports);
      // Saving on, no batching: one save per operation.
      expect(r.saves).toBe(r.ops);
      // Without reuse one session per operation; with reuse the one session is kept.
      expect(r.sessions).toBe(r.reuse ? 1 : r.ops);
      expect(r.commands).toBeGreaterThan(r.ops);
      // Each session's logout is sent but not waited for: its latency is not charged.
      expect(r.awaitedCommands).toBe(r.commands - r.sessions);
      expect(r.simLatencyMs).toBe(r.awaitedCommands * r.commandLatencyMs);
      // IOS login: one bare return to confirm the prompt and one enable-secret answer per session.
      // A pooled session is reused without a liveness probe when it was handed back moments ago.
      if (r.reuse) expect(r.returns).toBeGreaterThanOrEqual(2);
      else expect(r.returns).toBe(2 * r.sessions);
      // The SSH floor held the same conversation (the scenario checks the simulator's counters) and took time.
      expect(r.sshFloorMs).toBeGreaterThan(0);
      // The simulator runs in the bench's process and does real SSH work for every command.
      expect(r.simCpuPerCommandMs).toBeGreaterThan(0);
      expect(r.overheadVsSshMs).toBeCloseTo((r.wallMs - r.sshFloorMs!) / r.commands, 1);
    }
  });

  it("batching: every plug done in each variant; batching needs fewer sessions and saves", () => {
    const b = results.batching!;
    expect(b.variants.map((v) => v.variant)).toEqual(["batching", "poollock", "poollock+reuse"]);
    expect(b.lowerBoundMs).toBe(b.profile.loginLatencyMs + b.plugs * b.plugCommands * b.profile.commandLatencyMs + b.profile.saveLatencyMs);
    for (const v of b.variants) {
      expect(v.errors).toBe(0);
      expect(v.plugs).toBe(b.plugs);
      expect(v.ratio).toBeCloseTo(v.wallMs / v.lowerBoundMs, 1);
    }
    const [on, off, reuse] = b.variants;
    expect(off!.sessions).toBe(b.plugs);
    expect(off!.saves).toBe(b.plugs);
    expect(reuse!.saves).toBe(b.plugs);
    expect(reuse!.sessions).toBeLessThanOrEqual(b.processes);
    expect(on!.sessions).toBeLessThan(b.plugs);
    expect(on!.saves).toBeGreaterThanOrEqual(1);
    expect(on!.saves).toBeLessThan(b.plugs);
    expect(b.concurrency.map((c) => [c.variant, c.concurrency, c.plugs, c.errors])).toEqual([
      ["batching", 1, 1, 0],
      ["poollock", 1, 1, 0],
      ["batching", 2, 2, 0],
      ["poollock", 2, 2, 0],
    ]);
  });

  it("coldstart: each command ran the configured number of fresh processes", () => {
    const c = results.coldstart!;
    for (const x of [c.node, c.version, c.dryRunPlug]) {
      expect(x.allMs).toHaveLength(c.runs);
      expect(x.medianMs).toBeGreaterThan(0);
    }
  });

  it("scale: every configured switch is loaded and memory is reported", () => {
    const s = results.scale!;
    expect(s.devices).toBe(s.switches);
    expect(s.rssMB).toBeGreaterThan(0);
    expect(s.readyMs).toBeGreaterThanOrEqual(s.loadMs);
  });

  it("writes RESULTS.md with machine, command and every section, and the SVG chart", async () => {
    const md = await readFile(join(dir, "RESULTS.md"), "utf8");
    expect(md).toContain(`- Node: ${process.version}`);
    expect(md).toMatch(/- Machine: \d+ cores/);
    expect(md).toContain(`--small --out ${dir}`);
    for (const h of ["## Session overhead", "## Batching", "### Plug latency versus concurrency", "## Scale", "## Service (`ngs serve`)", "## Cold start"]) expect(md).toContain(h);
    expect(md).toContain("![plug latency versus concurrency");
    expect(md).not.toContain("## Could not run");
    const svg = await readFile(join(dir, "latency-vs-concurrency.svg"), "utf8");
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("batching on");
    expect(svg).toContain("batching off (PoolLock)");
    expect(svg.match(/<polyline /g)).toHaveLength(2);
  });
});

describe("bench writers", () => {
  it("the SVG chart escapes text and places one point per value", () => {
    const svg = renderLineChart({
      title: "a < b & c",
      xLabel: "x",
      yLabel: "y",
      series: [{ name: "s", color: "#000", points: [{ x: 1, y: 10 }, { x: 4, y: 30 }] }],
    });
    expect(svg).toContain("a &lt; b &amp; c");
    expect(svg.match(/<circle /g)).toHaveLength(2);
  });

  it("the scale config has one device section per switch", () => {
    const text = renderScaleConfig(3);
    expect(text.match(/^\[genericswitch:sw\d{4}\]$/gm)).toEqual(["[genericswitch:sw0000]", "[genericswitch:sw0001]", "[genericswitch:sw0002]"]);
  });
});

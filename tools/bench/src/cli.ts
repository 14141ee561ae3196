#!/usr/bin/env node
/**
 * `ngs-bench`: runs the scenarios, prints their ratios, writes RESULTS.md,
 * results.json and the latency chart into --out (default: this package's dir).
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startEtcd } from "@ngs/test-utils";
import { batchingChart } from "./chart.js";
import { machineInfo } from "./machine.js";
import { renderResults, type BenchResults } from "./results.js";
import { benchBatching } from "./scenarios/batching.js";
import { benchOverhead } from "./scenarios/overhead.js";
import { benchScale } from "./scenarios/scale.js";
import { benchService } from "./scenarios/service.js";
import { benchFaults } from "./scenarios/faults.js";
import { benchColdstart } from "./scenarios/coldstart.js";
import { CONFIGS, DEFAULT_SCENARIOS, SCENARIOS, type Scenario } from "./config.js";

const USAGE = `Usage: ngs-bench [--small] [--scenario overhead|batching|scale|service|coldstart|faults]... [--out DIR] [--json]

  --small        a few operations per scenario (CI); numbers are not representative
  --scenario S   run only these scenarios (repeatable; default overhead, batching,
                 scale, service and coldstart; faults only when named); the other
                 scenarios' results already in DIR/results.json are kept
  --out DIR      where RESULTS.md, results.json and latency-vs-concurrency.svg go
                 (default: the @ngs/bench package directory)
  --json         print the results as JSON instead of the summary
                 (each keeps its own date and machine line)
  --render       measure nothing: rewrite RESULTS.md and the chart from DIR/results.json
                 (e.g. after adding ANALYSIS.md next to them)
`;

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));

function summary(r: BenchResults): string {
  const lines: string[] = [];
  if (r.overhead) {
    for (const x of r.overhead.runs) {
      lines.push(`overhead  reuse ${x.reuse ? "on " : "off"} sim ${x.commandLatencyMs} ms/cmd: ${x.perCommandMs} ms/command, overhead ${x.overheadVsMeasuredMs} ms/command over the TCP floor, ${x.overheadVsSshMs} over the SSH floor (${x.ops} ops, ${x.commands} commands, ${x.sessions} sessions, ${x.errors} errors)`);
    }
  }
  if (r.batching) {
    lines.push(`batching  lower bound ${r.batching.lowerBoundMs} ms`);
    for (const v of r.batching.variants) {
      lines.push(`batching  ${v.variant}: ${v.wallMs} ms = ${v.ratio} x lower bound (${v.plugs} plugs, ${v.sessions} sessions, ${v.saves} saves, ${v.errors} errors)`);
    }
  }
  if (r.service) {
    for (const p of r.service.points) {
      lines.push(`service   concurrency ${p.concurrency}: HTTP p50 ${p.http.p50Ms} ms p99 ${p.http.p99Ms} ms ${p.http.opsPerS} ops/s; in process p50 ${p.inProcess.p50Ms} ms p99 ${p.inProcess.p99Ms} ms ${p.inProcess.opsPerS} ops/s; HTTP adds ${p.addedP50Ms} ms at p50`);
    }
  }
  if (r.scale) {
    lines.push(`scale     ${r.scale.devices}/${r.scale.switches} switches ready ${r.scale.readyMs} ms from process start (load ${r.scale.loadMs} ms), RSS ${r.scale.rssMB} MB`);
  }
  if (r.coldstart) {
    const c = r.coldstart;
    lines.push(`coldstart median of ${c.runs} fresh processes: ngs --version ${c.version.medianMs} ms, dry-run plug ${c.dryRunPlug.medianMs} ms (node -e 0 ${c.node.medianMs} ms)`);
  }
  if (r.faults) {
    for (const x of r.faults.runs) {
      lines.push(`faults    ${x.fault}: every caller answered ${x.lastAnswerMs} ms after the fault (spread ${x.spreadMs} ms; ${x.succeeded} ok, ${x.failed} failed; ${x.appliedTwice} applied twice; ${x.keysLeft} keys left)`);
    }
  }
  for (const f of r.failures) lines.push(`FAILED    ${f.scenario}: ${f.error}`);
  return lines.join("\n");
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      strict: true,
      options: {
        small: { type: "boolean" },
        scenario: { type: "string", multiple: true },
        out: { type: "string" },
        json: { type: "boolean" },
        render: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (e) {
    process.stderr.write(`ngs-bench: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const wanted = (values.scenario ?? [...DEFAULT_SCENARIOS]) as Scenario[];
  const unknown = wanted.filter((s) => !SCENARIOS.includes(s));
  if (unknown.length > 0) {
    process.stderr.write(`ngs-bench: unknown scenario ${unknown.join(", ")}; known: ${SCENARIOS.join(", ")}\n`);
    return 2;
  }
  if (values.render) return render(values.out ?? PACKAGE_DIR);
  const small = Boolean(values.small);
  const cfg = CONFIGS[small ? "small" : "full"];
  const out = values.out ?? PACKAGE_DIR;
  const log = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);
  const script = relative(process.cwd(), process.argv[1]!) || process.argv[1]!;
  const results: BenchResults = {
    machine: machineInfo(),
    command: ["node", script, ...process.argv.slice(2)].join(" "),
    small,
    failures: [],
  };
  const attempt = async (scenario: Scenario, fn: () => Promise<void>): Promise<void> => {
    log(`${scenario}: running`);
    try {
      await fn();
    } catch (e) {
      results.failures.push({ scenario, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
    }
  };
  if (wanted.includes("overhead")) {
    await attempt("overhead", async () => {
      results.overhead = await benchOverhead(cfg.overhead);
    });
  }
  if (wanted.includes("batching")) {
    await attempt("batching", async () => {
      results.batching = await benchBatching({ ...cfg.batching, startEtcd: () => startEtcd(), log });
    });
  }
  if (wanted.includes("scale")) {
    await attempt("scale", async () => {
      results.scale = await benchScale(cfg.scale);
    });
  }
  if (wanted.includes("service")) {
    await attempt("service", async () => {
      results.service = await benchService(cfg.service);
    });
  }
  if (wanted.includes("coldstart")) {
    await attempt("coldstart", async () => {
      results.coldstart = await benchColdstart(cfg.coldstart);
    });
  }
  if (wanted.includes("faults")) {
    await attempt("faults", async () => {
      results.faults = await benchFaults({ ...cfg.faults, startEtcd: () => startEtcd(), log });
      results.faults.date = new Date().toISOString();
      results.faults.machine = results.machine;
    });
  }
  results.loadAvgEnd = loadavg();
  await keepEarlier(out, results, wanted);
  await writeOutputs(out, results);
  process.stdout.write(values.json ? `${JSON.stringify(results, null, 2)}\n` : `${summary(results)}\nwritten to ${join(out, "RESULTS.md")}\n`);
  return results.failures.length === 0 ? 0 : 1;
}

async function writeOutputs(out: string, results: BenchResults): Promise<void> {
  await mkdir(out, { recursive: true });
  if (results.batching && results.batching.concurrency.length > 0) {
    results.chartFile = "latency-vs-concurrency.svg";
    await writeFile(join(out, results.chartFile), batchingChart(results.batching));
  }
  if (existsSync(join(out, "ANALYSIS.md"))) results.analysisFile = "ANALYSIS.md";
  await writeFile(join(out, "RESULTS.md"), renderResults(results));
  await writeFile(join(out, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
}

/** Scenarios not run this time keep their earlier results (each section says when and where it ran). */
async function keepEarlier(out: string, results: BenchResults, wanted: Scenario[]): Promise<void> {
  const file = join(out, "results.json");
  if (!existsSync(file)) return;
  const earlier = JSON.parse(await readFile(file, "utf8")) as BenchResults;
  const key = { overhead: "overhead", batching: "batching", scale: "scale", service: "service", coldstart: "coldstart", faults: "faults" } as const;
  for (const s of SCENARIOS) {
    if (wanted.includes(s) || earlier[key[s]] === undefined) continue;
    (results as unknown as Record<string, unknown>)[key[s]] = earlier[key[s]];
  }
  if (!wanted.some((s) => s !== "faults" && s !== "service" && s !== "coldstart") && results.overhead) {
    // The header describes the healthy runs: keep theirs.
    results.machine = earlier.machine;
    results.command = earlier.command;
    results.loadAvgEnd = earlier.loadAvgEnd;
  }
}

/** Re-render the files of an earlier run (same numbers, current templates). */
async function render(out: string): Promise<number> {
  const results = JSON.parse(await readFile(join(out, "results.json"), "utf8")) as BenchResults;
  results.analysisFile = undefined;
  results.chartFile = undefined;
  await writeOutputs(out, results);
  process.stdout.write(`${summary(results)}\nre-rendered ${join(out, "RESULTS.md")} from results.json\n`);
  return 0;
}

main().then((code) => process.exit(code));

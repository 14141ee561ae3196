/** One stress run: start simulators if needed, run the workload in-process or in workers, summarise. */
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { redactUrl } from "@ngs/core";
import { openDevice, type OpenedDevice } from "./devices.js";
import type { StressOptions } from "./options.js";
import { createProgress, type Progress } from "./progress.js";
import type { ParentMessage, WorkerJob, WorkerMessage } from "./protocol.js";
import { errorText, mergeSamples, runJobs, type SampleSet, type Step } from "./runner.js";
import { startSimulatedSwitches, type SimulatedSwitches, type SwitchCounters } from "./simulated.js";
import { summarise, type LatencySummary } from "./stats.js";
import { buildJobs, OP, split, stepsPerRound, type WorkShare } from "./workload.js";

export interface OpReport {
  op: string;
  /** Successful operations. */
  count: number;
  errors: number;
  /** Successful operations per second of the run's wall time. */
  throughputPerS: number;
  /** Latency of the successful operations. */
  latencyMs: LatencySummary;
}

export interface StressResult {
  mode: "network" | "port";
  switch: string;
  simulated: boolean;
  processes: number;
  iterations: number;
  /** VLANs (network mode) or ports (port mode) per round. */
  items: number;
  /** Whole workload: setup + parallel phase + teardown, ms (worker start-up excluded). */
  wallMs: number;
  /** The parallel phase alone (all workers released at once), ms. */
  parallelMs: number;
  ops: OpReport[];
  total: {
    /** Steps the workload has when nothing fails. */
    expected: number;
    ok: number;
    errors: number;
    /** Steps not run because an earlier step of their job failed. */
    skipped: number;
  };
  /** The first distinct error messages (at most 10). */
  errorSamples: string[];
  /** Simulator counters per switch (null for real switches). */
  switches: SwitchCounters[] | null;
  /** Simulator counters for the parallel phase only (null for real switches). */
  parallelSwitches: SwitchCounters[] | null;
  driver: StressOptions["driver"] | null;
}

const OP_ORDER = [OP.addNetwork, OP.plugPort, OP.unplugPort, OP.delNetwork];

export function summariseRun(samples: SampleSet, wallMs: number): OpReport[] {
  const ops = Object.keys(samples).sort((a, b) => OP_ORDER.indexOf(a as never) - OP_ORDER.indexOf(b as never));
  return ops.map((op) => {
    const s = samples[op]!;
    return {
      op,
      count: s.latenciesMs.length,
      errors: s.errors.length,
      throughputPerS: Math.round((s.latenciesMs.length / Math.max(wallMs, 1e-3)) * 1000 * 100) / 100,
      latencyMs: summarise(s.latenciesMs),
    };
  });
}

function shares(opts: StressOptions, n: number): WorkShare[] {
  const base = { mode: opts.mode, vlan: opts.vlanMin, netId: opts.netId, plugOnly: opts.plugOnly };
  if (opts.mode === "network") {
    const vlans = Array.from({ length: opts.vlanMax - opts.vlanMin }, (_, i) => opts.vlanMin + i);
    return split(vlans, n).map((v) => ({ ...base, vlans: v, ports: [] }));
  }
  return split(opts.ports, n).map((p) => ({ ...base, vlans: [], ports: p }));
}

const WORKER_EXIT_GRACE_MS = 30_000;
const WORKER = fileURLToPath(new URL("./worker.js", import.meta.url));

function delta(after: SwitchCounters[], before: SwitchCounters[]): SwitchCounters[] {
  return after.map((a, i) => {
    const b = before[i]!;
    return {
      name: a.name,
      sessionsOpened: a.sessionsOpened - b.sessionsOpened,
      sessionsPeak: a.sessionsPeak,
      commandsReceived: a.commandsReceived - b.commandsReceived,
      emptyLines: a.emptyLines - b.emptyLines,
      answers: a.answers - b.answers,
      saves: a.saves - b.saves,
      sessionsRejected: a.sessionsRejected - b.sessionsRejected,
    };
  });
}

interface Parallel {
  samples: SampleSet;
  ms: number;
}

async function runInProcess(device: OpenedDevice, share: WorkShare, opts: StressOptions, progress: Progress): Promise<Parallel> {
  const samples: SampleSet = {};
  const t0 = performance.now();
  for (let i = 0; i < opts.iterations; i++) {
    await runJobs(buildJobs(device.device, share), {
      concurrency: opts.concurrency,
      onStep: (_op, ok) => progress.tick(1, ok ? 0 : 1),
    }, samples);
  }
  return { samples, ms: performance.now() - t0 };
}

/** Fork one worker per share, wait until all have their devices open, release them together. */
async function runInWorkers(jobs: WorkerJob[], progress: Progress): Promise<Parallel> {
  const children: ChildProcess[] = [];
  const results: SampleSet[] = [];
  const kill = (): void => {
    for (const c of children) if (c.exitCode === null) c.kill();
  };
  try {
    let t0 = 0;
    const ready: Promise<void>[] = [];
    const done: Promise<void>[] = [];
    for (const job of jobs) {
      const child = fork(WORKER, [], { stdio: ["ignore", "ignore", "inherit", "ipc"], serialization: "advanced" });
      children.push(child);
      let onReady!: () => void;
      ready.push(new Promise<void>((r) => (onReady = r)));
      done.push(
        new Promise<void>((resolve, reject) => {
          let finished = false;
          child.on("message", (m: WorkerMessage) => {
            if (m.type === "ready") onReady();
            else if (m.type === "progress") progress.tick(m.steps, m.failed);
            else if (m.type === "done") {
              finished = true;
              results.push(m.samples);
              resolve();
            } else if (m.type === "fatal") {
              finished = true;
              reject(new Error(`ngs-stress worker failed: ${m.error}`));
            }
          });
          child.on("exit", (code) => {
            if (!finished) reject(new Error(`ngs-stress worker exited with code ${code} before finishing`));
          });
          child.on("error", reject);
        }),
      );
      child.send({ type: "job", job } satisfies ParentMessage);
    }
    // A worker failing before "ready" must not leave the others waiting for "go".
    await Promise.race([Promise.all(ready), Promise.all(done)]);
    t0 = performance.now();
    for (const c of children) {
      c.send({ type: "go" } satisfies ParentMessage);
    }
    await Promise.all(done);
    const ms = performance.now() - t0;
    // Workers close their sessions and coordination, then exit; one that hangs there is killed (finally).
    const exited = Promise.all(children.map((c) => (c.exitCode !== null ? undefined : new Promise((r) => c.once("exit", r)))));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, WORKER_EXIT_GRACE_MS)))]);
    clearTimeout(timer);
    return { samples: mergeSamples(...results), ms };
  } finally {
    kill();
  }
}

async function timed(samples: SampleSet, step: Step): Promise<void> {
  const t0 = performance.now();
  try {
    await step.run();
    (samples[step.op] ??= { latenciesMs: [], errors: [] }).latenciesMs.push(performance.now() - t0);
  } catch (e) {
    (samples[step.op] ??= { latenciesMs: [], errors: [] }).errors.push(errorText(e));
  }
}

export interface RunStressHooks {
  /** Called once the simulators are up (before any operation). */
  onSimulated?(sims: SimulatedSwitches): void;
}

export async function runStress(opts: StressOptions, hooks: RunStressHooks = {}): Promise<StressResult> {
  let sims: SimulatedSwitches | undefined;
  let parentDevice: OpenedDevice | undefined;
  try {
    if (opts.sim) {
      sims = await startSimulatedSwitches(opts.sim, opts.driver);
      hooks.onSimulated?.(sims);
    }
    const configFiles = sims ? [sims.configFile] : opts.configFiles;
    const configDirs = sims ? [] : opts.configDirs;
    const workShares = shares(opts, opts.processes);
    const inProcess = opts.processes === 1 && !opts.fork;
    const setup = opts.mode === "port" && opts.createNet;
    const expected = workShares.reduce((n, s) => n + stepsPerRound(s), 0) * opts.iterations + (setup ? 2 : 0);
    if (inProcess || setup) {
      parentDevice = await openDevice({ configFiles, configDirs, switch: opts.switch, logLevel: opts.logLevel });
    }

    const progress = createProgress({ total: expected, enabled: opts.progress });
    const extra: SampleSet = {};
    let setupMs = 0;
    let teardownMs = 0;
    let parallel: Parallel;
    let before: SwitchCounters[] | undefined;
    let after: SwitchCounters[] | undefined;
    try {
      if (setup) {
        const t = performance.now();
        await timed(extra, { op: OP.addNetwork, run: () => parentDevice!.device.addNetwork(opts.vlanMin, opts.netId) });
        setupMs = performance.now() - t;
        progress.tick(1, extra[OP.addNetwork]!.errors.length);
      }
      before = sims?.counters();
      if (inProcess) {
        parallel = await runInProcess(parentDevice!, workShares[0]!, opts, progress);
      } else {
        const jobs = workShares.map((share) => ({
          configFiles,
          configDirs,
          logLevel: opts.logLevel,
          switch: opts.switch,
          share,
          iterations: opts.iterations,
          concurrency: opts.concurrency,
        }));
        parallel = await runInWorkers(jobs, progress);
      }
      after = sims?.counters();
      if (setup) {
        const t = performance.now();
        await timed(extra, { op: OP.delNetwork, run: () => parentDevice!.device.delNetwork(opts.vlanMin, opts.netId) });
        teardownMs = performance.now() - t;
        progress.tick(1, extra[OP.delNetwork]!.errors.length);
      }
    } finally {
      progress.stop();
    }
    // Worker start-up (forking, loading the driver) is not part of the workload.
    const wallMs = setupMs + parallel.ms + teardownMs;
    if (parentDevice) {
      await parentDevice.close();
      parentDevice = undefined;
    }

    const samples = mergeSamples(extra, parallel.samples);
    const ops = summariseRun(samples, wallMs);
    const ok = ops.reduce((n, o) => n + o.count, 0);
    const errors = ops.reduce((n, o) => n + o.errors, 0);
    const allErrors = Object.values(samples).flatMap((s) => s.errors);
    const round = (v: number): number => Math.round(v * 100) / 100;
    return {
      mode: opts.mode,
      switch: opts.switch,
      simulated: Boolean(sims),
      processes: opts.processes,
      iterations: opts.iterations,
      items: opts.mode === "network" ? opts.vlanMax - opts.vlanMin : opts.ports.length,
      wallMs: round(wallMs),
      parallelMs: round(parallel.ms),
      ops,
      total: { expected, ok, errors, skipped: expected - ok - errors },
      errorSamples: [...new Set(allErrors)].slice(0, 10),
      switches: sims ? sims.counters() : null,
      parallelSwitches: sims && before && after ? delta(after, before) : null,
      // backend_url may carry credentials.
      driver: sims ? { ...opts.driver, ...(opts.driver.etcdUrl ? { etcdUrl: redactUrl(opts.driver.etcdUrl) } : {}) } : null,
    };
  } finally {
    await parentDevice?.close();
    await sims?.close();
  }
}

/**
 * Batching: P port plugs from several processes on one switch whose commands,
 * login and save are slow, against the physical lower bound (one login, every
 * plug's commands, one save). Variants: batching on (etcd), batching off with
 * PoolLock only (etcd locks, one session at a time), PoolLock plus connection
 * reuse. Then plug latency versus concurrency for batching on and off.
 */
import { runStress, type StressResult } from "@ngs/stress";
import { IOS_PLUG_COMMANDS, portRun, round2, type SimProfile } from "./common.js";

export interface EtcdHandle {
  /** `etcd3+http://127.0.0.1:PORT` */
  url: string;
  stop(): Promise<void>;
}

export type VariantName = "batching" | "poollock" | "poollock+reuse";

export const VARIANT_LABEL: Record<VariantName, string> = {
  batching: "batching on (etcd)",
  poollock: "batching off, PoolLock only",
  "poollock+reuse": "batching off, PoolLock + reuse",
};

export interface BatchingVariant {
  variant: VariantName;
  plugs: number;
  errors: number;
  wallMs: number;
  lowerBoundMs: number;
  /** wall / lower bound */
  ratio: number;
  sessions: number;
  saves: number;
  commands: number;
  latencyMs: { p50: number; p95: number; max: number };
}

export interface ConcurrencyPoint {
  variant: VariantName;
  concurrency: number;
  processes: number;
  plugs: number;
  errors: number;
  p50Ms: number;
  meanMs: number;
  wallMs: number;
}

export interface BatchingResult {
  scenario: "batching";
  plugs: number;
  processes: number;
  profile: SimProfile;
  plugCommands: number;
  lowerBoundMs: number;
  variants: BatchingVariant[];
  concurrency: ConcurrencyPoint[];
  targetRatio: number;
}

export interface BatchingOptions {
  plugs: number;
  processes: number;
  profile: SimProfile;
  concurrencyLevels: number[];
  /** Starts the etcd every run of the scenario coordinates through (stopped at the end). */
  startEtcd(): Promise<EtcdHandle>;
  variants?: VariantName[];
  log?(line: string): void;
}

function driverFor(variant: VariantName, url: string) {
  return {
    etcdUrl: url,
    batch: variant === "batching",
    reuse: variant === "poollock+reuse",
    maxConnections: 1,
    // Without batching 200 plugs queue for one session far longer than the default 60 s.
    acquireTimeoutS: 3600,
  };
}


function plugStats(r: StressResult) {
  const plug = r.ops.find((x) => x.op === "plug port");
  return {
    count: plug?.count ?? 0,
    errors: (plug?.errors ?? 0) + r.total.skipped,
    latency: plug?.latencyMs ?? { p50: 0, p95: 0, p99: 0, max: 0, mean: 0 },
  };
}

export async function benchBatching(o: BatchingOptions): Promise<BatchingResult> {
  const etcd = await o.startEtcd();
  try {
    return await runBatching(o, etcd.url);
  } finally {
    await etcd.stop();
  }
}

async function runBatching(o: BatchingOptions, url: string): Promise<BatchingResult> {
  const { profile } = o;
  const lowerBoundMs = profile.loginLatencyMs + o.plugs * IOS_PLUG_COMMANDS * profile.commandLatencyMs + profile.saveLatencyMs;
  const variants: BatchingVariant[] = [];
  for (const variant of o.variants ?? (["batching", "poollock", "poollock+reuse"] as VariantName[])) {
    o.log?.(`batching: ${VARIANT_LABEL[variant]}, ${o.plugs} plugs from ${o.processes} processes`);
    const r = await runStress(portRun({ ports: o.plugs, processes: o.processes, profile, driver: driverFor(variant, url) }));
    const sw = r.parallelSwitches![0]!;
    const s = plugStats(r);
    variants.push({
      variant,
      plugs: s.count,
      errors: s.errors,
      wallMs: r.parallelMs,
      lowerBoundMs,
      ratio: round2(r.parallelMs / lowerBoundMs),
      sessions: sw.sessionsOpened,
      saves: sw.saves,
      commands: sw.commandsReceived,
      latencyMs: { p50: s.latency.p50, p95: s.latency.p95, max: s.latency.max },
    });
  }
  const concurrency: ConcurrencyPoint[] = [];
  for (const c of o.concurrencyLevels) {
    for (const variant of ["batching", "poollock"] as VariantName[]) {
      const processes = Math.min(c, o.processes);
      o.log?.(`batching: latency at concurrency ${c}, ${VARIANT_LABEL[variant]}`);
      const r = await runStress(portRun({ ports: c, processes, profile, driver: driverFor(variant, url) }));
      const s = plugStats(r);
      concurrency.push({
        variant,
        concurrency: c,
        processes,
        plugs: s.count,
        errors: s.errors,
        p50Ms: s.latency.p50,
        meanMs: s.latency.mean,
        wallMs: r.parallelMs,
      });
    }
  }
  return {
    scenario: "batching",
    plugs: o.plugs,
    processes: o.processes,
    profile,
    plugCommands: IOS_PLUG_COMMANDS,
    lowerBoundMs,
    variants,
    concurrency,
    targetRatio: 1.2,
  };
}

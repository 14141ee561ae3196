/**
 * Session overhead: N sequential port operations against a simulator with no
 * added latency, then with 20 ms per command. Our cost per command is the
 * wall time minus the simulator's own latency, divided by the commands the
 * simulator received.
 */
import { setTimeout as delay } from "node:timers/promises";
import { runStress } from "@ngs/stress";
import { portRun, round2 } from "./common.js";

export interface OverheadRun {
  reuse: boolean;
  commandLatencyMs: number;
  /** Operations timed (plugs and unplugs). */
  ops: number;
  errors: number;
  commands: number;
  sessions: number;
  saves: number;
  wallMs: number;
  /** commands × commandLatencyMs (login and save latency are 0 here). */
  simLatencyMs: number;
  /** Wall time per command, simulator latency included. */
  perCommandMs: number;
  /** (wall − nominal simulator latency) / commands. */
  overheadPerCommandMs: number;
  /** (wall − commands × the simulator's measured timer latency) / commands: what ngs itself adds per command. */
  overheadVsMeasuredMs: number;
  perOpMs: number;
}

export interface OverheadResult {
  scenario: "overhead";
  ports: number;
  runs: OverheadRun[];
  /** What the simulator's `setTimeout(latency)` really takes in this process (Node timers fire late, ~+1 ms). */
  measuredLatencyMs: number;
  targetMs: number;
}

export interface OverheadOptions {
  /** Ports plugged then unplugged, one at a time (2 × ports operations). */
  ports: number;
  latencyMs: number;
}

/** Mean duration of `setTimeout(ms)` here, where the simulators run. */
export async function measureTimer(ms: number, samples = 50): Promise<number> {
  if (ms <= 0) return 0;
  const t0 = performance.now();
  for (let i = 0; i < samples; i++) await delay(ms);
  return (performance.now() - t0) / samples;
}

export async function benchOverhead(o: OverheadOptions): Promise<OverheadResult> {
  const runs: OverheadRun[] = [];
  const measuredLatencyMs = await measureTimer(o.latencyMs);
  for (const reuse of [false, true]) {
    for (const commandLatencyMs of [0, o.latencyMs]) {
      const r = await runStress(
        portRun({
          ports: o.ports,
          processes: 1,
          // The driver runs in its own process, the simulator in this one: the simulator's CPU is not ours.
          fork: true,
          concurrency: 1,
          plugOnly: false,
          profile: { commandLatencyMs, loginLatencyMs: 0, saveLatencyMs: 0 },
          driver: { reuse },
        }),
      );
      const sw = r.parallelSwitches![0]!;
      const ops = r.ops.filter((x) => x.op === "plug port" || x.op === "unplug port");
      const count = ops.reduce((n, x) => n + x.count, 0);
      const errors = ops.reduce((n, x) => n + x.errors, 0);
      const simLatencyMs = sw.commandsReceived * commandLatencyMs;
      const commands = Math.max(1, sw.commandsReceived);
      runs.push({
        reuse,
        commandLatencyMs,
        ops: count,
        errors,
        commands: sw.commandsReceived,
        sessions: sw.sessionsOpened,
        saves: sw.saves,
        wallMs: r.parallelMs,
        simLatencyMs,
        perCommandMs: round2(r.parallelMs / commands),
        overheadPerCommandMs: round2((r.parallelMs - simLatencyMs) / commands),
        overheadVsMeasuredMs: round2(
          (r.parallelMs - sw.commandsReceived * (commandLatencyMs > 0 ? measuredLatencyMs : 0)) / commands,
        ),
        perOpMs: round2(r.parallelMs / Math.max(1, count)),
      });
    }
  }
  return { scenario: "overhead", ports: o.ports, runs, measuredLatencyMs: round2(measuredLatencyMs), targetMs: 1 };
}

/** The latency-versus-concurrency chart of the batching scenario. */
import type { BatchingResult } from "./scenarios/batching.js";
import { renderLineChart } from "./svg.js";

export function batchingChart(b: BatchingResult): string {
  const series = (variant: "batching" | "poollock", name: string, color: string) => ({
    name,
    color,
    points: b.concurrency.filter((c) => c.variant === variant).map((c) => ({ x: c.concurrency, y: c.p50Ms })),
  });
  return renderLineChart({
    title: `Plug latency vs concurrency (${b.profile.commandLatencyMs} ms/cmd, ${b.profile.loginLatencyMs} ms login, ${b.profile.saveLatencyMs} ms save)`,
    xLabel: "plugs issued at once",
    yLabel: "plug latency p50 (ms)",
    series: [series("batching", "batching on", "#1f77b4"), series("poollock", "batching off (PoolLock)", "#d62728")],
  });
}

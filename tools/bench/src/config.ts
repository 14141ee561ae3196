/** Scenario sizes: the full benchmark (the numbers) and the small CI one. */
import type { SimProfile } from "./scenarios/common.js";

export const SCENARIOS = ["overhead", "batching", "scale", "service", "coldstart", "faults"] as const;
export type Scenario = (typeof SCENARIOS)[number];
/** Run without --scenario: `faults` (about 2 minutes of outages and kills) only when asked for; `coldstart` takes a few seconds. */
export const DEFAULT_SCENARIOS: readonly Scenario[] = ["overhead", "batching", "scale", "service", "coldstart"];

export interface BenchConfig {
  overhead: { ports: number; latencyMs: number; repeats: number };
  batching: { plugs: number; processes: number; profile: SimProfile; concurrencyLevels: number[] };
  scale: { switches: number; repeats: number };
  service: { ops: number; concurrencyLevels: number[] };
  coldstart: { runs: number };
  faults: { commandLatencyMs: number; outageMs: number };
}

export const CONFIGS: Record<"full" | "small", BenchConfig> = {
  full: {
    overhead: { ports: 50, latencyMs: 20, repeats: 3 },
    batching: {
      plugs: 200,
      processes: 4,
      profile: { commandLatencyMs: 20, loginLatencyMs: 200, saveLatencyMs: 1000 },
      concurrencyLevels: [1, 2, 4, 8, 16],
    },
    scale: { switches: 1000, repeats: 5 },
    service: { ops: 1000, concurrencyLevels: [1, 50] },
    coldstart: { runs: 10 },
    faults: { commandLatencyMs: 200, outageMs: 15_000 },
  },
  small: {
    overhead: { ports: 3, latencyMs: 5, repeats: 1 },
    batching: {
      plugs: 8,
      processes: 2,
      profile: { commandLatencyMs: 2, loginLatencyMs: 10, saveLatencyMs: 20 },
      concurrencyLevels: [1, 2],
    },
    scale: { switches: 50, repeats: 1 },
    service: { ops: 20, concurrencyLevels: [1, 4] },
    coldstart: { runs: 3 },
    faults: { commandLatencyMs: 20, outageMs: 2_000 },
  },
};

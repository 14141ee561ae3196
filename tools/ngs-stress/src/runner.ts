/**
 * The concurrent runner: runs a list of jobs with bounded concurrency; each
 * job is a sequence of timed steps (add then delete, plug then unplug). A
 * failed step is recorded and ends its job (there is nothing to undo on a
 * step that did not happen), other jobs carry on.
 */

export interface Step {
  /** Upstream's operation name: 'add network', 'plug port', ... */
  op: string;
  run(): Promise<unknown>;
}

export type Job = readonly Step[];

/** Raw samples of one operation type. */
export interface OpSamples {
  latenciesMs: number[];
  /** One message per failed step (latency of failures is not in latenciesMs). */
  errors: string[];
}

export type SampleSet = Record<string, OpSamples>;

export interface RunJobsOptions {
  /** Jobs in flight at once; 0 or absent runs all at once (upstream: one thread per item). */
  concurrency?: number;
  /** Called after every finished step. */
  onStep?: (op: string, ok: boolean) => void;
}

export function emptySamples(): OpSamples {
  return { latenciesMs: [], errors: [] };
}

function record(set: SampleSet, op: string): OpSamples {
  return (set[op] ??= emptySamples());
}

export function errorText(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}

export async function runJobs(jobs: readonly Job[], opts: RunJobsOptions = {}, into: SampleSet = {}): Promise<SampleSet> {
  const limit = opts.concurrency && opts.concurrency > 0 ? Math.min(opts.concurrency, jobs.length) : jobs.length;
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      for (const step of job) {
        const t0 = performance.now();
        try {
          await step.run();
          record(into, step.op).latenciesMs.push(performance.now() - t0);
          opts.onStep?.(step.op, true);
        } catch (e) {
          record(into, step.op).errors.push(errorText(e));
          opts.onStep?.(step.op, false);
          break;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: limit }, lane));
  return into;
}

/** Merge sample sets (from several processes or phases) into one. */
export function mergeSamples(...sets: SampleSet[]): SampleSet {
  const out: SampleSet = {};
  for (const set of sets) {
    for (const [op, s] of Object.entries(set)) {
      const r = record(out, op);
      r.latenciesMs.push(...s.latenciesMs);
      r.errors.push(...s.errors);
    }
  }
  return out;
}

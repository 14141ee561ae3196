/** Messages between the ngs-stress parent and its worker processes (Node IPC). */
import type { SampleSet } from "./runner.js";
import type { WorkShare } from "./workload.js";

export interface WorkerJob {
  configFiles: string[];
  configDirs: string[];
  logLevel?: string;
  switch: string;
  share: WorkShare;
  iterations: number;
  concurrency: number;
}

export type ParentMessage = { type: "job"; job: WorkerJob } | { type: "go" };

export type WorkerMessage =
  | { type: "ready" }
  | { type: "progress"; steps: number; failed: number }
  | { type: "done"; samples: SampleSet; ms: number }
  | { type: "fatal"; error: string };

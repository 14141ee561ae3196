/** A worker process of `ngs-stress --processes N`: one share of the items, driven after "go". */
import { openDevice } from "./devices.js";
import type { ParentMessage, WorkerJob, WorkerMessage } from "./protocol.js";
import { errorText, runJobs, type SampleSet } from "./runner.js";
import { buildJobs } from "./workload.js";

const send = (m: WorkerMessage): Promise<void> =>
  new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(m, undefined, {}, () => resolve());
  });

const PROGRESS_MS = 100;

async function work(job: WorkerJob, go: Promise<void>): Promise<void> {
  const opened = await openDevice(job);
  try {
    await send({ type: "ready" });
    await go;
    let steps = 0;
    let failed = 0;
    const flush = (): void => {
      if (steps > 0) void send({ type: "progress", steps, failed });
      steps = 0;
      failed = 0;
    };
    const timer = setInterval(flush, PROGRESS_MS);
    const samples: SampleSet = {};
    const t0 = performance.now();
    try {
      for (let i = 0; i < job.iterations; i++) {
        await runJobs(buildJobs(opened.device, job.share), {
          concurrency: job.concurrency,
          onStep: (_op, ok) => {
            steps++;
            if (!ok) failed++;
          },
        }, samples);
      }
    } finally {
      clearInterval(timer);
      flush();
    }
    await send({ type: "done", samples, ms: performance.now() - t0 });
  } finally {
    await opened.close();
  }
}

let startGo!: () => void;
const go = new Promise<void>((r) => (startGo = r));
process.on("message", (m: ParentMessage) => {
  if (m.type === "go") startGo();
  else if (m.type === "job") {
    work(m.job, go).then(
      () => process.exit(0),
      async (e: unknown) => {
        await send({ type: "fatal", error: errorText(e) });
        process.exit(1);
      },
    );
  }
});
process.on("disconnect", () => process.exit(1));

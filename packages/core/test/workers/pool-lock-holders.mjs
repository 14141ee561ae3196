// A host of PoolLock holders in its own OS process, over the etcd coordinator.
// argv[2]: JSON { url, prefix, poolSize, holders, maxWaitMs, holdMs }.
// Prints {"type":"ready"}, waits for a line "go" on stdin (so every process
// contends at once), runs `holders` concurrent withLock bodies of `holdMs`
// work each, prints {"type":"done", entered}, closes the coordinator and must
// then exit by itself: a watcher or keep-alive left running would hang it.
// stdin ending before that means the test runner is gone: exit, never linger.
import { createInterface } from "node:readline";
import { EtcdCoordinator, PoolLock } from "@ngs/core";

const job = JSON.parse(process.argv[2]);
const emit = (o) => process.stdout.write(`${JSON.stringify({ pid: process.pid, ...o })}\n`);
const coordinator = await EtcdCoordinator.connect(job.url);
const lines = createInterface({ input: process.stdin });
lines.on("close", () => process.exit(2));
emit({ type: "ready" });
await new Promise((resolve) => lines.on("line", (l) => l.trim() === "go" && resolve()));

let entered = 0;
await Promise.all(
  Array.from({ length: job.holders }, async (_, i) => {
    const lock = new PoolLock(coordinator, { poolSize: job.poolSize, prefix: job.prefix, timeoutMs: 0, maxWaitMs: job.maxWaitMs });
    await lock.withLock(async () => {
      entered++;
      emit({ type: "enter", holder: i, name: lock.heldName });
      await new Promise((r) => setTimeout(r, job.holdMs)); // the work done under the lock
    });
  }),
);
emit({ type: "done", entered });
await coordinator.close();
emit({ type: "closed" });
lines.removeAllListeners("close");
lines.close();
process.stdin.destroy();

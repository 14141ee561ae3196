// A driver host in its own OS process: reads a JSON job from argv[2], runs
// port operations on one switch through @ngs/core's coordination (etcd), and
// prints one JSON line per event on stdout. It must exit by itself after
// `coordination.close()` — no process.exit — so a leaked lease keep-alive or
// watch would show up as a hang.
//
// job: { backendUrl, switch: {host, port, username, password}, maxConnections,
//        batch, save, ops: [{port, vlan}], lockTtlS?, batchOptions?, closeTimeoutMs?, deviceConfig?,
//        closeAfterFirstResult?, requestTimeoutMs? }
import { createCoordination, createLogger } from "@ngs/core";
import CiscoIos from "@ngs/device-cisco/ios";

const job = JSON.parse(process.argv[2]);
const emit = (o) => process.stdout.write(`${JSON.stringify({ pid: process.pid, ...o })}\n`);
const logger = createLogger({ level: job.logLevel ?? process.env.NGS_LOG_LEVEL ?? "error" });

const coordination = await createCoordination(
  { backendUrl: job.backendUrl },
  { logger, lockTtlS: job.lockTtlS, batch: job.batchOptions ?? {}, ...(job.requestTimeoutMs ? { requestTimeoutMs: job.requestTimeoutMs } : {}) },
);
const config = {
  device_type: "netmiko_cisco_ios",
  ip: job.switch.host,
  port: String(job.switch.port),
  username: job.switch.username,
  password: job.switch.password,
  ngs_max_connections: String(job.maxConnections ?? 1),
  ngs_batch_requests: job.batch ? "true" : "false",
  ngs_save_configuration: job.save === false ? "false" : "true",
  ...job.deviceConfig,
};
const device = new CiscoIos(config, "sw1", {
  logger,
  global: { backendUrl: job.backendUrl, acquireTimeoutS: job.acquireTimeoutS ?? 60 },
  coordinator: coordination.coordinator,
  batcher: coordination.batcher,
});
emit({ type: "ready" });

// Everything at once: the coordination decides who goes when.
let firstResult;
const gotFirstResult = new Promise((r) => (firstResult = r));
const all = Promise.all(
  job.ops.map(async (op) => {
    const t0 = Date.now();
    try {
      const output = await device.plugPortToNetwork(op.port, op.vlan);
      emit({ type: "result", port: op.port, vlan: op.vlan, ok: true, output: String(output ?? ""), ms: Date.now() - t0, at: Date.now() });
    } catch (e) {
      emit({ type: "result", port: op.port, vlan: op.vlan, ok: false, error: `${e.name}: ${e.message}`, ms: Date.now() - t0, at: Date.now() });
    }
    firstResult();
  }),
);
// closeAfterFirstResult: shut down while the other operations are still in flight.
await (job.closeAfterFirstResult ? gotFirstResult : all);
try {
  await coordination.close({ timeoutMs: job.closeTimeoutMs ?? 10_000 });
  emit({ type: "closed" });
} catch (e) {
  emit({ type: "closed", error: `${e.name}: ${e.message}` });
}
await all;

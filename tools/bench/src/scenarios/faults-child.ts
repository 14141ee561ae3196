/**
 * One driver host for the faults scenario: loads the device from an ini file
 * (as the driver does), plugs the given ports at once, prints one JSON line
 * per answer (`at` = when the caller got it), closes its coordination.
 * argv[2]: JSON `{ configFile, switch, ops: [{ port, vlan }] }`.
 */
import { openDevice } from "@ngs/stress";

interface ChildJob {
  configFile: string;
  switch: string;
  ops: { port: string; vlan: number }[];
}

const job = JSON.parse(process.argv[2]!) as ChildJob;
const emit = (o: Record<string, unknown>): void => void process.stdout.write(`${JSON.stringify({ pid: process.pid, ...o })}\n`);
const { device, close } = await openDevice({ configFiles: [job.configFile], configDirs: [], switch: job.switch });
emit({ type: "ready" });
await Promise.all(
  job.ops.map(async (op) => {
    try {
      await device.plugPortToNetwork(op.port, op.vlan);
      emit({ type: "result", port: op.port, ok: true, at: Date.now() });
    } catch (e) {
      emit({ type: "result", port: op.port, ok: false, error: (e as Error).message.slice(0, 300), at: Date.now() });
    }
  }),
);
await close().catch(() => undefined);

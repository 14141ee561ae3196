// Spawns driver-host worker processes (port-ops.mjs) and collects their JSON events.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface OpResult {
  pid: number;
  type: "result";
  port: string;
  vlan: number;
  ok: boolean;
  output?: string;
  error?: string;
  /** Date.now() in the host when the caller got its answer. */
  at: number;
}

export interface HostJob {
  backendUrl: string;
  switch: { host: string; port: number; username: string; password: string };
  ops: { port: string; vlan: number }[];
  maxConnections?: number;
  batch?: boolean;
  save?: boolean;
  lockTtlS?: number;
  acquireTimeoutS?: number;
  batchOptions?: Record<string, number>;
  /** Log level of the host's logger (stderr); default NGS_LOG_LEVEL, else error. */
  logLevel?: string;
  /** Deadline of each etcd request, ms (default 30 s). */
  requestTimeoutMs?: number;
  closeTimeoutMs?: number;
  /** Extra keys for the device's ini section. */
  deviceConfig?: Record<string, string>;
  /** Call `close()` as soon as one operation has finished, the rest still in flight. */
  closeAfterFirstResult?: boolean;
}

export interface Host {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly events: Record<string, unknown>[];
  readonly results: OpResult[];
  stderr: string;
  /** Resolves with the exit code (or signal name) once the process is gone. */
  readonly exited: Promise<number | string>;
  /** Resolves when an event matching `pred` has arrived. */
  waitFor(pred: (e: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
}

const script = fileURLToPath(new URL("./port-ops.mjs", import.meta.url));

export function startHost(job: HostJob): Host {
  const child = spawn(process.execPath, [script, JSON.stringify(job)], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NGS_LOG_LEVEL: process.env.NGS_LOG_LEVEL ?? "error" },
  });
  const events: Record<string, unknown>[] = [];
  const listeners = new Set<() => void>();
  let buf = "";
  child.stdout!.setEncoding("utf8");
  child.stdout!.on("data", (chunk: string) => {
    buf += chunk;
    let nl: number;
    while ((nl = buf.indexOf("\n")) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      if (!line.trim()) continue;
      try {
        events.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        events.push({ type: "garbage", line });
      }
      for (const l of listeners) l();
    }
  });
  const host: Host = {
    child,
    pid: child.pid!,
    events,
    get results() {
      return events.filter((e) => e.type === "result") as unknown as OpResult[];
    },
    stderr: "",
    exited: new Promise((resolve) =>
      child.on("exit", (code, signal) => {
        for (const l of listeners) l();
        resolve(code ?? signal ?? "unknown");
      }),
    ),
    waitFor(pred, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = events.find(pred);
          if (hit) {
            cleanup();
            resolve(hit);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            cleanup();
            reject(new Error(`host ${child.pid} exited before the awaited event; stderr: ${host.stderr.slice(-2000)}`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`host ${child.pid}: awaited event did not come within ${timeoutMs} ms; stderr: ${host.stderr.slice(-2000)}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
  };
  child.stderr!.setEncoding("utf8");
  child.stderr!.on("data", (c: string) => (host.stderr += c));
  return host;
}

/** Kill whatever is still running (test cleanup). */
export async function killAll(hosts: Host[]): Promise<void> {
  for (const h of hosts) if (h.child.exitCode === null && h.child.signalCode === null) h.child.kill("SIGKILL");
  await Promise.all(hosts.map((h) => h.exited));
}

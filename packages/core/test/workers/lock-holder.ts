// Spawns a lock holder process (hold-lock.mjs) for the etcd locking tests.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

/** A child process that takes one etcd lock and holds it until killed (workers/hold-lock.mjs). */
export interface LockHolder {
  child: ChildProcess;
  exited: Promise<unknown>;
  /** Everything the child printed so far. */
  output(): string;
  /** SIGKILL, as a crash: its lease is never revoked. */
  crash(): Promise<unknown>;
}

export function startLockHolder(backendUrl: string, lockName: string): LockHolder {
  const script = fileURLToPath(new URL("./hold-lock.mjs", import.meta.url));
  const child = spawn(process.execPath, [script, backendUrl, lockName], { stdio: ["ignore", "pipe", "inherit"] });
  const exited = new Promise((r) => child.on("exit", r));
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  return {
    child,
    exited,
    output: () => out,
    crash: () => {
      child.kill("SIGKILL");
      return exited;
    },
  };
}

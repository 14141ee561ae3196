/**
 * Faults: how long from a fault until every caller has its answer, with the
 * default batching timings (lock TTL 10 s, horizon 30 s, send budget 60 s),
 * real etcd, real SSH and driver hosts in their own processes:
 *
 * - switch unreachable: a TCP listener that never answers, 4 batched callers
 *   in 2 processes, `ngs_ssh_connect_timeout = 5`; measured from the start to
 *   the first answer (the worker's verdict) and from the verdict to the last;
 * - worker killed: the execute-lock holder SIGKILLed mid-batch while 4 other
 *   callers (2 processes) wait; measured from the kill to the last answer;
 * - etcd restarted: etcd SIGKILLed mid-batch for `outageMs`, then restarted on
 *   its data dir, 6 callers in 3 processes; measured from the restart.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Etcd3 } from "etcd3";
import { startSwitch, type SimSwitch } from "@ngs/switch-sim";

/** What the scenario needs of an etcd: one it can kill and restart on the same data. */
export interface RestartableEtcd {
  url: string;
  clientUrl: string;
  kill(): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface FaultRun {
  fault: "switch unreachable" | "worker killed" | "etcd restarted";
  callers: number;
  succeeded: number;
  failed: number;
  /** From the fault (the start, the kill, the restart) to the last caller's answer. */
  lastAnswerMs: number;
  /** From the first caller's answer to the last (all answered together?). */
  spreadMs: number;
  /** Switch commands that set a VLAN more than once (must be 0). */
  appliedTwice: number;
  /** Keys left under /ngs/ once everyone was done (must be 0, checked after the callers' lease TTL). */
  keysLeft: number;
  firstError?: string;
}

export interface FaultsResult {
  scenario: "faults";
  commandLatencyMs: number;
  outageMs: number;
  runs: FaultRun[];
}

export interface FaultsOptions {
  commandLatencyMs: number;
  outageMs: number;
  startEtcd(): Promise<RestartableEtcd>;
  log?(line: string): void;
}

const CREDS = { username: "admin", password: "bench-pass" };
const CHILD = fileURLToPath(new URL("./faults-child.js", import.meta.url));

interface Answer {
  port: string;
  ok: boolean;
  at: number;
  error?: string;
}

interface Child {
  pid: number;
  answers: Answer[];
  exited: Promise<unknown>;
  kill(): void;
}

function startChild(configFile: string, ops: { port: string; vlan: number }[]): Child {
  const c = spawn(process.execPath, [CHILD, JSON.stringify({ configFile, switch: "sw1", ops })], { stdio: ["ignore", "pipe", "inherit"] });
  const answers: Answer[] = [];
  let buf = "";
  c.stdout!.setEncoding("utf8").on("data", (d: string) => {
    buf += d;
    for (let nl = buf.indexOf("\n"); nl >= 0; nl = buf.indexOf("\n")) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      const ev = JSON.parse(line) as Answer & { type: string };
      if (ev.type === "result") answers.push(ev);
    }
  });
  return { pid: c.pid!, answers, exited: new Promise((r) => c.once("exit", r)), kill: () => void c.kill("SIGKILL") };
}

async function waitFor(cond: () => boolean | Promise<boolean>, what: string, ms = 120_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`faults: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function ops(group: number, n: number) {
  return Array.from({ length: n }, (_, i) => ({ port: `GigabitEthernet${group}/0/${i + 1}`, vlan: 100 + group * 10 + i }));
}

async function writeConfig(dir: string, etcdUrl: string, host: string, port: number): Promise<string> {
  const file = join(dir, "ngs.ini");
  await writeFile(
    file,
    [
      "[ngs_coordination]",
      `backend_url = ${etcdUrl}`,
      "[genericswitch:sw1]",
      "device_type = netmiko_cisco_ios",
      `ip = ${host}`,
      `port = ${port}`,
      `username = ${CREDS.username}`,
      `password = ${CREDS.password}`,
      "ngs_batch_requests = true",
      "ngs_ssh_connect_timeout = 5",
      "ngs_ssh_connect_interval = 1",
      "",
    ].join("\n"),
  );
  return file;
}

function summarise(fault: FaultRun["fault"], faultAt: number, answers: Answer[], sw: SimSwitch | undefined, keysLeft: number): FaultRun {
  const ats = answers.map((a) => a.at);
  const vlanLines = (sw?.commandLog ?? []).map((l) => l.trim()).filter((l) => l.startsWith("switchport access vlan"));
  const failed = answers.filter((a) => !a.ok);
  return {
    fault,
    callers: answers.length,
    succeeded: answers.length - failed.length,
    failed: failed.length,
    lastAnswerMs: Math.max(...ats) - faultAt,
    spreadMs: Math.max(...ats) - Math.min(...ats),
    appliedTwice: vlanLines.length - new Set(vlanLines).size,
    keysLeft,
    ...(failed[0]?.error ? { firstError: failed[0].error } : {}),
  };
}

/** Keys under /ngs/ once the callers' leases (10 s) had time to go. */
async function keysLeft(client: Etcd3): Promise<number> {
  const end = Date.now() + 25_000;
  for (;;) {
    const n = await client.getAll().prefix("/ngs/").count();
    if (n === 0 || Date.now() > end) return n;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function unreachable(o: FaultsOptions, etcd: RestartableEtcd, dir: string): Promise<FaultRun> {
  const sockets = new Set<Socket>();
  const hole = createServer((s) => {
    sockets.add(s);
    s.on("error", () => undefined);
  });
  await new Promise<void>((r) => hole.listen(0, "127.0.0.1", r));
  const port = (hole.address() as { port: number }).port;
  const client = new Etcd3({ hosts: etcd.clientUrl });
  try {
    const cfg = await writeConfig(dir, etcd.url, "127.0.0.1", port);
    const t0 = Date.now();
    const children = [1, 2].map((g) => startChild(cfg, ops(g, 2)));
    await Promise.all(children.map((c) => c.exited));
    const answers = children.flatMap((c) => c.answers);
    return summarise("switch unreachable", t0, answers, undefined, await keysLeft(client));
  } finally {
    client.close();
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => hole.close(() => r()));
  }
}

async function workerKilled(o: FaultsOptions, etcd: RestartableEtcd, dir: string): Promise<FaultRun> {
  const sw = await startSwitch({ platform: "cisco_ios", ...CREDS, faults: { commandLatencyMs: o.commandLatencyMs } });
  const client = new Etcd3({ hosts: etcd.clientUrl });
  try {
    const cfg = await writeConfig(dir, etcd.url, sw.host, sw.port);
    const victim = startChild(cfg, ops(9, 2));
    const lockKey = `/ngs/batch/${sw.host}/execute_lock`;
    await waitFor(async () => !!(await client.get(lockKey).string())?.includes(`/${victim.pid}/`), "the victim to hold the execute lock");
    const others = [1, 2].map((g) => startChild(cfg, ops(g, 2)));
    await waitFor(async () => (await client.getAll().prefix(`/ngs/batch/${sw.host}/input/`).count()) >= 5, "the others to queue");
    await waitFor(() => sw.commandLog.some((l) => l.includes("interface GigabitEthernet9/")), "the victim to be mid-batch");
    victim.kill();
    const killedAt = Date.now();
    await Promise.all([victim.exited, ...others.map((c) => c.exited)]);
    return summarise("worker killed", killedAt, others.flatMap((c) => c.answers), sw, await keysLeft(client));
  } finally {
    client.close();
    await sw.close();
  }
}

async function etcdRestarted(o: FaultsOptions, etcd: RestartableEtcd, dir: string): Promise<FaultRun> {
  const sw = await startSwitch({ platform: "cisco_ios", ...CREDS, faults: { commandLatencyMs: o.commandLatencyMs } });
  try {
    const cfg = await writeConfig(dir, etcd.url, sw.host, sw.port);
    const children = [1, 2, 3].map((g) => startChild(cfg, ops(g, 2)));
    await waitFor(() => sw.commandLog.some((l) => l.includes("interface GigabitEthernet")), "the worker to start sending");
    await etcd.kill();
    await new Promise((r) => setTimeout(r, o.outageMs));
    await etcd.restart();
    const restartedAt = Date.now();
    await Promise.all(children.map((c) => c.exited));
    const client = new Etcd3({ hosts: etcd.clientUrl });
    try {
      return summarise("etcd restarted", restartedAt, children.flatMap((c) => c.answers), sw, await keysLeft(client));
    } finally {
      client.close();
    }
  } finally {
    await sw.close();
  }
}

export async function benchFaults(o: FaultsOptions): Promise<FaultsResult> {
  const runs: FaultRun[] = [];
  for (const [name, fn] of [
    ["switch unreachable", unreachable],
    ["worker killed", workerKilled],
    ["etcd restarted", etcdRestarted],
  ] as const) {
    o.log?.(`faults: ${name}`);
    const etcd = await o.startEtcd();
    const dir = await mkdtemp(join(tmpdir(), "ngs-bench-faults-"));
    try {
      runs.push(await fn(o, etcd, dir));
    } finally {
      await etcd.stop();
      await rm(dir, { recursive: true, force: true });
    }
  }
  return { scenario: "faults", commandLatencyMs: o.commandLatencyMs, outageMs: o.outageMs, runs };
}

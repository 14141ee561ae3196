/**
 * Session overhead: N sequential port operations against a simulator with no
 * added latency, then with 20 ms per command. Our cost per command is the
 * wall time minus the simulator's latency on the commands the driver waits
 * for, divided by the commands the simulator received.
 */
import { fork } from "node:child_process";
import { once } from "node:events";
import { connect, createServer, type AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { runStress, type SwitchCounters } from "@ngs/stress";
import { startSwitch } from "@ngs/switch-sim";
import { portRun, round2 } from "./common.js";
import type { SshFloorPlan } from "./ssh-floor-child.js";

/** The floor child's untimed warm-up: one session with one command and one bare return. */
const FLOOR_WARMUP = { commands: 1, returns: 1 };

export interface OverheadRun {
  reuse: boolean;
  commandLatencyMs: number;
  /** Operations timed (plugs and unplugs). */
  ops: number;
  errors: number;
  commands: number;
  /**
   * Commands whose answer the driver waits for: all but each session's
   * logout. The simulator counts the logout and sleeps its latency, but the
   * driver closes the connection without waiting, so that latency is never
   * spent (with reuse off, one per operation).
   */
  awaitedCommands: number;
  sessions: number;
  saves: number;
  wallMs: number;
  /** awaitedCommands × commandLatencyMs (login and save latency are 0 here). */
  simLatencyMs: number;
  /** Wall time per command, simulator latency included. */
  perCommandMs: number;
  /** (wall − nominal simulator latency) / commands. */
  overheadPerCommandMs: number;
  /** (wall − awaitedCommands × the measured floor of one round trip at this latency) / commands: what ngs and SSH add. */
  overheadVsMeasuredMs: number;
  /** Bare returns and answers the simulator received: round trips that are not commands. */
  returns?: number;
  /**
   * CPU the simulator's process spent per command over the whole run (its SSH server and dialect; the run's
   * setup included). Much of it lies on the critical path, between the simulator's timer and the driver.
   */
  simCpuPerCommandMs?: number;
  /** Wall time of the same conversation (sessions, commands, returns) from a bare ssh2 client: the simulator plus SSH, no ngs. */
  sshFloorMs?: number;
  /** (wall − sshFloorMs) / commands: what ngs itself adds over SSH. */
  overheadVsSshMs?: number;
  perOpMs: number;
}

export interface OverheadResult {
  scenario: "overhead";
  ports: number;
  repeats: number;
  runs: OverheadRun[];
  /** Measured floor of one command round trip (plain TCP echo with the simulator's delay), per latency. */
  floorMs: Record<string, number>;
  targetMs: number;
}

/** The simulated Cisco IOS logs out with one line (`exit`) that nobody waits an answer for. */
const LOGOUT_LINES_PER_SESSION = 1;

/** Commands the driver waited for: all but each session's logout line. */
function awaitedCommands(sw: SwitchCounters): number {
  return Math.max(0, sw.commandsReceived - sw.sessionsOpened * LOGOUT_LINES_PER_SESSION);
}

export interface OverheadOptions {
  /** Ports plugged then unplugged, one at a time (2 × ports operations). */
  ports: number;
  latencyMs: number;
  /** Runs per configuration; the median (by wall time) is reported. */
  repeats: number;
}

/**
 * The floor a command costs on this machine: a plain TCP echo over loopback
 * whose server answers after `setTimeout(ms)`, as the simulator does. Node
 * timers fire late and waking an idle process costs time (on a VM, ~1–2 ms),
 * none of which is ngs's doing.
 */
export async function measureFloor(ms: number, samples = 100): Promise<number> {
  const server = createServer((s) => {
    s.setNoDelay(true);
    s.on("data", (d) => (ms > 0 ? setTimeout(() => s.write(d), ms) : s.write(d)));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  const sock = connect(port, "127.0.0.1");
  sock.setNoDelay(true);
  await once(sock, "connect");
  try {
    const t0 = performance.now();
    for (let i = 0; i < samples; i++) {
      sock.write("x");
      await once(sock, "data");
    }
    return (performance.now() - t0) / samples;
  } finally {
    sock.destroy();
    await new Promise((r) => server.close(r));
  }
}

const SSH_FLOOR_CHILD = fileURLToPath(new URL("./ssh-floor-child.js", import.meta.url));

/** Spreads `total` over `n` buckets as evenly as possible. */
function spread(total: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.floor(total / n) + (i < total % n ? 1 : 0));
}

/**
 * The SSH floor of one run: a fresh simulator with the same latency, and a
 * bare ssh2 client in its own process holding the same conversation the
 * driver held (same sessions, awaited commands and uncharged round trips).
 */
export async function measureSshFloor(commandLatencyMs: number, sw: SwitchCounters): Promise<number> {
  const password = crypto.randomUUID();
  const sim = await startSwitch({ platform: "cisco_ios", password, faults: { commandLatencyMs } });
  try {
    const sessions = Math.max(1, sw.sessionsOpened);
    const awaited = awaitedCommands(sw);
    const commands = spread(awaited, sessions);
    const returns = spread(sw.emptyLines + sw.answers, sessions);
    const plan: SshFloorPlan = {
      host: sim.host,
      port: sim.port,
      username: "admin",
      password,
      sessions: commands.map((c, i) => ({ commands: c, returns: returns[i]! })),
      command: "terminal length 0",
      warmup: FLOOR_WARMUP,
    };
    const child = fork(SSH_FLOOR_CHILD, [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    const exited = once(child, "exit");
    child.send(plan);
    const [msg] = (await Promise.race([once(child, "message"), exited.then(([code]) => {
      throw new Error(`ssh floor child exited with ${String(code)} before reporting`);
    })])) as [{ wallMs: number }];
    await exited;
    // The floor must have held exactly the planned conversation.
    // Each session, the warm-up's included, also sends its logout line.
    const plannedCommands = awaited + sessions + FLOOR_WARMUP.commands + 1;
    const plannedReturns = sw.emptyLines + sw.answers + FLOOR_WARMUP.returns;
    if (sim.counters.commandsReceived !== plannedCommands || sim.counters.emptyLines !== plannedReturns) {
      throw new Error(`ssh floor: the simulator saw ${sim.counters.commandsReceived} commands and ${sim.counters.emptyLines} returns, planned ${plannedCommands} and ${plannedReturns}`);
    }
    return msg.wallMs;
  } finally {
    await sim.close();
  }
}

export async function benchOverhead(o: OverheadOptions): Promise<OverheadResult> {
  const runs: OverheadRun[] = [];
  const floors = new Map<number, number>();
  for (const l of [0, o.latencyMs]) floors.set(l, await measureFloor(l));
  for (const reuse of [false, true]) {
    for (const commandLatencyMs of [0, o.latencyMs]) {
      const tries = [];
      const sshFloors: number[] = [];
      for (let i = 0; i < o.repeats; i++) {
        // Each run is followed at once by its SSH floor, so drift on the machine hits both alike.
        const cpu0 = process.cpuUsage();
        const run = await runStress(
        portRun({
          ports: o.ports,
          processes: 1,
          // The driver runs in its own process, the simulator in this one: the simulator's CPU is not ours.
          fork: true,
          concurrency: 1,
          plugOnly: false,
          profile: { commandLatencyMs, loginLatencyMs: 0, saveLatencyMs: 0 },
          driver: { reuse },
        }),
        );
        const cpu = process.cpuUsage(cpu0);
        tries.push({ run, simCpuMs: (cpu.user + cpu.system) / 1000 });
        sshFloors.push(await measureSshFloor(commandLatencyMs, run.parallelSwitches![0]!));
      }
      tries.sort((a, b) => a.run.parallelMs - b.run.parallelMs);
      sshFloors.sort((a, b) => a - b);
      const { run: r, simCpuMs } = tries[Math.floor((tries.length - 1) / 2)]!;
      const sshFloorMs = sshFloors[Math.floor((sshFloors.length - 1) / 2)]!;
      const sw = r.parallelSwitches![0]!;
      const ops = r.ops.filter((x) => x.op === "plug port" || x.op === "unplug port");
      const count = ops.reduce((n, x) => n + x.count, 0);
      const errors = ops.reduce((n, x) => n + x.errors, 0);
      const awaited = awaitedCommands(sw);
      const simLatencyMs = awaited * commandLatencyMs;
      const commands = Math.max(1, sw.commandsReceived);
      runs.push({
        reuse,
        commandLatencyMs,
        ops: count,
        errors,
        commands: sw.commandsReceived,
        awaitedCommands: awaited,
        sessions: sw.sessionsOpened,
        saves: sw.saves,
        wallMs: r.parallelMs,
        simLatencyMs,
        perCommandMs: round2(r.parallelMs / commands),
        overheadPerCommandMs: round2((r.parallelMs - simLatencyMs) / commands),
        overheadVsMeasuredMs: round2((r.parallelMs - awaited * floors.get(commandLatencyMs)!) / commands),
        returns: sw.emptyLines + sw.answers,
        simCpuPerCommandMs: round2(simCpuMs / commands),
        sshFloorMs: round2(sshFloorMs),
        overheadVsSshMs: round2((r.parallelMs - sshFloorMs) / commands),
        perOpMs: round2(r.parallelMs / Math.max(1, count)),
      });
    }
  }
  return { scenario: "overhead", ports: o.ports, repeats: o.repeats, runs, floorMs: Object.fromEntries([...floors].map(([k, v]) => [String(k), round2(v)])), targetMs: 1 };
}

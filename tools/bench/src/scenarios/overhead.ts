/**
 * Session overhead: N sequential port operations against a simulator with no
 * added latency, then with 20 ms per command. Our cost per command is the
 * wall time minus the simulator's latency on the commands the driver waits
 * for, divided by the commands the simulator received.
 */
import { once } from "node:events";
import { connect, createServer, type AddressInfo } from "node:net";
import { runStress } from "@ngs/stress";
import { portRun, round2 } from "./common.js";

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
  /** (wall − awaitedCommands × the measured floor of one round trip at this latency) / commands: what ngs itself adds. */
  overheadVsMeasuredMs: number;
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

export async function benchOverhead(o: OverheadOptions): Promise<OverheadResult> {
  const runs: OverheadRun[] = [];
  const floors = new Map<number, number>();
  for (const l of [0, o.latencyMs]) floors.set(l, await measureFloor(l));
  for (const reuse of [false, true]) {
    for (const commandLatencyMs of [0, o.latencyMs]) {
      const tries = [];
      for (let i = 0; i < o.repeats; i++) {
        tries.push(await runStress(
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
        ));
      }
      tries.sort((a, b) => a.parallelMs - b.parallelMs);
      const r = tries[Math.floor((tries.length - 1) / 2)]!;
      const sw = r.parallelSwitches![0]!;
      const ops = r.ops.filter((x) => x.op === "plug port" || x.op === "unplug port");
      const count = ops.reduce((n, x) => n + x.count, 0);
      const errors = ops.reduce((n, x) => n + x.errors, 0);
      const awaited = Math.max(0, sw.commandsReceived - sw.sessionsOpened * LOGOUT_LINES_PER_SESSION);
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
        perOpMs: round2(r.parallelMs / Math.max(1, count)),
      });
    }
  }
  return { scenario: "overhead", ports: o.ports, repeats: o.repeats, runs, floorMs: Object.fromEntries([...floors].map(([k, v]) => [String(k), round2(v)])), targetMs: 1 };
}

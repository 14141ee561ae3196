/**
 * Simulated switches for a run without a config: start them, write a temp
 * ini config pointing at them, read their counters afterwards.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSwitch, type SimSwitch } from "@ngs/switch-sim";
import type { DriverOptions, SimOptions } from "./options.js";

export interface SwitchCounters {
  name: string;
  sessionsOpened: number;
  sessionsPeak: number;
  commandsReceived: number;
  /** Bare returns (prompt checks, liveness probes) and answers to questions: round trips that are not commands. */
  emptyLines: number;
  answers: number;
  saves: number;
  sessionsRejected: number;
}

export interface SimulatedSwitches {
  /** The temp ini file (contains the generated sim password: keep it private). */
  configFile: string;
  switches: Map<string, SimSwitch>;
  counters(): SwitchCounters[];
  close(): Promise<void>;
}

const USERNAME = "ngs";

/** One `[genericswitch:NAME]` section per simulator, plus `[ngs_coordination]` when an etcd URL is given. */
export function renderSimConfig(
  sims: readonly { name: string; host: string; port: number }[],
  sim: SimOptions,
  driver: DriverOptions,
  password: string,
): string {
  const lines: string[] = ["# Written by ngs-stress for its simulated switches.", ""];
  if (driver.etcdUrl || driver.acquireTimeoutS !== undefined) {
    lines.push("[ngs_coordination]");
    if (driver.etcdUrl) lines.push(`backend_url = ${driver.etcdUrl}`);
    if (driver.acquireTimeoutS !== undefined) lines.push(`acquire_timeout = ${driver.acquireTimeoutS}`);
    lines.push("");
  }
  for (const s of sims) {
    lines.push(
      `[genericswitch:${s.name}]`,
      `device_type = ${sim.deviceType}`,
      `ip = ${s.host}`,
      `port = ${s.port}`,
      `username = ${USERNAME}`,
      `password = ${password}`,
      `secret = ${password}`,
      `ngs_save_configuration = ${driver.save ? "True" : "False"}`,
    );
    if (driver.batch) lines.push("ngs_batch_requests = True");
    if (driver.reuse) lines.push("ngs_ssh_reuse_connection = True");
    if (driver.maxConnections !== undefined) lines.push(`ngs_max_connections = ${driver.maxConnections}`);
    lines.push("");
  }
  return lines.join("\n");
}

export async function startSimulatedSwitches(sim: SimOptions, driver: DriverOptions): Promise<SimulatedSwitches> {
  const password = crypto.randomUUID();
  const switches = new Map<string, SimSwitch>();
  const dir = await mkdtemp(join(tmpdir(), "ngs-stress-"));
  const closeAll = async (): Promise<void> => {
    await Promise.allSettled([...switches.values()].map((s) => s.close()));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const started = await Promise.all(
      Array.from({ length: sim.switches }, (_, i) =>
        startSwitch({
          platform: sim.platform,
          hostname: `sim${i}`,
          host: "127.0.0.1",
          username: USERNAME,
          password,
          secret: password,
          faults: {
            commandLatencyMs: sim.commandLatencyMs,
            loginLatencyMs: sim.loginLatencyMs,
            saveLatencyMs: sim.saveLatencyMs,
            ...(sim.maxSessions > 0 ? { maxSessions: sim.maxSessions } : {}),
          },
        }),
      ),
    );
    started.forEach((s, i) => switches.set(`sim${i}`, s));
    const configFile = join(dir, "ngs-stress.conf");
    const text = renderSimConfig(
      started.map((s, i) => ({ name: `sim${i}`, host: s.host, port: s.port })),
      sim,
      driver,
      password,
    );
    await writeFile(configFile, text, { mode: 0o600 });
    return {
      configFile,
      switches,
      counters: () =>
        [...switches.entries()].map(([name, s]) => ({
          name,
          sessionsOpened: s.counters.sessionsOpened,
          sessionsPeak: s.counters.sessionsPeak,
          commandsReceived: s.counters.commandsReceived,
          emptyLines: s.counters.emptyLines,
          answers: s.counters.answers,
          saves: s.counters.saves,
          sessionsRejected: s.counters.sessionsRejected,
        })),
      close: closeAll,
    };
  } catch (e) {
    await closeAll();
    throw e;
  }
}

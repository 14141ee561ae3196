// PoolLock over a real etcd, across separate OS processes: the switch never
// sees more sessions than ngs_max_connections allows.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SIM_PASSWORD, SIM_USERNAME, startEtcd, type EtcdFixture } from "@ngs/test-utils";
import { startSwitch, type SimSwitch } from "@ngs/switch-sim";
import { killAll, startHost, type Host } from "./workers/hosts.js";

const PROCESSES = 4;
const OPS_PER_PROCESS = 10;

let etcd: EtcdFixture;
let sw: SimSwitch | undefined;
let hosts: Host[] = [];

beforeAll(async () => {
  etcd = await startEtcd();
});
afterEach(async () => {
  await killAll(hosts);
  hosts = [];
  await sw?.close();
  sw = undefined;
});
afterAll(async () => {
  await etcd?.stop();
});

/** Each process plugs its own ten ports, so every operation is identifiable in the switch's log. */
function opsFor(proc: number) {
  return Array.from({ length: OPS_PER_PROCESS }, (_, i) => ({
    port: `GigabitEthernet${proc}/${i + 1}`,
    vlan: 100 + proc * OPS_PER_PROCESS + i,
  }));
}

async function runHosts(maxConnections: number, vtyLimit: number): Promise<void> {
  sw = await startSwitch({
    platform: "cisco_ios",
    username: SIM_USERNAME,
    password: SIM_PASSWORD,
    faults: { commandLatencyMs: 3, maxSessions: vtyLimit },
  });
  for (let p = 0; p < PROCESSES; p++) {
    hosts.push(
      startHost({
        backendUrl: etcd.url,
        switch: { host: sw.host, port: sw.port, username: SIM_USERNAME, password: SIM_PASSWORD },
        ops: opsFor(p),
        maxConnections,
        acquireTimeoutS: 60,
      }),
    );
  }
  const codes = await Promise.all(hosts.map((h) => h.exited));
  // Each host closed its coordination and exited by itself (no leaked keep-alive).
  expect(codes, hosts.map((h) => h.stderr).join("\n")).toEqual(hosts.map(() => 0));
  for (const h of hosts) expect(h.events.at(-1)).toMatchObject({ type: "closed" });
  expect(h_results().filter((r) => !r.ok)).toEqual([]);
  expect(h_results()).toHaveLength(PROCESSES * OPS_PER_PROCESS);
  // The switch ends up exactly as asked.
  const ports = sw.snapshot().ports;
  for (let p = 0; p < PROCESSES; p++) {
    for (const op of opsFor(p)) expect(ports[op.port], op.port).toMatchObject({ mode: "access", accessVlan: op.vlan });
  }
}

function h_results() {
  return hosts.flatMap((h) => h.results);
}

describe("PoolLock over etcd across processes", () => {
  it("ngs_max_connections = 2: a switch with a 2-session vty limit never sees more than 2 sessions or refuses one", async () => {
    await runHosts(2, 2);
    expect(sw!.counters.sessionsRejected).toBe(0);
    expect(sw!.counters.sessionsPeak).toBeLessThanOrEqual(2);
    expect(sw!.counters.sessionsOpened).toBe(PROCESSES * OPS_PER_PROCESS);
  });

  it("ngs_max_connections = 1: operations on one switch never overlap", async () => {
    // A vty limit of 4 would let overlapping sessions in; the lock alone must keep them apart.
    await runHosts(1, 4);
    expect(sw!.counters.sessionsPeak).toBe(1);
    expect(sw!.counters.sessionsRejected).toBe(0);
    // Every operation's three config lines arrive together, never interleaved with another's.
    const log = sw!.commandLog.map((l) => l.trim());
    for (let p = 0; p < PROCESSES; p++) {
      for (const op of opsFor(p)) {
        const i = log.indexOf(`interface ${op.port}`);
        expect(i, op.port).toBeGreaterThanOrEqual(0);
        expect(log.slice(i, i + 3)).toEqual([`interface ${op.port}`, "switchport mode access", `switchport access vlan ${op.vlan}`]);
      }
    }
  });
});

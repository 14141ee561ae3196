/** Shared bits of the bench scenarios. */
import { DEFAULT_SIM, randomNetId, type DriverOptions, type SimOptions, type StressOptions } from "@ngs/stress";

export interface SimProfile {
  commandLatencyMs: number;
  loginLatencyMs: number;
  saveLatencyMs: number;
}

/** Port names a Cisco IOS simulator accepts. */
export function portNames(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `GigabitEthernet${1 + Math.floor(i / 48)}/0/${(i % 48) + 1}`);
}

/** A port-mode stress run against one simulated netmiko_cisco_ios switch. */
export function portRun(o: {
  ports: number;
  processes: number;
  profile: SimProfile;
  driver: Partial<DriverOptions>;
  concurrency?: number;
  plugOnly?: boolean;
  fork?: boolean;
}): StressOptions {
  const sim: SimOptions = { ...DEFAULT_SIM, ...o.profile };
  return {
    mode: "port",
    switch: "sim0",
    vlanMin: 100,
    vlanMax: 101,
    ports: portNames(o.ports),
    createNet: true,
    plugOnly: o.plugOnly ?? true,
    netId: randomNetId(),
    iterations: 1,
    processes: o.processes,
    fork: o.fork ?? false,
    concurrency: o.concurrency ?? 0,
    configFiles: [],
    configDirs: [],
    sim,
    driver: { batch: false, reuse: false, save: true, ...o.driver },
    json: false,
    progress: false,
  };
}

export const round2 = (v: number): number => Math.round(v * 100) / 100;

/** Commands IOS's PLUG_PORT_TO_NETWORK template sends (interface, switchport mode access, switchport access vlan). */
export const IOS_PLUG_COMMANDS = 3;

/** What one stress run does; the CLI parses into this, the bench builds it directly. */

export type StressMode = "network" | "port";

export interface SimOptions {
  /** Simulated switches to start (named sim0, sim1, ...); the run drives `switch`. */
  switches: number;
  /** The ngs device type written into the temp config. */
  deviceType: string;
  /** The @ngs/switch-sim platform the simulator imitates. */
  platform: string;
  commandLatencyMs: number;
  loginLatencyMs: number;
  saveLatencyMs: number;
  /** 0 = unlimited. */
  maxSessions: number;
}

/** `ngs_*` options written into the temp config for simulated switches. */
export interface DriverOptions {
  /** `ngs_batch_requests` (needs `etcdUrl`). */
  batch: boolean;
  /** `[ngs_coordination] backend_url`, e.g. `etcd3+http://127.0.0.1:2379`. */
  etcdUrl?: string;
  /** `ngs_max_connections`. */
  maxConnections?: number;
  /** `ngs_ssh_reuse_connection`. */
  reuse: boolean;
  /** `ngs_save_configuration`. */
  save: boolean;
  /** `[ngs_coordination] acquire_timeout` in seconds. */
  acquireTimeoutS?: number;
}

export interface StressOptions {
  mode: StressMode;
  /** The switch (config section name) to drive; default `sim0` with simulated switches. */
  switch: string;
  /** VLANs `min` (inclusive) to `max` (exclusive), like upstream's `range(min, max)`. */
  vlanMin: number;
  vlanMax: number;
  /** Port mode: the ports to plug and unplug. */
  ports: string[];
  /** Port mode: create the VLAN first and delete it at the end (upstream `--create-net`). */
  createNet: boolean;
  /** Port mode: only plug (no unplug); the bench uses this. */
  plugOnly: boolean;
  netId: string;
  iterations: number;
  processes: number;
  /** Run even a single worker in a child process (keeps the simulator's CPU out of the driver's process). */
  fork: boolean;
  /** Jobs in flight per process; 0 = all at once. */
  concurrency: number;
  configFiles: string[];
  configDirs: string[];
  /** Set when no config is given: simulated switches are started. */
  sim?: SimOptions;
  driver: DriverOptions;
  json: boolean;
  /** pino level for the driver's own logs (stderr); default NGS_LOG_LEVEL, else silent. */
  logLevel?: string;
  /** Progress bar: default on when stderr is a TTY. */
  progress?: boolean;
}

export const DEFAULT_SIM: SimOptions = {
  switches: 1,
  deviceType: "netmiko_cisco_ios",
  platform: "cisco_ios",
  commandLatencyMs: 0,
  loginLatencyMs: 0,
  saveLatencyMs: 0,
  maxSessions: 0,
};

export const DEFAULT_SIM_VLANS = { min: 100, max: 110 };
export const DEFAULT_SIM_PORTS = "GigabitEthernet1/0/[1-8]";

/**
 * A network id like upstream's: a random UUID whose first character is a
 * digit (Dell Force10 cannot take network names starting with a letter).
 */
export function randomNetId(): string {
  for (;;) {
    const id = crypto.randomUUID();
    if (/^[0-9]/.test(id)) return id;
  }
}

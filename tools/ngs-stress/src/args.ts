/** `ngs-stress` command-line parsing: every mistake is a GenericSwitch* error naming the option. */
import { parseArgs } from "node:util";
import { GenericSwitchConfigException, GenericSwitchInvalidValue, parseBackendUrl } from "@ngs/core";
import {
  DEFAULT_SIM,
  DEFAULT_SIM_PORTS,
  DEFAULT_SIM_VLANS,
  randomNetId,
  type StressMode,
  type StressOptions,
} from "./options.js";

export const USAGE = `Usage: ngs-stress --mode network|port [options]

Drives one switch through the whole ngs driver stack (locking, batching,
connection reuse as configured) with many parallel operations, then reports
per operation: count, errors, throughput, latency p50/p95/p99/max, and the
simulator's SSH sessions and saves.

Without --config-file/--config-dir it starts simulated switches itself.

Workload:
  --mode network|port      network: add then delete each VLAN of the range, all in parallel
                           port: plug then unplug each port, all in parallel (VLAN = range min)
  --switch NAME            config section [genericswitch:NAME] to drive (default sim0 when simulated)
  --vlan-range MIN:MAX     VLANs MIN..MAX-1 (MAX is exclusive, as upstream) (default 100:110 simulated)
  --ports LIST             port mode: comma-separated; "Gi1/0/[1-48]" expands a range
                           (default ${DEFAULT_SIM_PORTS} simulated)
  --no-create-net          port mode: do not add the VLAN first / delete it at the end
  --plug-only              port mode: plug only, no unplug
  --net-id UUID            network id (default: random UUID starting with a digit)
  --iterations N           rounds of the whole workload (default 1)
  --concurrency N          jobs in flight per process (default 0 = all at once)
  --processes N            split the items across N worker processes (default 1)
  --fork                   run a single worker in a child process too

Real switches:
  --config-file PATH       ini file (repeatable), as for the ngs driver
  --config-dir PATH        every *.conf in it (repeatable)

Simulated switches (ignored with a config):
  --sim-switches N                 switches to start, sim0..simN-1 (default 1)
  --sim-device-type TYPE           device type in the temp config (default netmiko_cisco_ios)
  --sim-platform NAME              simulator platform (default cisco_ios)
  --sim-command-latency-ms MS      added before each command's reply (default 0)
  --sim-login-latency-ms MS        added to each login (default 0)
  --sim-save-latency-ms MS         added to each save (default 0)
  --sim-max-sessions N             refuse sessions beyond N (default 0 = unlimited)
  --batch                          ngs_batch_requests = True (needs --etcd-url)
  --etcd-url URL                   [ngs_coordination] backend_url, e.g. etcd3+http://127.0.0.1:2379
  --max-connections N              ngs_max_connections
  --reuse                          ngs_ssh_reuse_connection = True
  --no-save                        ngs_save_configuration = False
  --acquire-timeout S              [ngs_coordination] acquire_timeout

Output:
  --json                   print the result as JSON on stdout
  --log-level LEVEL        driver logs on stderr: silent|fatal|error|warn|info|debug
                           (default NGS_LOG_LEVEL, else silent: errors are summarised at the end)
  --no-progress            no progress bar (it is drawn on stderr only when stderr is a TTY)
  -h, --help               this text
`;

function bad(option: string, value: unknown, reason: string): GenericSwitchInvalidValue {
  return new GenericSwitchInvalidValue({ what: `option ${option}`, value: JSON.stringify(value), reason });
}

function int(option: string, v: string | undefined, fallback: number, min: number): number {
  if (v === undefined) return fallback;
  if (!/^[0-9]+$/.test(v) || Number(v) < min) throw bad(option, v, `expected an integer >= ${min}`);
  return Number(v);
}

/** Expand `Gi1/0/[1-4]` into Gi1/0/1..Gi1/0/4; a name without brackets stays as it is. */
export function expandPorts(list: string): string[] {
  const out: string[] = [];
  for (const raw of list.split(",")) {
    const item = raw.trim();
    if (item === "") continue;
    const m = /^(.*)\[(\d+)-(\d+)\](.*)$/.exec(item);
    if (!m) {
      out.push(item);
      continue;
    }
    const [, pre, a, b, post] = m as unknown as [string, string, string, string, string];
    const lo = Number(a);
    const hi = Number(b);
    if (hi < lo || hi - lo > 10_000) throw bad("--ports", item, "a range [A-B] needs A <= B and at most 10000 ports");
    for (let i = lo; i <= hi; i++) out.push(`${pre}${i}${post}`);
  }
  return out;
}

const PORT_RE = /^[A-Za-z0-9/.:_-]+(?: [A-Za-z0-9/.:_-]+)?$/;

export function parseVlanRange(v: string): { min: number; max: number } {
  const m = /^(\d{1,4}):(\d{1,4})$/.exec(v);
  if (!m) throw bad("--vlan-range", v, "expected MIN:MAX, e.g. 100:110 (MAX is exclusive)");
  const min = Number(m[1]);
  const max = Number(m[2]);
  if (min < 1 || max > 4095 || max <= min) {
    throw bad("--vlan-range", v, "expected 1 <= MIN < MAX <= 4095 (VLANs MIN..MAX-1 are used)");
  }
  return { min, max };
}

const LEVELS = ["silent", "fatal", "error", "warn", "info", "debug", "trace"];

function logLevel(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (!LEVELS.includes(v)) throw new GenericSwitchConfigException({ option: "--log-level", allowed_options: LEVELS.join(", ") });
  return v;
}

/** Parse argv (without node and script). Returns null for --help. */
export function parseStressArgs(argv: readonly string[]): StressOptions | null {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        mode: { type: "string" },
        switch: { type: "string" },
        "vlan-range": { type: "string" },
        ports: { type: "string" },
        "no-create-net": { type: "boolean" },
        "create-net": { type: "boolean" },
        "plug-only": { type: "boolean" },
        "net-id": { type: "string" },
        iterations: { type: "string" },
        concurrency: { type: "string" },
        processes: { type: "string" },
        fork: { type: "boolean" },
        "config-file": { type: "string", multiple: true },
        "config-dir": { type: "string", multiple: true },
        "sim-switches": { type: "string" },
        "sim-device-type": { type: "string" },
        "sim-platform": { type: "string" },
        "sim-command-latency-ms": { type: "string" },
        "sim-login-latency-ms": { type: "string" },
        "sim-save-latency-ms": { type: "string" },
        "sim-max-sessions": { type: "string" },
        batch: { type: "boolean" },
        "etcd-url": { type: "string" },
        "max-connections": { type: "string" },
        reuse: { type: "boolean" },
        "no-save": { type: "boolean" },
        "acquire-timeout": { type: "string" },
        json: { type: "boolean" },
        "log-level": { type: "string" },
        "no-progress": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    throw new GenericSwitchConfigException({
      message: `ngs-stress: ${(e as Error).message}. Run ngs-stress --help for the options.`,
    });
  }
  const v = parsed.values;
  if (v.help) return null;

  const mode = v.mode;
  if (mode !== "network" && mode !== "port") {
    throw new GenericSwitchConfigException({ option: "--mode", allowed_options: "network, port" });
  }
  const configFiles = v["config-file"] ?? [];
  const configDirs = v["config-dir"] ?? [];
  const simulated = configFiles.length === 0 && configDirs.length === 0;

  const simSwitches = int("--sim-switches", v["sim-switches"], DEFAULT_SIM.switches, 1);
  const switchName = v.switch ?? (simulated ? "sim0" : undefined);
  if (!switchName) throw bad("--switch", undefined, "required with --config-file/--config-dir: the [genericswitch:NAME] to drive");
  if (simulated && !/^sim\d+$/.test(switchName)) {
    throw bad("--switch", switchName, `simulated switches are named sim0..sim${simSwitches - 1}`);
  }
  if (simulated && Number(switchName.slice(3)) >= simSwitches) {
    throw bad("--switch", switchName, `only sim0..sim${simSwitches - 1} are started (see --sim-switches)`);
  }

  const range = v["vlan-range"] !== undefined ? parseVlanRange(v["vlan-range"]) : simulated ? DEFAULT_SIM_VLANS : undefined;
  if (!range) throw bad("--vlan-range", undefined, "required with --config-file/--config-dir");

  let ports: string[] = [];
  if (mode === "port") {
    const list = v.ports ?? (simulated ? DEFAULT_SIM_PORTS : undefined);
    if (list === undefined) throw bad("--ports", undefined, "required in port mode with --config-file/--config-dir");
    ports = expandPorts(list);
    if (ports.length === 0) throw bad("--ports", list, "no port names in the list");
    for (const p of ports) if (!PORT_RE.test(p)) throw bad("--ports", p, "not a port name");
    if (new Set(ports).size !== ports.length) throw bad("--ports", list, "a port is listed twice");
  } else if (v.ports !== undefined || v["plug-only"]) {
    throw bad(v.ports !== undefined ? "--ports" : "--plug-only", v.ports ?? true, "only used with --mode port");
  }

  const processes = int("--processes", v.processes, 1, 1);
  const items = mode === "port" ? ports.length : range.max - range.min;
  if (processes > items) {
    throw bad("--processes", v.processes, `more processes than ${mode === "port" ? "ports" : "VLANs"} (${items}) to share out`);
  }

  if (v.batch && !v["etcd-url"] && simulated) {
    throw bad("--batch", true, "batching goes through etcd: give --etcd-url too");
  }
  const etcdUrl = v["etcd-url"];
  // The core's own check, whose errors never show credentials.
  if (etcdUrl !== undefined) parseBackendUrl(etcdUrl);

  const netId = v["net-id"] ?? randomNetId();
  if (!/^[0-9a-fA-F-]{32,36}$/.test(netId)) throw bad("--net-id", netId, "expected a UUID");

  return {
    mode: mode as StressMode,
    switch: switchName,
    vlanMin: range.min,
    vlanMax: range.max,
    ports,
    createNet: !v["no-create-net"],
    plugOnly: Boolean(v["plug-only"]),
    netId,
    iterations: int("--iterations", v.iterations, 1, 1),
    processes,
    fork: Boolean(v.fork),
    concurrency: int("--concurrency", v.concurrency, 0, 0),
    configFiles,
    configDirs,
    sim: simulated
      ? {
          switches: simSwitches,
          deviceType: v["sim-device-type"] ?? DEFAULT_SIM.deviceType,
          platform: v["sim-platform"] ?? DEFAULT_SIM.platform,
          commandLatencyMs: int("--sim-command-latency-ms", v["sim-command-latency-ms"], 0, 0),
          loginLatencyMs: int("--sim-login-latency-ms", v["sim-login-latency-ms"], 0, 0),
          saveLatencyMs: int("--sim-save-latency-ms", v["sim-save-latency-ms"], 0, 0),
          maxSessions: int("--sim-max-sessions", v["sim-max-sessions"], 0, 0),
        }
      : undefined,
    driver: {
      batch: Boolean(v.batch),
      etcdUrl,
      maxConnections: v["max-connections"] !== undefined ? int("--max-connections", v["max-connections"], 1, 1) : undefined,
      reuse: Boolean(v.reuse),
      save: !v["no-save"],
      acquireTimeoutS: v["acquire-timeout"] !== undefined ? int("--acquire-timeout", v["acquire-timeout"], 60, 0) : undefined,
    },
    json: Boolean(v.json),
    logLevel: logLevel(v["log-level"]),
    progress: v["no-progress"] ? false : undefined,
  };
}

#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { platforms } from "./platforms/index.js";
import { startSwitches } from "./server.js";
import type { SimFaults, SimSwitchOptions } from "./types.js";

const USAGE = `Usage: ngs-switch-sim [options]
       ngs-switch-sim --config switches.json

Starts simulated SSH switches and prints one line per switch:
  <platform> <hostname> <host:port> <host key fingerprint>
Runs until SIGINT/SIGTERM.

Options:
  --platform NAME         a platform the simulator models (default cisco_ios; for an ngs
                          device_type, or a plugin's own dialect, use \`ngs sim\`)
  --count N               number of switches (default 1); hostnames get -1, -2, ...
  --host ADDR             listen address (default 127.0.0.1)
  --port N                first port (default 0 = any free port; with --count, N, N+1, ...)
  --hostname NAME         switch hostname (default per platform)
  --username NAME         login user (default admin)
  --password TEXT         login password (default admin unless --authorized-keys)
  --secret TEXT           enable / sudo secret
  --authorized-keys FILE  OpenSSH authorized_keys file for the login user
  --ports LIST            comma-separated ports that exist at start
  --command-latency-ms N  --login-latency-ms N  --save-latency-ms N
  --max-sessions N        --drop-after-commands N  --fail-auth
  --netconf               also serve the netconf SSH subsystem (OpenConfig model;
                          --ports become its interfaces; "netconf" in --config)
  --json                  print a JSON array instead of lines
  --config FILE           JSON array of switch options (fields as in SimSwitchOptions;
                          errorOn patterns as strings)
  -h, --help`;

interface JsonSwitch extends Omit<SimSwitchOptions, "platform" | "faults"> {
  platform?: string;
  faults?: Omit<SimFaults, "errorOn"> & { errorOn?: { pattern: string; output: string }[] };
}

function fail(msg: string): never {
  process.stderr.write(`ngs-switch-sim: ${msg}\n\n${USAGE}\n`);
  process.exit(2);
}

function int(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) fail(`--${name} must be a whole number, got "${v}"`);
  return Number(v);
}

/**
 * A platform the simulator models by name. Device types belong to the
 * plugins (their device class declares the platform): `ngs sim` maps them.
 */
function platformNamed(name: string, where: string): string {
  if (platforms.includes(name)) return name;
  fail(
    `${where}: "${name}" is not a platform the simulator models (${platforms.join(", ")}); to simulate an ngs device_type or a plugin's own dialect, run \`ngs sim\` on a config that names it`,
  );
}

function fromJson(j: JsonSwitch, where: string): SimSwitchOptions {
  if (!j.platform) fail(`${where}: "platform" is required`);
  const { faults, ...rest } = j;
  const opts: SimSwitchOptions = { ...rest, platform: platformNamed(j.platform, where) };
  if (faults) {
    opts.faults = { ...faults, errorOn: faults.errorOn?.map((e) => ({ pattern: new RegExp(e.pattern), output: e.output })) };
  }
  return opts;
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        platform: { type: "string" },
        count: { type: "string" },
        host: { type: "string" },
        port: { type: "string" },
        hostname: { type: "string" },
        username: { type: "string" },
        password: { type: "string" },
        secret: { type: "string" },
        "authorized-keys": { type: "string" },
        ports: { type: "string" },
        "command-latency-ms": { type: "string" },
        "login-latency-ms": { type: "string" },
        "save-latency-ms": { type: "string" },
        "max-sessions": { type: "string" },
        "drop-after-commands": { type: "string" },
        "fail-auth": { type: "boolean" },
        netconf: { type: "boolean" },
        json: { type: "boolean" },
        config: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    });
  } catch (e) {
    fail((e as Error).message);
  }
  const v = parsed.values;
  if (v.help) {
    process.stdout.write(USAGE + "\n");
    return;
  }
  let list: SimSwitchOptions[];
  try {
    if (v.config) {
      const data = JSON.parse(readFileSync(v.config, "utf8")) as unknown;
      if (!Array.isArray(data)) fail(`${v.config}: expected a JSON array of switch objects`);
      list = (data as JsonSwitch[]).map((j, i) => fromJson(j, `${v.config}[${i}]`));
    } else {
      const count = int("count", v.count) ?? 1;
      const port = int("port", v.port);
      const authorizedKeys = v["authorized-keys"] ? readFileSync(v["authorized-keys"], "utf8").split("\n") : undefined;
      const faults: SimFaults = {
        commandLatencyMs: int("command-latency-ms", v["command-latency-ms"]),
        loginLatencyMs: int("login-latency-ms", v["login-latency-ms"]),
        saveLatencyMs: int("save-latency-ms", v["save-latency-ms"]),
        maxSessions: int("max-sessions", v["max-sessions"]),
        dropAfterCommands: int("drop-after-commands", v["drop-after-commands"]),
        failAuth: v["fail-auth"],
      };
      const platform = platformNamed(v.platform ?? "cisco_ios", "--platform");
      list = Array.from({ length: count }, (_, i) => ({
        platform,
        host: v.host,
        port: port === undefined || port === 0 ? 0 : port + i,
        hostname: v.hostname ? (count > 1 ? `${v.hostname}-${i + 1}` : v.hostname) : undefined,
        username: v.username,
        password: v.password ?? (authorizedKeys ? undefined : "admin"),
        secret: v.secret,
        authorizedKeys,
        ports: v.ports?.split(",").map((p) => p.trim()).filter(Boolean),
        netconf: v.netconf ? { interfaces: v.ports?.split(",").map((p) => p.trim()).filter(Boolean) ?? [] } : undefined,
        faults: Object.fromEntries(Object.entries(faults).filter(([, x]) => x !== undefined)) as SimFaults,
      }));
    }
  } catch (e) {
    fail((e as Error).message);
  }
  const sims = await startSwitches(list);
  // Handlers go in before anything is printed: a caller may signal as soon as it reads the output.
  const stop = () => {
    void Promise.all(sims.map((s) => s.close())).then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  if (v.json) {
    process.stdout.write(
      JSON.stringify(sims.map((s) => ({ platform: s.platform, hostname: s.hostname, host: s.host, port: s.port, hostKeyFingerprint: s.hostKeyFingerprint })), null, 2) + "\n",
    );
  } else {
    for (const s of sims) process.stdout.write(`${s.platform} ${s.hostname} ${s.address} ${s.hostKeyFingerprint}\n`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`ngs-switch-sim: ${(e as Error).message}\n`);
  process.exit(1);
});

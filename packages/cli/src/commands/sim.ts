import { existsSync, readFileSync } from "node:fs";
import type { CommandInput } from "../command.js";
import { GenericSwitchConfigException, isLoopbackHost, type Platform } from "../core.js";
import { UsageError } from "../errors.js";
import { HOST_PACKAGE_JSON, makeLogger, pluginDirs, loadCheckedConfig } from "../runtime.js";
import { requireSwitchSim } from "../companions.js";
import { dialectName, hostPlugins, simSetupFor } from "../sim-platform.js";

export const options = {} as const;

/** 127.0.0.0/8, ::1 and localhost: the simulator never listens anywhere else. */
export const isLoopback = isLoopbackHost;

/** The section's trunk ports exist from the start, so `get-config` shows them before the first change. */
function trunkInterfaces(dev: Record<string, string>): { interfaces?: string[] } {
  const ports = (dev.ngs_trunk_ports ?? "").split(",").map((p) => p.trim()).filter(Boolean);
  return ports.length ? { interfaces: ports } : {};
}

export async function run(input: CommandInput): Promise<number> {
  if (input.positionals.length) throw new UsageError(`unexpected argument '${input.positionals[0]}'`, "sim");
  const config = await loadCheckedConfig(input.global, "sim");
  const logger = await makeLogger(input.global);
  const dirs = pluginDirs(input.global, config);
  const plugins = hostPlugins(HOST_PACKAGE_JSON, dirs);
  const switchSim = await requireSwitchSim("sim", dirs, plugins);

  // Check every section first, so a bad one starts nothing.
  const problems: string[] = [];
  const plans = [];
  for (const [name, dev] of config.devices) {
    const where = `[genericswitch:${name}]`;
    const host = (dev.host || dev.ip || "").trim();
    if (!host) problems.push(`${where} ip: missing (ngs sim listens on it; use 127.0.0.1)`);
    else if (!isLoopback(host)) problems.push(`${where} ip: ${host} is not a loopback address; ngs sim only listens on 127.0.0.0/8, ::1 or localhost`);
    let platform: Platform | string = "";
    let netconf = false;
    try {
      ({ platform, netconf } = await simSetupFor(dev.device_type ?? "", plugins, dirs));
    } catch (e) {
      problems.push(`${where} device_type: ${(e as Error).message}`);
    }
    // NETCONF's own port (RFC 6242) unless the section says.
    const port = dev.port === undefined ? (netconf ? 830 : 22) : Number(dev.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) problems.push(`${where} port: ${JSON.stringify(dev.port)} is not a TCP port (1-65535)`);
    let authorizedKeys: string[] | undefined;
    if (dev.key_file) {
      const pub = `${dev.key_file}.pub`;
      if (existsSync(pub)) authorizedKeys = [readFileSync(pub, "utf8")];
      else if (dev.password === undefined) problems.push(`${where} key_file: ${pub} not found (ngs sim accepts the public key next to key_file)`);
    } else if (dev.password === undefined) problems.push(`${where} password: missing (or give key_file with a key_file.pub next to it)`);
    plans.push({ name, deviceType: dev.device_type ?? "", host, port, platform, netconf, dev, authorizedKeys });
  }
  if (problems.length) {
    throw new GenericSwitchConfigException({
      message: `cannot simulate this config (${problems.length} problem${problems.length > 1 ? "s" : ""}):\n${problems.map((p) => `  ${p}`).join("\n")}`,
    });
  }

  const sims: { close(): Promise<void> }[] = [];
  const closeAll = async () => {
    await Promise.all(sims.map((s) => s.close().catch(() => undefined)));
  };
  try {
    for (const p of plans) {
      const sim = await switchSim.startSwitch({
        platform: p.platform,
        hostname: p.name,
        host: p.host,
        port: p.port,
        ...(p.dev.username ? { username: p.dev.username } : {}),
        ...(p.dev.password !== undefined ? { password: p.dev.password } : {}),
        ...(p.dev.secret !== undefined ? { secret: p.dev.secret } : {}),
        ...(p.authorizedKeys ? { authorizedKeys: p.authorizedKeys } : {}),
        // An OpenConfig switch with candidate, running and startup; interfaces appear as edits name them.
        ...(p.netconf ? { netconf: { capabilities: { startup: true }, ...trunkInterfaces(p.dev) } } : {}),
      });
      sims.push(sim);
      logger.child({ switch: p.name }).info({ host: sim.host, port: sim.port, platform: dialectName(p.platform) }, "simulated switch listening");
      process.stdout.write(`${p.name}: ${p.deviceType} (${p.netconf ? "NETCONF, OpenConfig" : dialectName(p.platform)}) listening on ${sim.host}:${sim.port}\n`);
    }
  } catch (e) {
    await closeAll();
    throw new GenericSwitchConfigException({ message: `ngs sim: ${(e as Error).message}`, cause: e });
  }
  process.stdout.write(`ngs sim: ${sims.length} switch${sims.length === 1 ? "" : "es"} running; press Ctrl-C to stop\n`);

  const signal = await new Promise<string>((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });
  logger.info({ signal }, "stopping simulated switches");
  await closeAll();
  process.stdout.write("ngs sim: stopped\n");
  return 0;
}

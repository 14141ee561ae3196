import type { CommandInput } from "../command.js";
import { devicePlatformProblems, discoverPlugins, loadDeviceClass, type LoadedConfig, type PluginEntry } from "../core.js";
import { UsageError } from "../errors.js";
import { HOST_PACKAGE_JSON, configSources, pluginDirs, readConfigOrThrow } from "../runtime.js";
import { formatTable } from "../table.js";
import { reportFailure, writeJsonResults, type SwitchResult } from "../operate.js";

export const options = { json: { type: "boolean" } } as const;

/** A config is optional here; when given, `[ngs] plugins` / `plugin_dir` apply. */
function optionalConfig(input: CommandInput): LoadedConfig | undefined {
  try {
    configSources(input.global, "plugins");
  } catch {
    return undefined;
  }
  return readConfigOrThrow(input.global, "plugins");
}

function discover(input: CommandInput): PluginEntry[] {
  const config = optionalConfig(input);
  return discoverPlugins({
    hostPackageJson: HOST_PACKAGE_JSON,
    pluginDirs: pluginDirs(input.global, config),
    ...(config?.global.plugins ? { explicit: config.global.plugins } : {}),
  });
}

class PluginPlatformError extends Error {
  override name = "PluginPlatformError";
}

export async function run(input: CommandInput): Promise<number> {
  const [action, ...rest] = input.positionals;
  if (rest.length > 0) throw new UsageError(`unexpected argument '${rest[0]}'`, "plugins");
  if (action === "list") return list(input);
  if (action === "check") return check(input);
  throw new UsageError(`expected 'list' or 'check', got ${action === undefined ? "nothing" : `'${action}'`}`, "plugins");
}

function list(input: CommandInput): number {
  const entries = discover(input).sort((a, b) => a.deviceType.localeCompare(b.deviceType));
  if (input.values.json) {
    const rows = entries.map((e) => ({ device_type: e.deviceType, package: e.packageName, version: e.version, source: e.source }));
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  } else {
    process.stdout.write(
      `${formatTable(
        ["DEVICE TYPE", "PACKAGE", "VERSION"],
        entries.map((e) => [e.deviceType, e.packageName, e.version]),
      )}\n`,
    );
  }
  return 0;
}

async function check(input: CommandInput): Promise<number> {
  const entries = discover(input).sort((a, b) => a.deviceType.localeCompare(b.deviceType));
  const json = Boolean(input.values.json);
  const results: { status: SwitchResult["status"]; [key: string]: unknown }[] = [];
  for (const e of entries) {
    const base = { device_type: e.deviceType, package: e.packageName, version: e.version };
    try {
      const cls = await loadDeviceClass(e.deviceType, entries);
      // The dialect is part of the plugin: a missing or hand-made platform fails here, not at the first connect.
      const problems = devicePlatformProblems(cls) ?? [];
      if (problems.length > 0) throw new PluginPlatformError(`device type ${e.deviceType} of ${e.packageName}@${e.version}: ${problems.join("; ")}`);
      results.push({ ...base, status: "ok" });
      if (!json) process.stdout.write(`${e.deviceType} (${e.packageName}@${e.version}): ok\n`);
    } catch (err) {
      results.push({ ...base, status: "failed", error: { type: (err as Error).name, message: (err as Error).message } });
      reportFailure(e.deviceType, `loading ${e.packageName}@${e.version}`, err);
    }
  }
  if (json) writeJsonResults("plugins check", results);
  return results.some((r) => r.status === "failed") ? 1 : 0;
}

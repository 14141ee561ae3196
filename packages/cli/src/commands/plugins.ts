import type { CommandInput } from "../command.js";
import { discoverPlugins, loadDeviceClass, type LoadedConfig, type PluginEntry } from "../core.js";
import { UsageError } from "../errors.js";
import { HOST_PACKAGE_JSON, configSources, pluginDirs, readConfigOrThrow } from "../runtime.js";
import { formatTable } from "../table.js";

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
  let failed = 0;
  for (const e of entries) {
    try {
      await loadDeviceClass(e.deviceType, entries);
      process.stdout.write(`${e.deviceType} (${e.packageName}@${e.version}): ok\n`);
    } catch (err) {
      failed++;
      process.stdout.write(`${e.deviceType} (${e.packageName}@${e.version}): error: ${(err as Error).message ?? String(err)}\n`);
    }
  }
  return failed ? 1 : 0;
}

import type { CommandInput } from "../command.js";
import { checkConfig, type ConfigIssue } from "../core.js";
import { EXIT_OK, EXIT_USAGE, UsageError } from "../errors.js";
import { HOST_PACKAGE_JSON, configSources } from "../runtime.js";

export const options = { json: { type: "boolean" } } as const;

/** `ngs config check`: every problem of every file at once; exit 0 when there is no error, 2 otherwise. */
export async function run({ positionals, values, global }: CommandInput): Promise<number> {
  const [action, ...rest] = positionals;
  if (action !== "check") throw new UsageError(`expected 'check', got ${action === undefined ? "nothing" : `'${action}'`}`, "config");
  if (rest.length > 0) throw new UsageError(`unexpected argument '${rest[0]}'`, "config");
  const { config, issues } = await checkConfig({
    ...configSources(global, "config"),
    hostPackageJson: HOST_PACKAGE_JSON,
    pluginDirs: global.pluginDirs,
  });
  const errors = issues.filter((i) => i.severity === "error");
  const warnings = issues.filter((i) => i.severity === "warning");
  if (values.json) {
    const doc = {
      ok: errors.length === 0,
      files: config.files,
      switches: [...config.devices.keys()],
      errors: errors.length,
      warnings: warnings.length,
      issues: issues.map(({ text: _text, ...rest }: ConfigIssue) => rest),
    };
    process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  } else {
    for (const i of issues) process.stdout.write(`${i.severity}: ${i.text}\n`);
    const counts = `${plural(errors.length, "error")}, ${plural(warnings.length, "warning")}`;
    process.stdout.write(
      errors.length === 0 && warnings.length === 0
        ? `ok: ${plural(config.files.length, "file")}, ${plural(config.devices.size, "switch", "switches")}, no problems\n`
        : `${counts} in ${plural(config.files.length, "file")}\n`,
    );
  }
  return errors.length === 0 ? EXIT_OK : EXIT_USAGE;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

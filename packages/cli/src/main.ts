import { parseArgs, type ParseArgsConfig } from "node:util";
import { COMMAND_HELP, MAIN_HELP } from "./help.js";
import { EXIT_OK, EXIT_USAGE, UsageError, exitCodeFor } from "./errors.js";
import type { CommandInput, CommandModule, GlobalOptions } from "./command.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

export const GLOBAL_OPTIONS = {
  "config-file": { type: "string", multiple: true },
  "config-dir": { type: "string", multiple: true },
  "plugin-dir": { type: "string", multiple: true },
  "log-level": { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
} as const satisfies Options;

/** Each command is imported only when it runs (startup stays fast; `ngs --help` loads no plugin code). */
const COMMANDS: Readonly<Record<string, () => Promise<CommandModule>>> = {
  demo: () => import("./commands/demo.js"),
  plugins: () => import("./commands/plugins.js"),
  switches: () => import("./commands/switches.js"),
  check: () => import("./commands/check.js"),
  config: () => import("./commands/config.js"),
  network: () => import("./commands/network.js"),
  port: () => import("./commands/port.js"),
  trunk: () => import("./commands/trunk.js"),
  sim: () => import("./commands/sim.js"),
  serve: () => import("./commands/serve.js"),
};

const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"];

/** Run `ngs` with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let command: string | undefined;
  try {
    // First pass: only find the command word; the command's own options are unknown yet.
    const first = parseArgs({ args: [...argv], options: GLOBAL_OPTIONS, strict: false, allowPositionals: true });
    command = first.positionals[0];
    if (first.values.version && command === undefined) {
      const { readFileSync } = await import("node:fs");
      const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
      process.stdout.write(`ngs ${pkg.version}\n`);
      return EXIT_OK;
    }
    if (command === undefined) {
      process.stdout.write(`${MAIN_HELP}\n`);
      return first.values.help ? EXIT_OK : EXIT_USAGE;
    }
    if (command === "help") {
      const topic = first.positionals[1] ?? (first.values.help ? "help" : undefined);
      if (topic === undefined) {
        process.stdout.write(`${MAIN_HELP}\n`);
        return EXIT_OK;
      }
      const text = COMMAND_HELP[topic];
      if (!text) throw new UsageError(`unknown command '${topic}' (commands: ${Object.keys(COMMANDS).join(", ")})`);
      process.stdout.write(`${text}\n`);
      return EXIT_OK;
    }
    const load = COMMANDS[command];
    if (!load) throw new UsageError(`unknown command '${command}' (commands: ${Object.keys(COMMANDS).join(", ")}, help)`);
    if (first.values.help) {
      process.stdout.write(`${COMMAND_HELP[command]}\n`);
      return EXIT_OK;
    }
    const mod = await load();
    let parsed;
    try {
      parsed = parseArgs({
        args: [...argv],
        options: { ...GLOBAL_OPTIONS, ...mod.options } as Options,
        strict: true,
        allowPositionals: true,
      });
    } catch (e) {
      throw new UsageError((e as Error).message.replace(/^TypeError \[\w+\]: /, ""), command);
    }
    const values = parsed.values as Record<string, unknown>;
    const logLevel = values["log-level"] as string | undefined;
    if (logLevel !== undefined && !LOG_LEVELS.includes(logLevel)) {
      throw new UsageError(`--log-level: '${logLevel}' is not one of ${LOG_LEVELS.join(", ")}`, command);
    }
    const global: GlobalOptions = {
      configFiles: (values["config-file"] as string[] | undefined) ?? [],
      configDirs: (values["config-dir"] as string[] | undefined) ?? [],
      pluginDirs: (values["plugin-dir"] as string[] | undefined) ?? [],
      ...(logLevel ? { logLevel } : {}),
    };
    // positionals[0] is the command word itself.
    const input: CommandInput = { positionals: parsed.positionals.slice(1), values, global };
    return await mod.run(input);
  } catch (err) {
    return reportError(err, command);
  }
}

function reportError(err: unknown, command: string | undefined): number {
  const code = exitCodeFor(err);
  const msg = err instanceof Error ? err.message : String(err);
  const hint =
    err instanceof UsageError ? `\nRun 'ngs help${err.command ?? command ? ` ${err.command ?? command}` : ""}' for usage.` : "";
  process.stderr.write(`ngs: error: ${msg}${hint}\n`);
  return code;
}

export { EXIT_USAGE };

import { statSync } from "node:fs";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { COMMAND_HELP, MAIN_HELP } from "./help.js";
import { EXIT_OK, EXIT_USAGE, UsageError, exitCodeFor } from "./errors.js";
import type { CommandInput, CommandModule, GlobalOptions } from "./command.js";
import { didYouMean } from "./suggest.js";

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

/**
 * `-5` is a (bad) VLAN, not an option: parseArgs would call it an unknown
 * option, so negative numbers are wrapped before parsing and unwrapped after,
 * and reach the VLAN check that names them.
 */
const NEGATIVE = "\u0000";
const wrapNegative = (a: string) => (/^-\d+$/.test(a) ? NEGATIVE + a : a);
function unwrap<T>(v: T): T {
  if (typeof v === "string") return (v.startsWith(NEGATIVE) ? v.slice(1) : v) as T;
  if (Array.isArray(v)) return v.map(unwrap) as T;
  return v;
}

/** Run `ngs` with `argv` (without node and script); resolves to the exit code. */
export async function main(argvIn: readonly string[]): Promise<number> {
  let command: string | undefined;
  const argv = argvIn.map(wrapNegative);
  // --json anywhere: a failure before any result is still one JSON document on stdout.
  const json = argvIn.includes("--json");
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
      if (!text) throw new UsageError(`unknown command '${topic}'${didYouMean(topic, Object.keys(COMMANDS))} (commands: ${Object.keys(COMMANDS).join(", ")})`, "");
      process.stdout.write(`${text}\n`);
      return EXIT_OK;
    }
    const load = COMMANDS[command];
    if (!load) {
      throw new UsageError(
        `unknown command '${unwrap(command)}'${didYouMean(command, [...Object.keys(COMMANDS), "help"])} (commands: ${Object.keys(COMMANDS).join(", ")}, help)`,
        "",
      );
    }
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
      throw optionError(e as Error & { code?: string }, { ...GLOBAL_OPTIONS, ...mod.options }, command);
    }
    const values = Object.fromEntries(Object.entries(parsed.values).map(([k, v]) => [k, unwrap(v)])) as Record<string, unknown>;
    const positionals = parsed.positionals.map(unwrap);
    const logLevel = values["log-level"] as string | undefined;
    if (logLevel !== undefined && !LOG_LEVELS.includes(logLevel)) {
      throw new UsageError(`--log-level: '${logLevel}' is not one of ${LOG_LEVELS.join(", ")}`, command);
    }
    // The environment gets the same check as the option it stands for.
    const envLevel = process.env.NGS_LOG_LEVEL;
    if (logLevel === undefined && envLevel && !LOG_LEVELS.includes(envLevel)) {
      throw new UsageError(`NGS_LOG_LEVEL: '${envLevel}' is not one of ${LOG_LEVELS.join(", ")}`, command);
    }
    for (const dir of (values["plugin-dir"] as string[] | undefined) ?? []) {
      if (!isDirectory(dir)) throw new UsageError(`--plugin-dir: ${dir} does not exist or is not a directory`, command);
    }
    const global: GlobalOptions = {
      configFiles: (values["config-file"] as string[] | undefined) ?? [],
      configDirs: (values["config-dir"] as string[] | undefined) ?? [],
      pluginDirs: (values["plugin-dir"] as string[] | undefined) ?? [],
      ...(logLevel ? { logLevel } : {}),
    };
    // positionals[0] is the command word itself.
    const input: CommandInput = { positionals: positionals.slice(1), values, global };
    return await mod.run(input);
  } catch (err) {
    return reportError(err, command, json);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** parseArgs' error, said for a person: the option, and the closest known one. */
function optionError(e: Error & { code?: string }, options: Options, command: string): UsageError {
  const msg = e.message.replace(/^TypeError \[\w+\]: /, "");
  const unknown = /^Unknown option '([^']+)'/.exec(msg);
  if (e.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && unknown) {
    const names = Object.keys(options).map((o) => `--${o}`);
    return new UsageError(`unknown option '${unknown[1]}'${didYouMean(unknown[1]!, names)}`, command);
  }
  return new UsageError(msg, command);
}

/** One human line on stderr; with --json, also one JSON document on stdout. */
function reportError(err: unknown, command: string | undefined, json: boolean): number {
  const code = exitCodeFor(err);
  const msg = err instanceof Error ? err.message : String(err);
  const hint =
    err instanceof UsageError ? `\nRun 'ngs help${err.command ?? command ? ` ${err.command ?? command}` : ""}' for usage.` : "";
  process.stderr.write(`ngs: error: ${msg}${hint}\n`);
  if (json) {
    const type = err instanceof Error ? err.name : "Error";
    process.stdout.write(`${JSON.stringify({ command: command ?? null, ok: false, exit_code: code, error: { type, message: msg } })}\n`);
  }
  return code;
}

export { EXIT_USAGE };

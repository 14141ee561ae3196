import { fileURLToPath } from "node:url";
import {
  loadCheckedConfig as loadCheckedConfigIn,
  createLogger,
  loadConfig,
  type DestinationStream,
  type LoadedConfig,
  type Logger,
  type LogLevel,
} from "./core.js";
import type { GlobalOptions } from "./command.js";
import { UsageError } from "./errors.js";

/** This package's package.json: its dependencies are the plugins the host offers. */
export const HOST_PACKAGE_JSON = fileURLToPath(new URL("../package.json", import.meta.url));

/** pino JSON on stderr; pretty when stderr is a terminal. */
export async function makeLogger(global: GlobalOptions, defaultLevel = "info"): Promise<Logger> {
  const level = (global.logLevel || process.env.NGS_LOG_LEVEL || defaultLevel) as LogLevel;
  let destination: DestinationStream | undefined;
  if (process.stderr.isTTY) {
    const { default: pretty } = await import("pino-pretty");
    destination = pretty({ destination: 2, colorize: !noColor(), sync: true }) as unknown as DestinationStream;
  }
  return createLogger({ level, ...(destination ? { destination } : {}) });
}

/** https://no-color.org: a set, non-empty NO_COLOR turns colour off. */
export function noColor(): boolean {
  return Boolean(process.env.NO_COLOR);
}

/** `--config-file`/`--config-dir`, else `$NGS_CONFIG_FILE`/`$NGS_CONFIG_DIR` (':'-separated). */
export function configSources(global: GlobalOptions, command: string): { configFiles: string[]; configDirs: string[] } {
  let configFiles = global.configFiles;
  let configDirs = global.configDirs;
  if (configFiles.length === 0 && configDirs.length === 0) {
    configFiles = splitEnv(process.env.NGS_CONFIG_FILE);
    configDirs = splitEnv(process.env.NGS_CONFIG_DIR);
  }
  if (configFiles.length === 0 && configDirs.length === 0) {
    throw new UsageError(
      "no configuration: pass --config-file FILE (e.g. /etc/neutron/plugins/ml2/ml2_conf_genericswitch.ini) or --config-dir DIR, or set NGS_CONFIG_FILE",
      command,
    );
  }
  return { configFiles, configDirs };
}

function splitEnv(v: string | undefined): string[] {
  return (v ?? "").split(":").filter((s) => s.trim() !== "");
}

/** The config as read, without the device classes' checks (for `plugins`, which must work with a broken config). */
export function readConfigOrThrow(global: GlobalOptions, command: string): LoadedConfig {
  return loadConfig(configSources(global, command));
}

/**
 * The config with every value checked, the device classes' checks included
 * (each configured device type is imported and each switch built, which
 * connects to nothing): what every command that uses switches loads, so a
 * bad value is refused before anything runs, whichever command it is.
 */
export function loadCheckedConfig(global: GlobalOptions, command: string): Promise<LoadedConfig> {
  // Device-level warnings (unknown ngs_* keys) are logged when each switch is built.
  return loadCheckedConfigIn({ ...configSources(global, command), hostPackageJson: HOST_PACKAGE_JSON, pluginDirs: global.pluginDirs });
}

/** Plugin dirs from the command line plus `[ngs] plugin_dir`. */
export function pluginDirs(global: GlobalOptions, config?: LoadedConfig): string[] {
  return [...global.pluginDirs, ...(config?.global.pluginDirs ?? [])];
}

import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { GenericSwitchConfigException } from "../errors.js";
import { parseNgsOptions } from "../options/ngs-options.js";
import { parseInteger, parseList } from "../options/parse.js";
import { showValue } from "../validation.js";
import { closestName } from "./keys.js";
import type { DeviceConfig, NgsGlobalConfig } from "../types.js";
import { parseOsloIni, type IniSection } from "./oslo-ini.js";

export const DEVICE_SECTION_PREFIX = "genericswitch:";

export interface ConfigSources {
  /** `--config-file`s, read in order. */
  configFiles?: readonly string[];
  /** `--config-dir`s: each one's `*.conf`, sorted by name, after every file. */
  configDirs?: readonly string[];
}

export interface LoadedConfig {
  /** Device name → its section (the first value of each key). */
  devices: Map<string, DeviceConfig>;
  /** Where each device's section came from. */
  deviceSources: Map<string, { file: string; line: number }>;
  global: NgsGlobalConfig;
  /** The files read, in order. */
  files: string[];
  /** Things an operator should know that do not stop loading (`file: [section] key: message`). */
  warnings: string[];
}

export interface ConfigReadResult extends LoadedConfig {
  /** Every error found (`file: [section] key: message`); empty means usable. */
  problems: string[];
  /** The same problems and warnings, as data (`ngs config check --json`). */
  issues: ConfigIssue[];
  /** Device name → the line of each of its keys (for messages about a key). */
  deviceKeyLines: Map<string, Record<string, number>>;
}

/** One thing wrong (or worth knowing) about the config, with where it is. */
export interface ConfigIssue {
  severity: "error" | "warning";
  file?: string;
  /** The section as written, without brackets (`genericswitch:leaf1`). */
  section?: string;
  key?: string;
  line?: number;
  message: string;
  /** The one-line form: `file: [section] key: message (line N)`. */
  text: string;
}

/** Builds issues and their one-line text in the shared `file: [section] key: message` style. */
export function configIssue(severity: ConfigIssue["severity"], where: Omit<ConfigIssue, "severity" | "message" | "text">, message: string): ConfigIssue {
  const { file, section, key, line } = where;
  let text: string;
  if (section !== undefined) {
    text = `${file}: [${section}] ${key !== undefined ? `${key}: ` : ""}${message}${line !== undefined ? ` (line ${line})` : ""}`;
  } else if (line !== undefined) {
    text = `${file}: line ${line}: ${message}`;
  } else {
    text = file !== undefined ? `${file}: ${message}` : message;
  }
  return { severity, ...where, message, text };
}

const KNOWN_GLOBAL: Readonly<Record<string, readonly string[]>> = {
  ngs_coordination: ["backend_url", "acquire_timeout"],
  ngs: ["session_log_file", "plugins", "plugin_dir"],
};

/** The file list oslo builds: every file in order, then each dir's `*.conf` sorted. */
export function configFileList(sources: ConfigSources, problems: string[] = []): string[] {
  const files = (sources.configFiles ?? []).map((f) => resolve(f));
  for (const dir of sources.configDirs ?? []) {
    const abs = resolve(dir);
    let names: string[];
    try {
      names = readdirSync(abs);
    } catch (e) {
      problems.push(`${abs}: cannot read config dir: ${errText(e)}`);
      continue;
    }
    for (const n of names.filter((n) => n.endsWith(".conf")).sort()) files.push(join(abs, n));
  }
  return files;
}

/**
 * Read the config as upstream does (docs/upstream.md#config-files) and collect every
 * problem instead of stopping at the first. Never throws.
 *
 * - `[genericswitch:NAME]` sections are devices; within a file the first
 *   value of a repeated key wins; a later file's section of the same name
 *   replaces the earlier one as a whole (keys are not merged).
 * - `[ngs_coordination]` and `[ngs]` are global; like any oslo option, the
 *   last value read wins.
 * - A missing or unreadable file is an error (upstream skips it silently,
 *   which hides a typo in `--config-file` until a port fails to bind).
 */
export function readConfig(sources: ConfigSources): ConfigReadResult {
  const issues: ConfigIssue[] = [];
  const error = (where: Omit<ConfigIssue, "severity" | "message" | "text">, message: string) => issues.push(configIssue("error", where, message));
  const warn = (where: Omit<ConfigIssue, "severity" | "message" | "text">, message: string) => issues.push(configIssue("warning", where, message));
  const dirProblems: string[] = [];
  const files = configFileList(sources, dirProblems);
  for (const p of dirProblems) error({ file: p.slice(0, p.indexOf(": ")) }, p.slice(p.indexOf(": ") + 2));
  const deviceKeyLines = new Map<string, Record<string, number>>();
  const devices = new Map<string, DeviceConfig>();
  const deviceSources = new Map<string, { file: string; line: number }>();
  const globals: Record<string, { value: string; file: string; line: number } | undefined> = {};

  for (const file of files) {
    let text: string;
    try {
      if (statSync(file).isDirectory()) throw new Error("is a directory (use --config-dir for a directory)");
      text = readFileSync(file, "utf8");
    } catch (e) {
      error({ file }, `cannot read config file: ${errText(e)}`);
      continue;
    }
    const parsed = parseOsloIni(text);
    for (const err of parsed.errors) error({ file, line: err.line }, err.message);

    for (const section of parsed.sections.values()) {
      if (section.name.startsWith(DEVICE_SECTION_PREFIX)) {
        const name = section.name.slice(DEVICE_SECTION_PREFIX.length).trim();
        if (name === "") {
          error({ file, section: section.name, line: section.line }, "a device section needs a name: [genericswitch:NAME]");
          continue;
        }
        const device = firstValues(section);
        for (const i of checkDevice(device, section, file)) issues.push(i);
        const earlier = deviceSources.get(name);
        if (earlier && earlier.file !== file) {
          warn({ file, section: section.name }, `replaces the section from ${earlier.file} (keys are not merged)`);
        }
        devices.set(name, device);
        deviceSources.set(name, { file, line: section.line });
        deviceKeyLines.set(name, Object.fromEntries([...section.values].map(([k, v]) => [k, v[0]!.line])));
      } else if (section.name in KNOWN_GLOBAL) {
        const known = KNOWN_GLOBAL[section.name]!;
        for (const [key, values] of section.values) {
          if (!known.includes(key)) {
            warn({ file, section: section.name, key }, `unknown option, ignored (known: ${known.join(", ")})`);
            continue;
          }
          const last = values[values.length - 1]!;
          globals[`${section.name}.${key}`] = { value: last.value, file, line: last.line };
        }
      } else {
        // Other sections are other programs' ([DEFAULT], [ml2], …); one that looks like a typo of ours is worth a word.
        const close = /^genericswitch\b/i.test(section.name)
          ? "genericswitch:NAME"
          : closestName(section.name, Object.keys(KNOWN_GLOBAL));
        if (close) warn({ file, line: section.line }, `section [${section.name}] is not read by ngs (did you mean [${close}]?)`);
      }
    }
  }

  const global: NgsGlobalConfig = { acquireTimeoutS: 60 };
  const at = (k: string) => globals[k];
  const backend = at("ngs_coordination.backend_url");
  if (backend && backend.value.trim() !== "") global.backendUrl = backend.value.trim();
  const timeout = at("ngs_coordination.acquire_timeout");
  if (timeout) {
    try {
      global.acquireTimeoutS = parseInteger("acquire_timeout", timeout.value, 0);
    } catch {
      error(
        { file: timeout.file, section: "ngs_coordination", key: "acquire_timeout" },
        `invalid value ${showValue(timeout.value)}: expected an integer >= 0 (seconds; 0 waits forever)`,
      );
    }
  }
  const sessionLog = at("ngs.session_log_file");
  if (sessionLog && sessionLog.value.trim() !== "") global.sessionLogFile = sessionLog.value.trim();
  const plugins = at("ngs.plugins");
  if (plugins) global.plugins = parseList(plugins.value);
  const pluginDir = at("ngs.plugin_dir");
  if (pluginDir) {
    // Relative to the file that names it, so a config directory can carry its plugins.
    global.pluginDirs = parseList(pluginDir.value).map((d) => resolve(dirname(pluginDir.file), d));
  }

  const problems = issues.filter((i) => i.severity === "error").map((i) => i.text);
  const warnings = issues.filter((i) => i.severity === "warning").map((i) => i.text);
  return { devices, deviceSources, deviceKeyLines, global, files, warnings, problems, issues };
}

/**
 * `readConfig`, throwing one `GenericSwitchConfigException` that lists every
 * problem (`file: [section] key: message` per line) when there is any.
 */
export function loadConfig(sources: ConfigSources): LoadedConfig {
  const { problems, issues: _issues, deviceKeyLines: _lines, ...loaded } = readConfig(sources);
  if (!sources.configFiles?.length && !sources.configDirs?.length) {
    problems.push("no config given: pass at least one config file or config dir");
  }
  if (problems.length > 0) {
    throw new GenericSwitchConfigException({
      message: `Invalid ngs configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${problems.map((p) => `  ${p}`).join("\n")}`,
      problems,
    });
  }
  return loaded;
}

function firstValues(section: IniSection): DeviceConfig {
  const out: DeviceConfig = {};
  for (const [k, values] of section.values) out[k] = values[0]!.value;
  return out;
}

/** What can be checked without the device class: device_type, the base `ngs_*` options and the transport values. */
function checkDevice(device: DeviceConfig, section: IniSection, file: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const at = { file, section: section.name };
  if (device.device_type === undefined) {
    issues.push(configIssue("error", { ...at, key: "device_type" }, `missing (e.g. device_type = netmiko_cisco_ios) (section at line ${section.line})`));
  } else if (device.device_type.trim() === "") {
    issues.push(configIssue("error", { ...at, key: "device_type", line: section.values.get("device_type")![0]!.line }, "empty"));
  }
  // Vendor-specific ngs_* keys are unknown here; the device class checks those.
  for (const p of parseNgsOptions(device).problems) {
    const key = p.slice(0, p.indexOf(":"));
    const line = section.values.get(key)?.[0]?.line;
    issues.push(configIssue("error", { ...at, key, ...(line ? { line } : {}) }, p.slice(key.length + 2)));
  }
  return issues;
}

function errText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === "ENOENT") return "no such file or directory";
  if (err?.code === "EACCES") return "permission denied";
  return err instanceof Error ? err.message : String(e);
}

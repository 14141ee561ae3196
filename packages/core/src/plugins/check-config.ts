import { pino } from "pino";
import { booleanFromString } from "@ngs/cli-session";
import { collectExtraOptions, type DeviceClass } from "../device.js";
import { GenericSwitchConfigException, GenericSwitchException } from "../errors.js";
import { closestName, isCredentialKey } from "../config/keys.js";
import { configIssue, readConfig, type ConfigIssue, type ConfigReadResult, type ConfigSources } from "../config/load.js";
import { parseNgsOptions } from "../options/ngs-options.js";
import { showValue } from "../validation.js";
import { discoverPlugins } from "./discover.js";
import { FIRST_PARTY_DEVICE_PACKAGES } from "./first-party.js";
import { installCommand } from "./install-root.js";
import { loadDeviceClass } from "./load-class.js";
import type { PluginEntry } from "./manifest.js";

export interface CheckConfigOptions extends ConfigSources {
  /** The host's package.json: its dependencies carrying an `ngs` field are plugins. */
  hostPackageJson?: string;
  /** Plugin dirs besides the config's `[ngs] plugin_dir`. */
  pluginDirs?: readonly string[];
  /**
   * Also report what only stops a login (no address, username or
   * credential): true for `ngs config check`; a dry run needs none of them.
   */
  loginChecks?: boolean;
}

export interface ConfigCheckResult {
  config: ConfigReadResult;
  plugins: PluginEntry[];
  /** Every error and warning of every file, in file order. */
  issues: ConfigIssue[];
}

/**
 * Everything `ngs config check` reports, collected at once: what
 * `readConfig` finds, then per device section what needs its class —
 * unknown device types (with the closest known one), unknown keys (with a
 * "did you mean"), the class's own option checks (by building the device,
 * which connects to nothing) — and what cannot work at connect time: no
 * address, no `username`, no credential, and a value holding ` #` or ` ;`,
 * which oslo.config keeps as part of the value. Never throws for a bad
 * config; values of credential keys are never shown.
 */
export async function checkConfig(opts: CheckConfigOptions): Promise<ConfigCheckResult> {
  const config = readConfig(opts);
  const issues = [...config.issues];
  let plugins: PluginEntry[] = [];
  try {
    plugins = discoverPlugins({
      hostPackageJson: opts.hostPackageJson,
      pluginDirs: [...(opts.pluginDirs ?? []), ...(config.global.pluginDirs ?? [])],
      explicit: config.global.plugins,
    });
  } catch (e) {
    issues.push(configIssue("error", {}, `plugins: ${(e as Error).message}`));
  }
  const knownTypes = plugins.map((p) => p.deviceType);
  const silent = pino({ level: "silent" });

  for (const [name, section] of config.devices) {
    const source = config.deviceSources.get(name)!;
    const lines = config.deviceKeyLines.get(name) ?? {};
    const at = (key?: string) => ({
      file: source.file,
      section: `genericswitch:${name}`,
      ...(key !== undefined ? { key } : {}),
      ...(key !== undefined && lines[key] !== undefined ? { line: lines[key] } : {}),
    });
    const error = (key: string | undefined, message: string) => issues.push(configIssue("error", at(key), message));
    const warn = (key: string | undefined, message: string) => issues.push(configIssue("warning", at(key), message));

    for (const [key, value] of Object.entries(section)) {
      if (/\s[#;]/.test(value)) {
        const shown = isCredentialKey(key) ? "the value" : showValue(value);
        warn(
          key,
          `${shown} holds " #" or " ;": oslo.config has no inline comments, so that text is part of the value; put the comment on a line of its own (starting with # or ;)`,
        );
      }
    }

    const deviceType = section.device_type?.trim();
    if (!deviceType) continue; // readConfig reported it
    let cls: DeviceClass | undefined;
    if (!knownTypes.includes(deviceType)) {
      const close = closestName(deviceType, knownTypes);
      // A first-party type that is merely not installed: say which package brings it.
      const provider = Object.hasOwn(FIRST_PARTY_DEVICE_PACKAGES, deviceType) ? FIRST_PARTY_DEVICE_PACKAGES[deviceType] : undefined;
      const where = { hostPackageJson: opts.hostPackageJson, pluginDirs: [...(opts.pluginDirs ?? []), ...(config.global.pluginDirs ?? [])] };
      const hint = provider
        ? `; it is provided by ${provider}, which is not installed; install it: ${installCommand([provider], where)}`
        : close
          ? ` (did you mean '${close}'?)`
          : `; installed: ${[...knownTypes].sort().join(", ") || "(no device plugin)"}`;
      error("device_type", `unknown device type ${showValue(deviceType)}${hint}`);
      // Without the class only the shared keys are known; a misspelt transport key is still worth saying.
      for (const p of parseNgsOptions(section).keyProblems.errors) error(p.slice(0, p.indexOf(":")), p.slice(p.indexOf(":") + 2));
    } else {
      try {
        cls = await loadDeviceClass(deviceType, plugins);
      } catch (e) {
        error("device_type", (e as Error).message);
      }
    }
    if (!cls) continue;

    const parsed = parseNgsOptions(section, collectExtraOptions(cls));
    for (const w of parsed.keyProblems.warnings) warn(w.slice(0, w.indexOf(":")), w.slice(w.indexOf(":") + 2));
    try {
      new cls(section, name, { logger: silent, global: config.global });
    } catch (e) {
      for (const p of problemLines(e)) {
        const known = p.match(/^([A-Za-z_][\w]*): /);
        // readConfig already reported the shared options; list only what the class adds.
        if (known && config.issues.some((i) => i.section === `genericswitch:${name}` && i.key === known[1] && i.file === source.file)) continue;
        if (known) error(known[1], p.slice(known[0].length));
        else error(undefined, p);
      }
    }

    const needsLogin = (cls as { needsLogin?: boolean }).needsLogin !== false;
    if (needsLogin && opts.loginChecks !== false) {
      if (!section.ip?.trim() && !section.host?.trim()) error(undefined, "no address: set ip (or host)");
      if (!section.username?.trim()) error("username", "missing: the switch login needs a username");
      const hasCredential =
        Boolean(section.password) || Boolean(section.key_file?.trim()) || booleanFromString(section.use_keys ?? "") === true;
      if (!hasCredential) warn(undefined, "no credential: set password, or key_file (or use_keys = true for ~/.ssh keys or an agent)");
    }
  }
  // In file order: by file, then by line (a section-wide issue at its section's line).
  const fileIndex = (f?: string) => (f === undefined ? -1 : config.files.indexOf(f));
  const sectionLine = (i: ConfigIssue) => {
    const name = i.section?.startsWith("genericswitch:") ? i.section.slice("genericswitch:".length) : undefined;
    const src = name !== undefined ? config.deviceSources.get(name) : undefined;
    return src && src.file === i.file ? src.line : 0;
  };
  const order = (i: ConfigIssue) => [fileIndex(i.file), i.line ?? sectionLine(i)] as const;
  issues.sort((a, b) => {
    const [fa, la] = order(a);
    const [fb, lb] = order(b);
    return fa - fb || la - lb;
  });
  return { config, plugins, issues };
}

/** `key: message` lines of a device construction error (its `problems`), else its message. */
function problemLines(e: unknown): string[] {
  if (e instanceof GenericSwitchException && Array.isArray(e.args.problems)) return e.args.problems as string[];
  return [e instanceof Error ? e.message : String(e)];
}

/**
 * The config with every value checked, the device classes' checks included
 * (each configured device type is imported and each switch built, which
 * connects to nothing), or a `GenericSwitchConfigException` listing every
 * error: what every host loads (each `ngs` command, `ngs serve` at start and
 * on reload), so a bad value is refused before anything runs.
 */
export async function loadCheckedConfig(opts: Omit<CheckConfigOptions, "loginChecks">): Promise<ConfigReadResult> {
  const { config, issues } = await checkConfig({ ...opts, loginChecks: false });
  const problems = issues.filter((i) => i.severity === "error").map((i) => i.text);
  if (problems.length > 0) {
    throw new GenericSwitchConfigException({
      message: `Invalid ngs configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${problems.map((p) => `  ${p}`).join("\n")}`,
      problems,
    });
  }
  return config;
}


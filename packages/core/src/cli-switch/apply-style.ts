/**
 * How a vendor's changes reach the switch and take effect, as data on the
 * device class (`static configMode`, `static applyMode`): the runner reads it to
 * send a set and apply it, the planner to show the apply steps in a dry run,
 * and batching to know whether sets may share one config-mode pass.
 */

/** How a config set is sent. Every field is optional; the defaults are upstream's `send_config_set`. */
export interface ConfigModeStyle {
  /** Run the platform's enable (privileged mode) first. Default true. */
  readonly enable?: boolean;
  /**
   * The command that enters config mode (Junos `configure private`), or
   * false for none (NVUE: the lines run at the shell prompt). Default: the platform's.
   */
  readonly enter?: string | false;
  /** Leave config mode after the set. Default: the platform's; false keeps it for the commit. */
  readonly exit?: boolean;
  /**
   * Check each line's answer against `errorPatterns` as it is sent and stop
   * at the first match (default true). False: the whole answer is checked
   * once the set is sent.
   */
  readonly checkLines?: boolean;
}

/**
 * What makes a sent set take effect and persist.
 *
 * - `save` (default): the platform's save (else the `SAVE_CONFIGURATION`
 *   lines) when `ngs_save_configuration` is on.
 * - `commit`: after every change, the platform's commit (Junos), or
 *   `command` sent as a plain line whose answer is checked (NCLU
 *   `net commit`); `ngs_save_configuration` does not turn it off.
 * - `commit-then-save`: the platform's commit, then its save, after every
 *   change (SR Linux).
 * - `line`: every set ends with `line` (NVUE `nv config apply`), then
 *   saves as `save` does.
 * - `none`: the set takes effect as sent and is never saved.
 */
export type ApplyStyle =
  | { readonly kind: "save" }
  | { readonly kind: "commit"; readonly command?: string }
  | { readonly kind: "commit-then-save" }
  | { readonly kind: "line"; readonly line: string }
  | { readonly kind: "none" };

export const DEFAULT_APPLY: ApplyStyle = { kind: "save" };
export const DEFAULT_CONFIG_MODE: ConfigModeStyle = {};

/** True when a change is always followed by its apply step, whatever `ngs_save_configuration` says. */
export function applyAlways(apply: ApplyStyle): boolean {
  return apply.kind === "commit" || apply.kind === "commit-then-save";
}

/**
 * Sets sent this way may share one config-mode pass (batching enters config
 * mode once for many sets): upstream's plain `send_config_set`, nothing
 * appended to a set.
 */
export function sharesConfigPass(mode: ConfigModeStyle, apply: ApplyStyle): boolean {
  return (
    mode.enable !== false && mode.enter === undefined && mode.exit === undefined && mode.checkLines !== false && apply.kind !== "line"
  );
}

/** The lines of one set as sent: NVUE's apply line last. */
export function withApplyLine(commands: readonly string[], apply: ApplyStyle): string[] {
  return apply.kind === "line" && commands.length > 0 ? [...commands, apply.line] : [...commands];
}

/** What the platform offers for the dry run's apply steps. */
export interface PlatformSteps {
  save?: string;
  commit?: string;
}

/**
 * The apply steps a dry run shows after a non-empty set when the device
 * applies at all (`saveConfiguration`): the commit and/or save the runner
 * will send (a save: the SAVE_CONFIGURATION lines, else the platform's save
 * command).
 */
export function describeApply(apply: ApplyStyle, saveLines: readonly string[] | undefined, platform: PlatformSteps): string[] {
  const save = saveLines?.length ? [...saveLines] : platform.save ? [platform.save] : [];
  switch (apply.kind) {
    case "none":
      return [];
    case "commit":
      return [apply.command ?? platform.commit ?? "commit"];
    case "commit-then-save":
      return [...(platform.commit ? [platform.commit] : []), ...save];
    default:
      return save;
  }
}

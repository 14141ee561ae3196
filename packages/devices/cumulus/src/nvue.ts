import { CliSwitch, type CliSessionLike } from "@ngs/core";
import { NVUE_APPLY, NVUE_ERROR_PATTERNS, NVUE_TEMPLATES } from "./templates.js";

/**
 * Cumulus Linux 5.x through NVUE (`netmiko_cumulus_nvue`). Each command set
 * ends with `nv config apply --assume-yes`; `nv config save` persists it
 * when `ngs_save_configuration` is on. No `sudo` (LP#2079916: it muddles
 * NVUE's config history), no config mode.
 */
export default class CumulusNvue extends CliSwitch {
  static override platform = "linux";
  static override commands = NVUE_TEMPLATES;
  static override errorPatterns = NVUE_ERROR_PATTERNS;
  static override shellCommands = true;

  override async sendConfigSet(session: CliSessionLike, commands: readonly string[]): Promise<string> {
    return session.sendConfigSet([...commands, NVUE_APPLY], { enterConfigMode: false, exitConfigMode: false });
  }
}

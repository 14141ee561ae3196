import { setTimeout as delay } from "node:timers/promises";
import {
  CliSwitch,
  GenericSwitchConfigException,
  GenericSwitchException,
  GenericSwitchNetmikoConfigError,
  parseNumber,
  type CliSessionLike,
  type DeviceConfig,
  type DeviceContext,
} from "@ngs/core";
import { JUNOS_RETRYABLE_COMMIT_ERRORS, JUNOS_TEMPLATES } from "./templates.js";

/**
 * Juniper Junos (`netmiko_juniper`). Changes go into a private candidate
 * (`configure private`, so concurrent sessions do not see each other's
 * edits) and take effect with `commit`, retried while another session holds
 * the configuration database.
 *
 * Deliberate difference: upstream commits only when `ngs_save_configuration`
 * is true, so with it false nothing is ever applied (the private candidate is
 * discarded on logout). Here `commit` always runs: on Junos it is how a
 * change takes effect, not an optional save.
 */
export default class Juniper extends CliSwitch {
  static override platform = "juniper";
  static override commands = JUNOS_TEMPLATES;
  static override extraOptions: readonly string[] = ["ngs_commit_timeout", "ngs_commit_interval"];

  /** Seconds to keep retrying a commit that fails for a retryable reason. */
  readonly commitTimeoutS: number;
  /** Seconds between commit attempts. */
  readonly commitIntervalS: number;

  constructor(config: DeviceConfig, deviceName: string, context: DeviceContext = {}) {
    super(config, deviceName, context);
    const problems: string[] = [];
    const num = (key: string, dflt: number): number => {
      const v = this.option(key);
      if (v === undefined) return dflt;
      try {
        return parseNumber(key, v, 0);
      } catch (e) {
        problems.push(e instanceof Error ? e.message : String(e));
        return dflt;
      }
    };
    this.commitTimeoutS = num("ngs_commit_timeout", 60);
    this.commitIntervalS = num("ngs_commit_interval", 5);
    if (problems.length > 0) {
      throw new GenericSwitchConfigException({
        message: `Invalid configuration for switch ${deviceName}:\n${problems.map((p) => `  [genericswitch:${deviceName}] ${p}`).join("\n")}`,
        option: `[genericswitch:${deviceName}]`,
        problems,
      });
    }
    if (this.option("ngs_save_configuration") !== undefined && !this.ngsConfig.saveConfiguration) {
      this.logger.warn(
        `Switch ${deviceName}: ngs_save_configuration is false, but Junos applies a change only on commit; ngs commits anyway`,
      );
    }
  }

  /** Commit is the apply step on Junos, so it always follows a change. */
  override get saveConfiguration(): boolean {
    return true;
  }

  protected override describeSave(): string[] {
    return ["commit"];
  }

  /** `configure private`, then the set; stay in config mode for the commit. */
  override async sendConfigSet(session: CliSessionLike, commands: readonly string[]): Promise<string> {
    return session.sendConfigSet(commands, { configModeCommand: "configure private", exitConfigMode: false });
  }

  /**
   * `commit`, retried every `ngs_commit_interval` seconds for up to
   * `ngs_commit_timeout` seconds while it fails with a database lock or a
   * concurrent-edit warning; any other failure at once.
   */
  override async saveConfig(session: CliSessionLike): Promise<void> {
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      let failure: string;
      try {
        await session.commit();
        return;
      } catch (e) {
        if (e instanceof GenericSwitchException) throw e;
        // Only a refused commit is retried; a broken session goes to the base (reconnect/raise).
        if (!(e instanceof Error) || e.name !== "CommandError") throw e;
        failure = commitOutput(e);
      }
      const retryable = JUNOS_RETRYABLE_COMMIT_ERRORS.find((m) => failure.includes(m));
      const elapsedS = (Date.now() - started) / 1000;
      if (!retryable) {
        throw this.commitError(`Failed to commit configuration: ${failure}`);
      }
      if (elapsedS + this.commitIntervalS > this.commitTimeoutS) {
        throw this.commitError(
          retryable.startsWith("error: configuration database locked")
            ? `Reached timeout waiting for switch configuration DB lock after ${attempt} commit attempts. ` +
                `Configuration might not be committed: ${failure}`
            : `Reached timeout while attempting to apply configuration after ${attempt} commit attempts. ` +
                `This is likely to be caused by multiple sessions configuring the device concurrently: ${failure}`,
        );
      }
      this.logger.debug({ attempt, error: failure }, "Commit failed; retrying");
      await delay(this.commitIntervalS * 1000);
    }
  }

  private commitError(error: string): GenericSwitchNetmikoConfigError {
    this.logger.error({ device: this.sanitisedConfig, error }, "Commit failed");
    return new GenericSwitchNetmikoConfigError({ config: this.sanitisedConfig, error });
  }
}

/** The device's answer to the failed commit (CommandError carries it as `output`). */
function commitOutput(e: Error): string {
  const output = (e as { output?: unknown }).output;
  const text = typeof output === "string" && output.trim() ? output : e.message;
  return text.trim();
}

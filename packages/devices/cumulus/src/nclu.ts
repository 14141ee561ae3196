import { CliSwitch, type ApplyStyle, type DeviceConfig, type DeviceContext, type CommandTemplates, type PortNameRule } from "@ngs/core/device-kit";
import { NCLU_ERROR_PATTERNS, NCLU_TEMPLATES } from "./templates.js";
import { cumulusNclu } from "./platforms.js";

/**
 * Cumulus Linux 4.x through NCLU (`netmiko_cumulus`). `net add/del …`
 * lines are staged, and `net commit` applies and persists them.
 *
 * Deliberate difference: upstream sends `net commit` only when
 * `ngs_save_configuration` is true, so with it false the change stays
 * pending (and is applied by whoever commits next). Here `net commit`
 * always follows a change, and its answer is checked for errors.
 */
export default class CumulusNclu extends CliSwitch {
  static override platform = cumulusNclu;
  /** One port: `swp1`; `swp1-52` is a range in `net add interface`. */
  static override portNameRule: PortNameRule = { innerSpace: false, dashRange: true };
  static override commands: CommandTemplates = NCLU_TEMPLATES;
  static override errorPatterns = NCLU_ERROR_PATTERNS;
  static override shellCommands = true;
  /** `net commit` (its SAVE_CONFIGURATION line) is the apply step: it always follows a change, its answer checked. */
  static override applyMode: ApplyStyle = { kind: "commit", command: NCLU_TEMPLATES.SAVE_CONFIGURATION![0]! };

  constructor(config: DeviceConfig, deviceName: string, context: DeviceContext = {}) {
    super(config, deviceName, context);
    if (this.option("ngs_save_configuration") !== undefined && !this.ngsConfig.saveConfiguration) {
      this.logger.warn(
        `Switch ${deviceName}: ngs_save_configuration is false, but NCLU applies a change only on 'net commit'; ngs commits anyway`,
      );
    }
  }
}

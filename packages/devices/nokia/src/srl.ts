import {
  CliSwitch,
  GenericSwitchException,
  type DeviceConfig,
  type DeviceContext,
  type CommandTemplates,
  type PortNameRule,
  type VlanNameRule,
} from "@ngs/core/device-kit";
import { SRL_TEMPLATES } from "./templates.js";
import { nokiaSrl } from "./platforms.js";

/**
 * Nokia SR Linux (`netmiko_nokia_srl`): one mac-vrf network-instance and
 * vxlan0 tunnel interface per VLAN (EVI = VNI = VLAN id), ports as bridged
 * subinterfaces. Every change is sent in a private candidate, then
 * `commit stay` and `save startup` run, always.
 *
 * As upstream: its own send path, so `ngs_batch_requests` is not used, a
 * failure is not retried on a fresh connection, and `ngs_save_configuration`
 * does not apply (a change without `commit` would not take effect).
 */
export default class NokiaSrl extends CliSwitch {
  static override platform = nokiaSrl;
  /** One port: `ethernet-1/1`. */
  static override portNameRule: PortNameRule = { innerSpace: false, dashRange: true };
  /** VLAN names: the name ends a one-word `description`. */
  static override vlanNameRule: VlanNameRule = { maxLength: 240, space: false };
  static override commands: CommandTemplates = SRL_TEMPLATES;

  constructor(config: DeviceConfig, deviceName: string, context: DeviceContext = {}) {
    super(config, deviceName, context);
    if (this.batchRequests) {
      this.logger.warn(`Switch ${deviceName}: ngs_batch_requests is not supported for netmiko_nokia_srl; sending directly`);
    }
    if (this.option("ngs_save_configuration") !== undefined && !this.ngsConfig.saveConfiguration) {
      this.logger.warn(`Switch ${deviceName}: ngs_save_configuration is ignored for netmiko_nokia_srl; changes are always committed and saved`);
    }
  }

  override get saveConfiguration(): boolean {
    return true;
  }

  protected override describeSave(): string[] {
    return ["commit stay", "save startup"];
  }

  override async sendCommandsToDevice(commands: readonly string[], operation: string): Promise<string> {
    if (commands.length === 0) {
      this.logger.debug({ operation }, "Nothing to execute");
      return "";
    }
    return this.withSession(async (session) => {
      try {
        const output = await session.sendConfigSet(commands);
        this.checkOutput(output, operation);
        await session.commit();
        await session.saveConfig();
        return output;
      } catch (e) {
        if (e instanceof GenericSwitchException) throw e;
        // The switch refused a line, the commit or the save: a configuration error.
        if (e instanceof Error && e.name === "CommandError") throw this.rejected(operation, e.message, e);
        // Anything else becomes a GenericSwitch error here, so the base does not retry it.
        throw this.mapError(e);
      }
    });
  }
}

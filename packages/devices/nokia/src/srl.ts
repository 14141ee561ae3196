import {
  CliSwitch,
  type ApplyStyle,
  type ConfigModeStyle,
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
 * As upstream: `ngs_batch_requests` is not used (`batchable = false`) and
 * `ngs_save_configuration` does not apply (a change without `commit` would
 * not take effect). With `ngs_ssh_reuse_connection`, a session that breaks
 * mid-change is retried once on a fresh one, as on every switch (the private
 * candidate of the broken session is gone with it).
 */
export default class NokiaSrl extends CliSwitch {
  static override platform = nokiaSrl;
  /** One port: `ethernet-1/1`. */
  static override portNameRule: PortNameRule = { innerSpace: false, dashRange: true };
  /** VLAN names: the name ends a one-word `description`. */
  static override vlanNameRule: VlanNameRule = { maxLength: 240, space: false };
  static override commands: CommandTemplates = SRL_TEMPLATES;
  /** The platform enters a private candidate; no enable. */
  static override configMode: ConfigModeStyle = { enable: false };
  /** `commit stay`, then `save startup`, after every change. */
  static override applyMode: ApplyStyle = { kind: "commit-then-save" };
  static override batchable = false;

  constructor(config: DeviceConfig, deviceName: string, context: DeviceContext = {}) {
    super(config, deviceName, context);
    if (this.batchRequests) {
      this.logger.warn(`Switch ${deviceName}: ngs_batch_requests is not supported for netmiko_nokia_srl; sending directly`);
    }
    if (this.option("ngs_save_configuration") !== undefined && !this.ngsConfig.saveConfiguration) {
      this.logger.warn(`Switch ${deviceName}: ngs_save_configuration is ignored for netmiko_nokia_srl; changes are always committed and saved`);
    }
  }
}

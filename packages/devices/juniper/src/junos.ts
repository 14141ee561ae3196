import {
  asn,
  bool,
  CliSwitch,
  GenericSwitchConfigException,
  GenericSwitchNetmikoConfigError,
  L2VNI_OPTION_SPECS,
  l2vniFromOptions,
  seconds,
  validateVni,
  type OptionValues,
  type CliOperation,
  type L2vniSettings,
  type OperationArgs,
  type CliSessionLike,
  type DeviceConfig,
  type DeviceContext,
  type CommandTemplates,
  type ApplyStyle,
  type ConfigModeStyle,
  type PortNameRule,
  type VlanNameRule,
} from "@ngs/core/device-kit";
import { commitWithRetries } from "./commit.js";
import { parseShowVlans } from "./show-vlans.js";
import { JUNOS_L2VNI_TEMPLATES, JUNOS_TEMPLATES } from "./templates.js";
import { juniper } from "./platforms.js";

/** Junos's vendor options (docs/upstream.md#per-device-options). */
export const JUNOS_OPTIONS = {
  ngs_commit_timeout: seconds({ default: 60, description: "seconds to keep retrying a commit while the configuration database is locked" }),
  ngs_commit_interval: seconds({ default: 5, description: "seconds between commit attempts" }),
  ngs_bgp_asn: asn({ description: "the switch's BGP AS number; required when ngs_evpn_vni_config is on" }),
  ngs_evpn_vni_config: bool({ description: "also set the VLAN's EVPN route target (vrf-target)" }),
  ...L2VNI_OPTION_SPECS,
};

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
  static override platform = juniper;
  /** One port: `ge-0/0/1` (no space: `ge-0/0/1 disable` adds a statement); `interface-range` selects many. */
  static override portNameRule: PortNameRule = { innerSpace: false, dashRange: true };
  /** VLAN names: `set vlans NAME` takes 255 characters and one word. */
  static override vlanNameRule: VlanNameRule = { maxLength: 255, space: false };
  static override commands: CommandTemplates = JUNOS_TEMPLATES;
  /** `configure private`, then the set; stay in config mode for the commit. */
  static override configMode: ConfigModeStyle = { enable: false, enter: "configure private", exit: false, checkLines: false };
  /** Commit is the apply step on Junos, so it always follows a change. */
  static override applyMode: ApplyStyle = { kind: "commit" };
  static override readonly options = JUNOS_OPTIONS;
  declare readonly options: OptionValues<typeof JUNOS_OPTIONS>;

  /** VXLAN settings: BUM replication mode and multicast groups. */
  readonly l2vni: L2vniSettings;

  constructor(config: DeviceConfig, deviceName: string, context: DeviceContext = {}) {
    super(config, deviceName, context);
    this.l2vni = l2vniFromOptions(this.options, this.logger);
    if (this.option("ngs_save_configuration") !== undefined && !this.ngsConfig.saveConfiguration) {
      this.logger.warn(
        `Switch ${deviceName}: ngs_save_configuration is false, but Junos applies a change only on commit; ngs commits anyway`,
      );
    }
  }

  /** Seconds to keep retrying a commit that fails for a retryable reason (`ngs_commit_timeout`). */
  get commitTimeoutS(): number {
    return this.options.ngs_commit_timeout;
  }
  /** Seconds between commit attempts (`ngs_commit_interval`). */
  get commitIntervalS(): number {
    return this.options.ngs_commit_interval;
  }
  /** `ngs_evpn_vni_config`: also set the VLAN's EVPN route target. */
  get evpnVniConfig(): boolean {
    return this.options.ngs_evpn_vni_config;
  }

  /**
   * `commit`, retried every `ngs_commit_interval` seconds for up to
   * `ngs_commit_timeout` seconds while it fails with a database lock or a
   * concurrent-edit warning; any other failure at once.
   */
  protected override async commitChanges(session: CliSessionLike): Promise<void> {
    const failure = await commitWithRetries(session, { timeoutS: this.commitTimeoutS, intervalS: this.commitIntervalS, logger: this.logger });
    if (failure === undefined) return;
    this.logger.debug({ error: failure }, "Commit failed");
    throw new GenericSwitchNetmikoConfigError({ config: this.where, device: this.sanitisedConfig, error: failure });
  }

  // ---- L2VNI ------------------------------------------------------------

  override get supportsL2vni(): boolean {
    return true;
  }

  /** Dry run: the VLAN name is only known from the switch, so a placeholder stands for it. */
  protected override composePlugSwitch(vni: number, segmentationId: number): string[] {
    return this.composeVni(true, vni, `<name of VLAN ${segmentationId} from 'show vlans'>`);
  }

  protected override composeUnplugSwitch(vni: number, segmentationId: number): string[] {
    return this.composeVni(false, vni, `<name of VLAN ${segmentationId} from 'show vlans'>`);
  }

  /**
   * Junos names VLANs (after `ngs_network_name_format`), so plug/unplug
   * first read the VLAN's name from `show vlans` (on the session the change
   * is then sent on); unknown VLAN → GenericSwitchNetmikoConfigError.
   */
  protected override queriesFor<K extends CliOperation>(operation: K, args: OperationArgs[K]): string[] {
    if (operation === "plugSwitchToNetwork" || operation === "unplugSwitchFromNetwork") return [JUNOS_L2VNI_TEMPLATES.SHOW_VLANS];
    return super.queriesFor(operation, args);
  }

  protected override planAfterQueries<K extends CliOperation>(operation: K, args: OperationArgs[K], answers: readonly string[], planned: readonly string[]): string[] {
    if (operation !== "plugSwitchToNetwork" && operation !== "unplugSwitchFromNetwork") return super.planAfterQueries(operation, args, answers, planned);
    const a = args as OperationArgs["plugSwitchToNetwork"];
    const v = validateVni(a.vni);
    const vlan = this.vlan(a.segmentationId);
    const entry = parseShowVlans(answers[0] ?? "").find((e) => e.tag === vlan);
    if (!entry) {
      throw this.configError(`VLAN ${vlan} not found in 'show vlans'; cannot ${operation === "plugSwitchToNetwork" ? "map" : "unmap"} VNI ${v}`);
    }
    return this.composeVni(operation === "plugSwitchToNetwork", v, entry.name);
  }

  private composeVni(plug: boolean, vni: number, vlanName: string): string[] {
    const t = JUNOS_L2VNI_TEMPLATES;
    const vars = { vlan_name: vlanName, vni };
    const cmds = this.formatCommands(plug ? t.PLUG_VNI : t.UNPLUG_VNI, vars);
    if (this.l2vni.mode === "multicast") {
      if (plug) {
        cmds.push(...this.formatCommands(t.PLUG_MCAST, { ...vars, mcast_group: this.mcastGroupOrFail(vni, this.l2vni) }));
      } else cmds.push(...this.formatCommands(t.UNPLUG_MCAST, vars));
    }
    if (this.evpnVniConfig) {
      cmds.push(...(plug ? this.formatCommands(t.PLUG_EVPN, { ...vars, bgp_asn: this.bgpAsn() }) : this.formatCommands(t.UNPLUG_EVPN, vars)));
    }
    return cmds;
  }

  private bgpAsn(): string {
    const asn = this.options.ngs_bgp_asn;
    if (!asn) {
      throw new GenericSwitchConfigException({
        message: `Switch ${this.deviceName}: ngs_bgp_asn must be the switch's BGP AS number when ngs_evpn_vni_config is true`,
        option: "ngs_bgp_asn",
      });
    }
    return asn;
  }

  /** Does any interface (other than a VTEP) carry this VLAN, per `show vlans`? */
  override async vlanHasPorts(segmentationId: number | string): Promise<boolean> {
    const vlan = this.vlan(segmentationId);
    const entry = parseShowVlans(await this.query(JUNOS_L2VNI_TEMPLATES.SHOW_VLANS)).find((e) => e.tag === vlan);
    return (entry?.interfaces ?? []).some((i) => !/^vtep/i.test(i));
  }

  /** Is the VLAN mapped to this VNI, per the `VNI:` line of `show vlans`? */
  override async vlanHasVni(segmentationId: number | string, vni: number | string): Promise<boolean> {
    const vlan = this.vlan(segmentationId);
    const v = validateVni(vni);
    return parseShowVlans(await this.query(JUNOS_L2VNI_TEMPLATES.SHOW_VLANS)).find((e) => e.tag === vlan)?.vni === v;
  }
}

import {
  CliSwitch,
  GenericSwitchConfigException,
  GenericSwitchNetmikoConfigError,
  L2VNI_OPTIONS,
  l2vniSettings,
  OPERATION_NAMES,
  parseBool,
  parseNumber,
  validateVni,
  type CliOperation,
  type L2vniSettings,
  type OperationArgs,
  type CliSessionLike,
  type DeviceConfig,
  type DeviceContext,
  type CommandTemplates,
  type PortNameRule,
  type VlanNameRule,
} from "@ngs/core/device-kit";
import { commitWithRetries } from "./commit.js";
import { parseShowVlans } from "./show-vlans.js";
import { JUNOS_L2VNI_TEMPLATES, JUNOS_TEMPLATES } from "./templates.js";
import { juniper } from "./platforms.js";

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
  static override extraOptions: readonly string[] = [
    "ngs_commit_timeout",
    "ngs_commit_interval",
    "ngs_bgp_asn",
    "ngs_evpn_vni_config",
    ...L2VNI_OPTIONS,
  ];

  /** Seconds to keep retrying a commit that fails for a retryable reason. */
  readonly commitTimeoutS: number;
  /** Seconds between commit attempts. */
  readonly commitIntervalS: number;
  /** VXLAN settings: BUM replication mode and multicast groups. */
  readonly l2vni: L2vniSettings;
  /** `ngs_evpn_vni_config`: also set the VLAN's EVPN route target. */
  readonly evpnVniConfig: boolean;

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
    let evpn = false;
    try {
      evpn = parseBool("ngs_evpn_vni_config", this.option("ngs_evpn_vni_config") ?? "false");
    } catch (e) {
      problems.push(e instanceof Error ? e.message : String(e));
    }
    this.evpnVniConfig = evpn;
    let l2vni: L2vniSettings = { mode: "ingress-replication", groupMap: new Map() };
    try {
      l2vni = l2vniSettings((o) => this.option(o), this.logger);
    } catch (e) {
      problems.push(e instanceof Error ? e.message : String(e));
    }
    this.l2vni = l2vni;
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
    const failure = await commitWithRetries(session, { timeoutS: this.commitTimeoutS, intervalS: this.commitIntervalS, logger: this.logger });
    if (failure === undefined) return;
    this.logger.debug({ error: failure }, "Commit failed");
    throw new GenericSwitchNetmikoConfigError({ config: this.where, device: this.sanitisedConfig, error: failure });
  }

  // ---- L2VNI ------------------------------------------------------------

  override get supportsL2vni(): boolean {
    return true;
  }

  /**
   * Junos names VLANs (after `ngs_network_name_format`), so plug/unplug
   * first read the VLAN's name from `show vlans`; unknown VLAN →
   * GenericSwitchNetmikoConfigError.
   */
  override async plugSwitchToNetwork(vni: number | string, segmentationId: number | string, physnet?: string | null): Promise<string> {
    return this.changeVni("plugSwitchToNetwork", { vni, segmentationId, physnet });
  }

  override async unplugSwitchFromNetwork(vni: number | string, segmentationId: number | string, physnet?: string | null): Promise<string> {
    return this.changeVni("unplugSwitchFromNetwork", { vni, segmentationId, physnet });
  }

  private async changeVni(op: "plugSwitchToNetwork" | "unplugSwitchFromNetwork", args: OperationArgs["plugSwitchToNetwork"]): Promise<string> {
    const v = validateVni(args.vni);
    const vlan = this.vlan(args.segmentationId);
    const entry = parseShowVlans(await this.query(JUNOS_L2VNI_TEMPLATES.SHOW_VLANS)).find((e) => e.tag === vlan);
    if (!entry) {
      throw this.configError(`VLAN ${vlan} not found in 'show vlans'; cannot ${op === "plugSwitchToNetwork" ? "map" : "unmap"} VNI ${v}`);
    }
    return this.sendCommandsToDevice(this.composeVni(op === "plugSwitchToNetwork", v, entry.name), OPERATION_NAMES[op]);
  }

  /** Dry run: the VLAN name is only known from the switch, so a placeholder stands for it. */
  protected override composePlugSwitch(vni: number, segmentationId: number): string[] {
    return this.composeVni(true, vni, `<name of VLAN ${segmentationId} from 'show vlans'>`);
  }

  protected override composeUnplugSwitch(vni: number, segmentationId: number): string[] {
    return this.composeVni(false, vni, `<name of VLAN ${segmentationId} from 'show vlans'>`);
  }

  protected override queriesFor<K extends CliOperation>(operation: K, args: OperationArgs[K]): string[] {
    if (operation === "plugSwitchToNetwork" || operation === "unplugSwitchFromNetwork") return [JUNOS_L2VNI_TEMPLATES.SHOW_VLANS];
    return super.queriesFor(operation, args);
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
    const asn = this.option("ngs_bgp_asn")?.trim();
    if (!asn || !/^\d+(\.\d+)?$/.test(asn)) {
      throw new GenericSwitchConfigException({
        message: `Switch ${this.deviceName}: ngs_bgp_asn must be the switch's BGP AS number when ngs_evpn_vni_config is true (got ${JSON.stringify(asn ?? "")})`,
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

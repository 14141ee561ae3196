import {
  CliSwitch,
  validateVni,
  type ApplyStyle,
  type CommandTemplates,
  type ConfigModeStyle,
  type DeviceConfig,
  type DeviceContext,
  type PortNameRule,
} from "@ngs/core/device-kit";
import { NVUE_OPTIONS, nvueL2vniConfig, nvueVlanHasPorts, nvueVniOf, type NvueL2vniConfig, type NvueOptions } from "./l2vni.js";
import { EVPN_VNI_TEMPLATES, NVUE_APPLY, NVUE_ERROR_PATTERNS, NVUE_L2VNI_TEMPLATES, NVUE_TEMPLATES } from "./templates.js";
import { cumulusNvue } from "./platforms.js";

/**
 * Cumulus Linux 5.x through NVUE (`netmiko_cumulus_nvue`). Each command set
 * ends with `nv config apply --assume-yes`; `nv config save` persists it
 * when `ngs_save_configuration` is on. No `sudo` (LP#2079916: it muddles
 * NVUE's config history), no config mode.
 *
 * L2VNI: VLANs map to VNIs on bridge domain `br_default`; BUM traffic by
 * EVPN ingress replication (default), a multicast group, or static
 * head-end-replication lists; optionally the VNI in FRR's BGP EVPN.
 */
export default class CumulusNvue extends CliSwitch {
  static override platform = cumulusNvue;
  /** One port: `swp1`; `swp1-64` is a range in `nv set interface`. */
  static override portNameRule: PortNameRule = { innerSpace: false, dashRange: true };
  static override commands: CommandTemplates = NVUE_TEMPLATES;
  static override errorPatterns = NVUE_ERROR_PATTERNS;
  static override shellCommands = true;
  /** No `sudo` and no config mode: the lines run at the shell prompt. */
  static override configMode: ConfigModeStyle = { enable: false, enter: false, exit: false, checkLines: false };
  /** Every set ends with `nv config apply --assume-yes` (a dry run shows it too); then saved as configured. */
  static override applyMode: ApplyStyle = { kind: "line", line: NVUE_APPLY };
  static override readonly options = NVUE_OPTIONS;
  declare readonly options: NvueOptions;

  readonly l2vni: NvueL2vniConfig;

  constructor(config: DeviceConfig, deviceName: string, context: DeviceContext = {}) {
    super(config, deviceName, context);
    this.l2vni = nvueL2vniConfig(this.options, this.logger);
  }

  // ---- L2VNI ------------------------------------------------------------

  override get supportsL2vni(): boolean {
    return true;
  }

  protected override composePlugSwitch(vni: number, segmentationId: number, physnet: string | null): string[] {
    const l = this.l2vni;
    const vars = { vni, segmentation_id: segmentationId };
    const cmds: string[] = [];
    if (l.evpnVniConfig) cmds.push(...this.formatCommands(EVPN_VNI_TEMPLATES.PLUG, { vni, bgp_asn: this.requireBgpAsn() }));
    cmds.push(...this.formatCommands(NVUE_L2VNI_TEMPLATES.PLUG_SWITCH_TO_NETWORK, vars));
    if (l.mode === "ingress-replication") {
      cmds.push(...this.formatCommands(NVUE_L2VNI_TEMPLATES.FLOOD_INGRESS, vars));
    } else if (l.mode === "multicast") {
      const group = this.mcastGroupOrFail(vni, { mode: "multicast", groupBase: l.mcastGroupBase, groupMap: l.mcastGroupMap });
      cmds.push(...this.formatCommands(NVUE_L2VNI_TEMPLATES.FLOOD_MULTICAST, { ...vars, mcast_group: group }));
    } else {
      // Static VTEP list: the physnet's own, else the global one; none means EVPN-learned VTEPs only.
      const vteps = (physnet ? l.physnetHerFlood.get(physnet) : undefined) ?? l.herFloodList;
      for (const vtep_ip of vteps) cmds.push(...this.formatCommands(NVUE_L2VNI_TEMPLATES.FLOOD_HER, { vtep_ip }));
    }
    return cmds;
  }

  protected override composeUnplugSwitch(vni: number, segmentationId: number): string[] {
    const cmds = this.formatCommands(NVUE_L2VNI_TEMPLATES.UNPLUG_SWITCH_FROM_NETWORK, { vni, segmentation_id: segmentationId });
    if (this.l2vni.evpnVniConfig) cmds.push(...this.formatCommands(EVPN_VNI_TEMPLATES.UNPLUG, { vni, bgp_asn: this.requireBgpAsn() }));
    return cmds;
  }

  override async vlanHasPorts(segmentationId: number | string): Promise<boolean> {
    const vlan = this.vlan(segmentationId);
    const [cmd] = this.formatCommands(NVUE_L2VNI_TEMPLATES.SHOW_VLAN_PORTS, { segmentation_id: vlan });
    return nvueVlanHasPorts(await this.nvQuery(cmd!));
  }

  override async vlanHasVni(segmentationId: number | string, vni: number | string): Promise<boolean> {
    const vlan = this.vlan(segmentationId);
    const wanted = validateVni(vni);
    return nvueVniOf(await this.nvQuery(NVUE_L2VNI_TEMPLATES.SHOW_VLAN_VNI[0]), vlan) === wanted;
  }

  /** A show command as the login user (NVUE: never through sudo). */
  private async nvQuery(command: string): Promise<string> {
    return this.withSession((session) => session.sendCommand(command));
  }

  private requireBgpAsn(): string {
    if (!this.l2vni.bgpAsn) throw this.configError("ngs_bgp_asn configuration parameter is required when ngs_evpn_vni_config is enabled");
    return this.l2vni.bgpAsn;
  }
}

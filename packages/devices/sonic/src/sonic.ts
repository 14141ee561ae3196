import {
  asn,
  CliSwitch,
  L2VNI_OPTION_SPECS,
  oneOf,
  portName,
  validateVni,
  type OptionValues,
  type ConfigModeStyle,
  type CommandTemplates,
  type PortNameRule,
} from "@ngs/core/device-kit";
import { sonicVlanHasPorts, sonicVniOf } from "./parsers.js";
import { SONIC_ERROR_PATTERNS, SONIC_L2VNI_TEMPLATES, SONIC_TEMPLATES } from "./templates.js";
import { sonic } from "./platforms.js";

/** SONiC's vendor options (docs/upstream.md#per-device-options). */
export const SONIC_OPTIONS = {
  ...L2VNI_OPTION_SPECS,
  // SONiC floods by BGP EVPN only: upstream refuses multicast at init.
  ngs_bum_replication_mode: oneOf(["ingress-replication"] as const, {
    default: "ingress-replication",
    description: "only ingress-replication (BGP EVPN) on SONiC",
  }),
  ngs_vtep_name: portName({
    deprecatedNames: ["vtep_name"],
    // A VTEP name, not a port: `-` is never a range here.
    rule: { innerSpace: false, dashRange: false },
    description: "the VXLAN tunnel (VTEP) name; required for L2VNI (the deprecated `vtep_name` still works)",
  }),
  ngs_bgp_asn: asn({ description: "the switch's BGP AS number; required for L2VNI" }),
};

/**
 * Community SONiC (`netmiko_sonic`). Commands run in a root shell
 * (`sudo -s`, password from `secret`), which stays open so that
 * `config save -y` (sent when `ngs_save_configuration` is on) may run.
 *
 * L2VNI: BGP EVPN with ingress replication; needs `ngs_vtep_name` (or the
 * deprecated `vtep_name`) and `ngs_bgp_asn`.
 */
export default class Sonic extends CliSwitch {
  static override platform = sonic;
  /** One port: `Ethernet0`, `PortChannel0001`. */
  static override portNameRule: PortNameRule = { innerSpace: false, dashRange: true };
  static override commands: CommandTemplates = SONIC_TEMPLATES;
  static override errorPatterns = SONIC_ERROR_PATTERNS;
  static override shellCommands = true;
  static override readonly options = SONIC_OPTIONS;
  declare readonly options: OptionValues<typeof SONIC_OPTIONS>;
  /** Stay at the prompt after the set (the platform has no config mode to leave); answers are checked whole. */
  static override configMode: ConfigModeStyle = { exit: false, checkLines: false };

  /**
   * A VLAN must exist before it gets members (LP#2148349), so every subport
   * VLAN is created first. SONiC adds a PortChannel to a VLAN with the same
   * `config vlan member add` as a port, so an 802.3ad bond gets the port
   * commands with its PortChannel name (as upstream's override does).
   * Accepts `trunkDetails` like every device (upstream's override lacked the
   * parameter and so failed when the driver passed it).
   */
  protected override composeAddSubports(_isBond: boolean, portId: string, vlans: number[]): string[] {
    const create = vlans.flatMap((v) => this.formatCommands(this.commands.ADD_NETWORK, { segmentation_id: v }));
    return [...create, ...super.composeAddSubports(false, portId, vlans)];
  }

  /** The removal mirrors the addition: `config vlan member del` for a PortChannel too. */
  protected override composeDelSubports(_isBond: boolean, portId: string, vlans: number[]): string[] {
    return super.composeDelSubports(false, portId, vlans);
  }

  // ---- L2VNI ------------------------------------------------------------

  override get supportsL2vni(): boolean {
    return true;
  }

  /** `ngs_vtep_name`, else the deprecated `vtep_name`; required for L2VNI. */
  get vtepName(): string {
    const v = this.options.ngs_vtep_name;
    if (!v) throw this.configError("vtep_name configuration parameter is required for L2VNI support on SONiC switches");
    return v;
  }

  /** `ngs_bgp_asn`; required for L2VNI. */
  get bgpAsn(): string {
    const asn = this.options.ngs_bgp_asn;
    if (!asn) throw this.configError("ngs_bgp_asn configuration parameter is required for L2VNI support on SONiC switches");
    return asn;
  }

  protected override composePlugSwitch(vni: number, segmentationId: number): string[] {
    const vars = { vni, segmentation_id: segmentationId, vtep_name: this.vtepName, bgp_asn: this.bgpAsn };
    return [
      ...this.formatCommands(SONIC_L2VNI_TEMPLATES.CREATE_VLAN, vars),
      ...this.formatCommands(SONIC_L2VNI_TEMPLATES.PLUG_EVPN_VNI, vars),
      ...this.formatCommands(SONIC_L2VNI_TEMPLATES.PLUG_SWITCH_TO_NETWORK, vars),
    ];
  }

  protected override composeUnplugSwitch(vni: number, segmentationId: number): string[] {
    const vars = { vni, segmentation_id: segmentationId, vtep_name: this.vtepName, bgp_asn: this.bgpAsn };
    return [
      ...this.formatCommands(SONIC_L2VNI_TEMPLATES.UNPLUG_SWITCH_FROM_NETWORK, vars),
      ...this.formatCommands(SONIC_L2VNI_TEMPLATES.UNPLUG_EVPN_VNI, vars),
    ];
  }

  override async vlanHasPorts(segmentationId: number | string): Promise<boolean> {
    const vlan = this.vlan(segmentationId);
    const [cmd] = this.formatCommands(SONIC_L2VNI_TEMPLATES.SHOW_VLAN_PORTS, { segmentation_id: vlan });
    return sonicVlanHasPorts(await this.query(cmd!), vlan);
  }

  override async vlanHasVni(segmentationId: number | string, vni: number | string): Promise<boolean> {
    const vlan = this.vlan(segmentationId);
    const wanted = validateVni(vni);
    return sonicVniOf(await this.query(SONIC_L2VNI_TEMPLATES.SHOW_VLAN_VNI[0]), vlan) === wanted;
  }
}

import {
  CliSwitch,
  GenericSwitchConfigException,
  L2VNI_OPTIONS,
  optionProblems,
  validatePortName,
  validateVni,
  type CliSessionLike,
  type CommandTemplates,
  type PortNameRule,
} from "@ngs/core/device-kit";
import { sonicVlanHasPorts, sonicVniOf } from "./parsers.js";
import { SONIC_ERROR_PATTERNS, SONIC_L2VNI_TEMPLATES, SONIC_TEMPLATES } from "./templates.js";
import { sonic } from "./platforms.js";

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
  static override extraOptions: readonly string[] = [
    "ngs_vtep_name",
    // upstream's deprecated spelling of ngs_vtep_name
    "vtep_name",
    "ngs_bgp_asn",
    ...L2VNI_OPTIONS,
  ];

  override async sendConfigSet(session: CliSessionLike, commands: readonly string[]): Promise<string> {
    await session.enable();
    return session.sendConfigSet(commands, { exitConfigMode: false });
  }

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
    const v = this.option("ngs_vtep_name")?.trim() || this.option("vtep_name")?.trim();
    if (!v) throw this.configError("vtep_name configuration parameter is required for L2VNI support on SONiC switches");
    return validatePortName(v, { shell: true, what: "ngs_vtep_name" });
  }

  /** ngs_vtep_name and ngs_bgp_asn, when set, checked when the config loads (both are needed for L2VNI only). */
  protected override configProblems(): string[] {
    const set = (k: string) => Boolean(this.option(k)?.trim());
    return [
      ...super.configProblems(),
      ...optionProblems({
        ngs_bum_replication_mode: () => {
          const mode = this.option("ngs_bum_replication_mode")?.trim();
          if (mode && mode !== "ingress-replication") {
            throw new Error(`SONiC supports only ingress-replication (BGP EVPN), got ${JSON.stringify(mode)}`);
          }
        },
        ngs_vtep_name: () => (set("ngs_vtep_name") || set("vtep_name")) && this.vtepName,
        ngs_bgp_asn: () => set("ngs_bgp_asn") && this.bgpAsn,
      }),
    ];
  }

  /** `ngs_bgp_asn`; required for L2VNI. */
  get bgpAsn(): string {
    const asn = this.option("ngs_bgp_asn")?.trim();
    if (!asn) throw this.configError("ngs_bgp_asn configuration parameter is required for L2VNI support on SONiC switches");
    if (!/^\d+(\.\d+)?$/.test(asn)) {
      throw new GenericSwitchConfigException({
        message: `ngs_bgp_asn: invalid value ${JSON.stringify(asn)}: expected a BGP AS number (65000 or 1.10)`,
        option: "ngs_bgp_asn",
      });
    }
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

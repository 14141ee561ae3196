import {
  CliSwitch,
  portName,
  validateVni,
  type CommandTemplates,
  type OptionValues,
  type PortNameRule,
} from "@ngs/core/device-kit";
import { OVS_L2VNI_TEMPLATES, OVS_TEMPLATES } from "./templates.js";
import { ovsLinux } from "./platforms.js";


/** OVS's vendor option (docs/upstream.md#per-device-options). */
export const OVS_OPTIONS = {
  ngs_ovs_bridge: portName({ default: "genericswitch", description: "the bridge whose external_ids hold the L2VNI VNI → VLAN map" }),
};

/**
 * Open vSwitch on Linux (`netmiko_ovs_linux`), upstream's CI reference
 * device: `ovs-vsctl` over SSH sets a port's access tag, native VLAN and
 * trunks. OVS has no VLAN objects, so add/del network send nothing, and
 * no save (OVSDB is persistent; a warning is logged, as upstream).
 * L2VNI is upstream's CI emulation: the VLAN↔VNI map lives in the bridge's
 * external_ids (`ngs_ovs_bridge`), no tunnel is built.
 *
 * Port names are validated strictly (letters, digits, `/ . : - _`, no
 * leading `-`) because every command runs in a shell.
 */
export default class OvsLinux extends CliSwitch {
  static override platform = ovsLinux;
  /** One port: any OVS port name (`tap3f2a9c1e-0b`): `-` is never a range. */
  static override portNameRule: PortNameRule = { innerSpace: false, dashRange: false };
  static override commands: CommandTemplates = OVS_TEMPLATES;
  static override shellCommands = true;
  static override readonly options = OVS_OPTIONS;
  declare readonly options: OptionValues<typeof OVS_OPTIONS>;

  /** `ngs_ovs_bridge` (default `genericswitch`): where upstream keeps L2VNI metadata. */
  get bridge(): string {
    return this.options.ngs_ovs_bridge;
  }

  // ---- L2VNI (bridge external_ids) --------------------------------------

  override get supportsL2vni(): boolean {
    return true;
  }

  /** Record VNI → VLAN in the bridge's external_ids (`vni-<vni>=<vlan>`). */
  protected override composePlugSwitch(vni: number, segmentationId: number): string[] {
    return this.formatCommands(OVS_L2VNI_TEMPLATES.PLUG_SWITCH_TO_NETWORK, { bridge_name: this.bridge, vni, segmentation_id: segmentationId });
  }

  protected override composeUnplugSwitch(vni: number, segmentationId: number): string[] {
    return this.formatCommands(OVS_L2VNI_TEMPLATES.UNPLUG_SWITCH_FROM_NETWORK, { bridge_name: this.bridge, vni, segmentation_id: segmentationId });
  }

  /** Does any port carry this VLAN as its tag (`ovs-vsctl list port`)? */
  override async vlanHasPorts(segmentationId: number | string): Promise<boolean> {
    const vlan = this.vlan(segmentationId);
    return parsePortTags(await this.query(OVS_L2VNI_TEMPLATES.SHOW_PORTS[0])).includes(vlan);
  }

  /** Is VLAN `segmentationId` mapped to `vni` in the bridge's external_ids? */
  override async vlanHasVni(segmentationId: number | string, vni: number | string): Promise<boolean> {
    const vlan = this.vlan(segmentationId);
    const v = validateVni(vni);
    const [cmd] = this.formatCommands(OVS_L2VNI_TEMPLATES.SHOW_BRIDGE_EXTERNAL_IDS, { bridge_name: this.bridge });
    return parseVniMapping(await this.query(cmd!), v) === vlan;
  }
}

/** The `tag` values in `ovs-vsctl list port` output (`tag : 100`; `[]` when unset). */
export function parsePortTags(output: string): number[] {
  const tags: number[] = [];
  for (const m of output.matchAll(/^tag\s*:\s*(\d+)\s*$/gm)) tags.push(Number(m[1]));
  return tags;
}

/** The VLAN mapped to `vni` in `ovs-vsctl get bridge B external_ids` output, quoted or not. */
export function parseVniMapping(output: string, vni: number): number | undefined {
  const m = new RegExp(`["']?vni-${vni}["']?\\s*=\\s*["']?(\\d+)["']?`).exec(output);
  return m ? Number(m[1]) : undefined;
}

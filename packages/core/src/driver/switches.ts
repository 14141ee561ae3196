import type { NetworkOptions, PortOptions } from "../device.js";
import type { BindingProfile, LocalLinkInformation, SubPort, TrunkDetails } from "../types.js";

/**
 * What the driver uses of a switch device: the operations plus the few
 * per-switch facts binding depends on. `GenericSwitchDevice` satisfies it;
 * the L2VNI members are optional because most vendors have none.
 */
export interface DriverSwitch {
  /** `ngs_physical_networks` (empty = every physnet). */
  readonly physicalNetworks: readonly string[];
  /** `ngs_mac_address`, if configured. */
  readonly macAddress?: string | null | undefined;
  readonly supportTrunkOnPorts: boolean;
  readonly supportTrunkOnBondPorts: boolean;
  /** `ngs_allowed_vlans` / `ngs_allowed_ports`. */
  isAllowed(port: string, vlan: number | string): boolean;

  /** `ngs_trunk_ports`; with `trunkVlansConverge`, the driver passes `physnetVlans` only when there are some. */
  readonly trunkPorts?: readonly string[];
  /** Upstream's `trunk_vlans_converge`: add/delete network take the physnets' full VLAN set. */
  readonly trunkVlansConverge?: boolean;

  addNetwork(segmentationId: number | string, networkId: string, options?: NetworkOptions): Promise<unknown>;
  delNetwork(segmentationId: number | string, networkId: string, options?: NetworkOptions): Promise<unknown>;
  plugPortToNetwork(port: string, segmentationId: number | string, options?: PortOptions): Promise<unknown>;
  deletePort(port: string, segmentationId: number | string, options?: PortOptions): Promise<unknown>;
  plugBondToNetwork(bond: string, segmentationId: number | string, options?: PortOptions): Promise<unknown>;
  unplugBondFromNetwork(bond: string, segmentationId: number | string, options?: PortOptions): Promise<unknown>;
  addSubportsOnTrunk(
    bindingProfile: BindingProfile,
    portId: string,
    subports: SubPort[],
    trunkDetails?: TrunkDetails | null,
  ): Promise<unknown>;
  delSubportsOnTrunk(
    bindingProfile: BindingProfile,
    portId: string,
    subports: SubPort[],
    trunkDetails?: TrunkDetails | null,
  ): Promise<unknown>;

  /** True when the vendor can map a VNI to a VLAN (upstream's PLUG_SWITCH_TO_NETWORK). */
  readonly supportsL2vni?: boolean;
  plugSwitchToNetwork?(vni: number | string, segmentationId: number | string, physnet?: string | null): Promise<unknown>;
  unplugSwitchFromNetwork?(vni: number | string, segmentationId: number | string, physnet?: string | null): Promise<unknown>;
  vlanHasVni?(segmentationId: number | string, vni: number | string): Promise<boolean>;
  vlanHasPorts?(segmentationId: number | string): Promise<boolean>;
}

/** Configured switches by section name (`[genericswitch:NAME]`). */
export type SwitchMap = ReadonlyMap<string, DriverSwitch>;

/**
 * Upstream's `get_switch_device`: a switch whose `ngs_mac_address` equals
 * `switch_id` (case-insensitively) wins; otherwise the section named
 * `switch_info`; otherwise none.
 */
export function getSwitchDevice(
  switches: SwitchMap,
  link: Pick<LocalLinkInformation, "switch_info" | "switch_id">,
): { name: string; device: DriverSwitch } | undefined {
  const mac = link.switch_id?.toLowerCase();
  if (mac) {
    for (const [name, device] of switches) {
      if (device.macAddress && device.macAddress.toLowerCase() === mac) return { name, device };
    }
  }
  if (link.switch_info !== undefined) {
    const device = switches.get(link.switch_info);
    if (device) return { name: link.switch_info, device };
  }
  return undefined;
}

/** Compile-time check: every device class is usable by the driver. */
type _DeviceIsDriverSwitch = import("../device.js").GenericSwitchDevice extends DriverSwitch ? true : never;
export const deviceIsDriverSwitch: _DeviceIsDriverSwitch = true;

import type { BindingProfile, CommandPlan, DeviceConfig, SubPort, TrunkDetails } from "./types.js";

export interface PortOptions {
  trunkDetails?: TrunkDetails | null;
  /** Per-call default VLAN; `ngs_port_default_vlan` applies when absent. */
  defaultVlan?: number | string | null;
}

/**
 * Every operation of a switch device (reference §1). Names follow upstream's
 * methods in camelCase; a vendor that cannot do something inherits the
 * default, which reports it as unsupported or does nothing, as upstream does.
 *
 * The constructor signature is the plugin contract:
 *   new Device(config, deviceName, context)
 */
export abstract class GenericSwitchDevice {
  /** The plugin API this class implements; the loader checks it. */
  static readonly pluginApi: number = 1;

  abstract addNetwork(segmentationId: number | string, networkId: string): Promise<string | void>;
  abstract delNetwork(segmentationId: number | string, networkId: string): Promise<string | void>;
  abstract plugPortToNetwork(port: string, segmentationId: number | string, options?: PortOptions): Promise<string | void>;
  abstract deletePort(port: string, segmentationId: number | string, options?: PortOptions): Promise<string | void>;
  abstract plugBondToNetwork(bond: string, segmentationId: number | string, options?: PortOptions): Promise<string | void>;
  abstract unplugBondFromNetwork(bond: string, segmentationId: number | string, options?: PortOptions): Promise<string | void>;
  abstract addSubportsOnTrunk(
    bindingProfile: BindingProfile,
    portId: string,
    subports: SubPort[],
    trunkDetails?: TrunkDetails | null,
  ): Promise<string | void>;
  abstract delSubportsOnTrunk(
    bindingProfile: BindingProfile,
    portId: string,
    subports: SubPort[],
    trunkDetails?: TrunkDetails | null,
  ): Promise<string | void>;
}

export type { BindingProfile, CommandPlan, DeviceConfig, SubPort, TrunkDetails };

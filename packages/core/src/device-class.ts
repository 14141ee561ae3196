import type { DeviceContext } from "./device-context.js";
import type { GenericSwitchDevice } from "./device.js";
import type { OptionSpecs } from "./options/declare.js";
import type { DeviceConfig } from "./types.js";

/** The class type the loader returns: constructible with the plugin-contract signature. */
export type DeviceClass = (new (config: DeviceConfig, deviceName: string, context?: DeviceContext) => GenericSwitchDevice) & {
  readonly pluginApi?: number;
  readonly options?: OptionSpecs;
  /** @deprecated see `GenericSwitchDevice.extraOptions` */
  readonly extraOptions?: readonly string[];
};

/** The operations a device class's prototype must have (checked by the loader). */
export const DEVICE_OPERATIONS = [
  "addNetwork",
  "delNetwork",
  "plugPortToNetwork",
  "deletePort",
  "plugBondToNetwork",
  "unplugBondFromNetwork",
  "addSubportsOnTrunk",
  "delSubportsOnTrunk",
] as const;

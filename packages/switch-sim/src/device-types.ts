import { startSwitch } from "./server.js";
import type { SimSwitch, SimSwitchOptions } from "./types.js";
import { platforms } from "./platforms/index.js";

/** Upstream `device_type` → simulator platform (every entry point of docs/upstream.md#device-types). */
export const deviceTypePlatforms: Readonly<Record<string, string>> = {
  netmiko_ovs_linux: "ovs_linux",
  netmiko_cisco_ios: "cisco_ios",
  netmiko_cisco_nxos: "cisco_nxos",
  netmiko_cisco_s300: "cisco_s300",
  netmiko_huawei: "huawei",
  netmiko_huawei_vrpv8: "huawei_vrpv8",
  netmiko_arista_eos: "arista_eos",
  netmiko_dell_os10: "dell_os10",
  netmiko_dell_force10: "dell_force10",
  netmiko_dell_powerconnect: "dell_powerconnect",
  netmiko_brocade_fastiron: "brocade_fastiron",
  netmiko_ruijie: "ruijie_os",
  netmiko_hpe_comware: "hp_comware",
  netmiko_hp_comware: "hp_comware",
  netmiko_juniper: "juniper",
  netmiko_mellanox_mlnxos: "mellanox_mlnxos",
  netmiko_cumulus: "cumulus",
  netmiko_cumulus_nvue: "cumulus_nvue",
  netmiko_sonic: "sonic",
  netmiko_dell_enterprise_sonic: "sonic",
  netmiko_supermicro_smis: "supermicro_smis",
  netmiko_nokia_srl: "nokia_srl",
  netmiko_pluribus: "pluribus",
  netmiko_aruba_aoscx: "aruba_aoscx",
  netmiko_fake: "fake",
};

const ALIASES: Record<string, string> = { juniper_junos: "juniper", ruijie: "ruijie_os", hpe_comware: "hp_comware" };

/**
 * The simulator platform for an ngs/upstream `device_type` (`netmiko_cisco_ios` →
 * `cisco_ios`); a platform name is returned as is. Throws for types with no CLI
 * (`netconf_openconfig`) or unknown names, listing the valid ones.
 */
export function platformForDeviceType(deviceType: string): string {
  const mapped = deviceTypePlatforms[deviceType];
  if (mapped) return mapped;
  const bare = ALIASES[deviceType] ?? deviceType;
  if (platforms.includes(bare)) return bare;
  if (deviceType === "netconf_openconfig") {
    throw new Error("switch-sim: device_type netconf_openconfig speaks NETCONF, not an SSH CLI; the simulator cannot serve it");
  }
  throw new Error(
    `switch-sim: no simulator platform for device_type "${deviceType}"; valid device types: ${Object.keys(deviceTypePlatforms).join(", ")}`,
  );
}

export interface DeviceSimOptions extends Omit<SimSwitchOptions, "platform"> {
  /** An ngs device type (`netmiko_cisco_ios`) or a simulator platform (`cisco_ios`). */
  deviceType: string;
}

/** Serves one switch for an ngs device section: given host/port, credentials, device type. */
export function startSwitchForDevice(options: DeviceSimOptions): Promise<SimSwitch> {
  const { deviceType, ...rest } = options;
  return startSwitch({ ...rest, platform: platformForDeviceType(deviceType) });
}

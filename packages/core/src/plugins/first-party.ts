/**
 * Which first-party package provides each upstream device type. Only a hint
 * for the "unknown device type" error (so it can name the package to
 * install); discovery never uses it. A test keeps it equal to the manifests
 * of packages/devices/*.
 */
export const FIRST_PARTY_DEVICE_PACKAGES: Readonly<Record<string, string>> = {
  netmiko_arista_eos: "@ngs/device-arista",
  netmiko_aruba_aoscx: "@ngs/device-aruba",
  netmiko_brocade_fastiron: "@ngs/device-brocade",
  netmiko_cisco_ios: "@ngs/device-cisco",
  netmiko_cisco_nxos: "@ngs/device-cisco",
  netmiko_cisco_s300: "@ngs/device-cisco",
  netmiko_cumulus: "@ngs/device-cumulus",
  netmiko_cumulus_nvue: "@ngs/device-cumulus",
  netmiko_dell_os10: "@ngs/device-dell",
  netmiko_dell_force10: "@ngs/device-dell",
  netmiko_dell_powerconnect: "@ngs/device-dell",
  netmiko_fake: "@ngs/device-fake",
  netmiko_hpe_comware: "@ngs/device-hpe",
  netmiko_hp_comware: "@ngs/device-hpe",
  netmiko_huawei: "@ngs/device-huawei",
  netmiko_huawei_vrpv8: "@ngs/device-huawei",
  netmiko_juniper: "@ngs/device-juniper",
  netmiko_mellanox_mlnxos: "@ngs/device-mellanox",
  netmiko_nokia_srl: "@ngs/device-nokia",
  netmiko_ovs_linux: "@ngs/device-ovs",
  netmiko_pluribus: "@ngs/device-pluribus",
  netmiko_ruijie: "@ngs/device-ruijie",
  netmiko_sonic: "@ngs/device-sonic",
  netmiko_dell_enterprise_sonic: "@ngs/device-sonic",
  netmiko_supermicro_smis: "@ngs/device-supermicro",
  netconf_openconfig: "@ngs/device-openconfig",
};

/** Open vSwitch templates (upstream `ovs.OvsLinux`, docs/upstream.md#command-lists-per-device-type), verbatim. No VLAN create/delete. */
export const OVS_TEMPLATES = {
  PLUG_PORT_TO_NETWORK: ["ovs-vsctl set port {port} vlan_mode=access", "ovs-vsctl set port {port} tag={segmentation_id}"],
  DELETE_PORT: ["ovs-vsctl clear port {port} tag", "ovs-vsctl clear port {port} trunks", "ovs-vsctl clear port {port} vlan_mode"],
  SET_NATIVE_VLAN: [
    "ovs-vsctl set port {port} vlan_mode=native-untagged",
    "ovs-vsctl set port {port} tag={segmentation_id}",
    "ovs-vsctl add port {port} trunks {segmentation_id}",
  ],
  DELETE_NATIVE_VLAN: [
    "ovs-vsctl clear port {port} vlan_mode",
    "ovs-vsctl clear port {port} tag",
    "ovs-vsctl remove port {port} trunks {segmentation_id}",
  ],
  SET_NATIVE_VLAN_BOND: [
    "ovs-vsctl set port {bond} vlan_mode=native-untagged",
    "ovs-vsctl set port {bond} tag={segmentation_id}",
    "ovs-vsctl add port {bond} trunks {segmentation_id}",
  ],
  DELETE_NATIVE_VLAN_BOND: [
    "ovs-vsctl clear port {bond} vlan_mode",
    "ovs-vsctl clear port {bond} tag",
    "ovs-vsctl remove port {bond} trunks {segmentation_id}",
  ],
  ADD_NETWORK_TO_TRUNK: ["ovs-vsctl add port {port} trunks {segmentation_id}"],
  REMOVE_NETWORK_FROM_TRUNK: ["ovs-vsctl remove port {port} trunks {segmentation_id}"],
  ADD_NETWORK_TO_BOND_TRUNK: ["ovs-vsctl add port {bond} trunks {segmentation_id}"],
  DELETE_NETWORK_ON_BOND_TRUNK: ["ovs-vsctl remove port {bond} trunks {segmentation_id}"],
} as const;

/**
 * L2VNI on OVS is CI-only metadata (upstream): the VLAN↔VNI map is kept in
 * the bridge's external_ids, no VXLAN tunnel is configured.
 */
export const OVS_L2VNI_TEMPLATES = {
  PLUG_SWITCH_TO_NETWORK: ["ovs-vsctl set bridge {bridge_name} external_ids:vni-{vni}={segmentation_id}"],
  UNPLUG_SWITCH_FROM_NETWORK: ["ovs-vsctl remove bridge {bridge_name} external_ids vni-{vni}"],
  SHOW_PORTS: ["ovs-vsctl list port"],
  SHOW_BRIDGE_EXTERNAL_IDS: ["ovs-vsctl get bridge {bridge_name} external_ids"],
} as const;

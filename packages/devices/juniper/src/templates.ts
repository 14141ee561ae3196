/** Junos command templates (upstream `juniper.Juniper`, docs/upstream.md#command-lists-per-device-type), verbatim. */
export const JUNOS_TEMPLATES = {
  ADD_NETWORK: ["set vlans {network_name} vlan-id {segmentation_id}"],
  DELETE_NETWORK: ["delete vlans {network_name}"],
  PLUG_PORT_TO_NETWORK: [
    "delete interfaces {port} unit 0 family ethernet-switching vlan members",
    "set interfaces {port} unit 0 family ethernet-switching vlan members {segmentation_id}",
  ],
  DELETE_PORT: ["delete interfaces {port} unit 0 family ethernet-switching vlan members"],
  ENABLE_PORT: ["delete interfaces {port} disable"],
  DISABLE_PORT: ["set interfaces {port} disable"],
  ADD_NETWORK_TO_TRUNK: ["set interfaces {port} unit 0 family ethernet-switching vlan members {segmentation_id}"],
  REMOVE_NETWORK_FROM_TRUNK: ["delete interfaces {port} unit 0 family ethernet-switching vlan members {segmentation_id}"],
} as const;

/** Commit failures that clear up on their own (another session's commit, story 2006220): retried. */
export const JUNOS_RETRYABLE_COMMIT_ERRORS: readonly string[] = [
  "error: configuration database locked",
  "warning: statement does not exist",
  "warning: statement already exists",
];

/** Junos L2VNI, upstream's verbatim; `{vlan_name}` comes from `show vlans`. */
export const JUNOS_L2VNI_TEMPLATES = {
  PLUG_VNI: ["set vlans {vlan_name} vxlan vni {vni}"],
  UNPLUG_VNI: ["delete vlans {vlan_name} vxlan vni"],
  PLUG_MCAST: ["set vlans {vlan_name} vxlan multicast-group {mcast_group}"],
  UNPLUG_MCAST: ["delete vlans {vlan_name} vxlan multicast-group"],
  PLUG_EVPN: ["set vlans {vlan_name} vrf-target target:{bgp_asn}:{vni}"],
  UNPLUG_EVPN: ["delete vlans {vlan_name} vrf-target"],
  SHOW_VLANS: "show vlans",
} as const;

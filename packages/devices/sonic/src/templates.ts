/** SONiC templates (upstream `sonic.Sonic`, docs/upstream.md#command-lists-per-device-type), verbatim; Dell Enterprise SONiC shares them. */
export const SONIC_TEMPLATES = {
  ADD_NETWORK: ["config vlan add {segmentation_id}"],
  DELETE_NETWORK: ["config vlan del {segmentation_id}"],
  PLUG_PORT_TO_NETWORK: ["config vlan member add -u {segmentation_id} {port}"],
  DELETE_PORT: ["config vlan member del {segmentation_id} {port}"],
  ADD_NETWORK_TO_TRUNK: ["config vlan member add {segmentation_id} {port}"],
  REMOVE_NETWORK_FROM_TRUNK: ["config vlan member del {segmentation_id} {port}"],
  SAVE_CONFIGURATION: ["config save -y"],
} as const;

export const SONIC_ERROR_PATTERNS: readonly RegExp[] = [
  // Upstream's pattern is `VLAN[0-9]+ doesn't exist`, but sonic-utilities says `Vlan99 doesn't exist`.
  /(?:VLAN|Vlan)[0-9]+ doesn't exist/,
  /Invalid Vlan Id , Valid Range : 1 to 4094/,
  /Interface name is invalid!!/,
  /No such command/,
];

/** SONiC L2VNI, upstream's verbatim. */
export const SONIC_L2VNI_TEMPLATES = {
  /** The VLAN must exist before its VNI map (LP#2148349). */
  CREATE_VLAN: ["config vlan add {segmentation_id}"],
  PLUG_EVPN_VNI: [
    'vtysh -c "configure terminal" -c "router bgp {bgp_asn}" -c "address-family l2vpn evpn" -c "vni {vni}" -c "rd auto" -c "route-target import auto" -c "route-target export auto"',
  ],
  UNPLUG_EVPN_VNI: ['vtysh -c "configure terminal" -c "router bgp {bgp_asn}" -c "address-family l2vpn evpn" -c "no vni {vni}"'],
  PLUG_SWITCH_TO_NETWORK: ["config vxlan map add {vtep_name} {segmentation_id} {vni}"],
  UNPLUG_SWITCH_FROM_NETWORK: ["config vxlan map del {vtep_name} {segmentation_id} {vni}"],
  SHOW_VLAN_PORTS: ["show vlan {segmentation_id}"],
  SHOW_VLAN_VNI: ["show vxlan vlanvnimap"],
} as const;

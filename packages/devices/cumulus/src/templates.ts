/** Cumulus Linux 4.x NCLU templates (upstream `cumulus.Cumulus`, docs/upstream.md#command-lists-per-device-type), verbatim. */
export const NCLU_TEMPLATES = {
  ADD_NETWORK: ["net add vlan {segmentation_id}"],
  DELETE_NETWORK: ["net del vlan {segmentation_id}"],
  PLUG_PORT_TO_NETWORK: ["net add interface {port} bridge access {segmentation_id}"],
  DELETE_PORT: ["net del interface {port} bridge access {segmentation_id}"],
  PLUG_BOND_TO_NETWORK: ["net add bond {bond} bridge access {segmentation_id}"],
  UNPLUG_BOND_FROM_NETWORK: ["net del bond {bond} bridge access {segmentation_id}"],
  ENABLE_PORT: ["net del interface {port} link down"],
  DISABLE_PORT: ["net add interface {port} link down"],
  ENABLE_BOND: ["net del bond {bond} link down"],
  DISABLE_BOND: ["net add bond {bond} link down"],
  SAVE_CONFIGURATION: ["net commit"],
} as const;

export const NCLU_ERROR_PATTERNS: readonly RegExp[] = [
  /ERROR: Command not found./,
  /command not found/,
  /is not a physical interface on this switch/,
];

/** Cumulus Linux 5.x NVUE templates (upstream `cumulus.CumulusNVUE`), verbatim. */
export const NVUE_TEMPLATES = {
  ADD_NETWORK: ["nv set bridge domain br_default vlan {segmentation_id}"],
  DELETE_NETWORK: ["nv unset bridge domain br_default vlan {segmentation_id}"],
  PLUG_PORT_TO_NETWORK: [
    "nv unset interface {port} bridge domain br_default untagged",
    "nv set interface {port} bridge domain br_default access {segmentation_id}",
  ],
  DELETE_PORT: [
    "nv unset interface {port} bridge domain br_default access",
    "nv unset interface {port} bridge domain br_default untagged",
    "nv unset interface {port} bridge domain br_default vlan",
  ],
  ADD_NETWORK_TO_TRUNK: [
    "nv unset interface {port} bridge domain br_default access",
    "nv set interface {port} bridge domain br_default vlan {segmentation_id}",
  ],
  REMOVE_NETWORK_FROM_TRUNK: ["nv unset interface {port} bridge domain br_default vlan {segmentation_id}"],
  SET_NATIVE_VLAN: [
    "nv unset interface {port} bridge domain br_default access",
    "nv set interface {port} bridge domain br_default untagged {segmentation_id}",
    "nv set interface {port} bridge domain br_default vlan {segmentation_id}",
  ],
  DELETE_NATIVE_VLAN: [
    "nv unset interface {port} bridge domain br_default untagged {segmentation_id}",
    "nv unset interface {port} bridge domain br_default vlan {segmentation_id}",
  ],
  SET_NATIVE_VLAN_BOND: [
    "nv unset interface {bond} bridge domain br_default access",
    "nv set interface {bond} bridge domain br_default untagged {segmentation_id}",
    "nv set interface {bond} bridge domain br_default vlan {segmentation_id}",
  ],
  DELETE_NATIVE_VLAN_BOND: [
    "nv unset interface {bond} bridge domain br_default untagged {segmentation_id}",
    "nv unset interface {bond} bridge domain br_default vlan {segmentation_id}",
  ],
  ADD_NETWORK_TO_BOND_TRUNK: [
    "nv unset interface {bond} bridge domain br_default access",
    "nv set interface {bond} bridge domain br_default vlan {segmentation_id}",
  ],
  DELETE_NETWORK_ON_BOND_TRUNK: ["nv unset interface {bond} bridge domain br_default vlan {segmentation_id}"],
  ENABLE_PORT: ["nv set interface {port} link state up"],
  DISABLE_PORT: ["nv set interface {port} link state down"],
  SAVE_CONFIGURATION: ["nv config save"],
} as const;

/** Appended to every NVUE command set: NVUE changes are staged until applied. */
export const NVUE_APPLY = "nv config apply --assume-yes";

export const NVUE_ERROR_PATTERNS: readonly RegExp[] = [
  /Invalid config/,
  /Config invalid at/,
  /ERROR: Command not found./,
  /command not found/,
  /is not a physical interface on this switch/,
  /Error: Invalid parameter/,
  /Unable to restart services/,
  /Failure during apply/,
];

/** EVPN for one VNI in FRR, through vtysh (shared with SONiC upstream). */
export const EVPN_VNI_TEMPLATES = {
  PLUG: [
    'vtysh -c "configure terminal" -c "router bgp {bgp_asn}" -c "address-family l2vpn evpn" -c "vni {vni}" -c "rd auto" -c "route-target import auto" -c "route-target export auto"',
  ],
  UNPLUG: ['vtysh -c "configure terminal" -c "router bgp {bgp_asn}" -c "address-family l2vpn evpn" -c "no vni {vni}"'],
} as const;

/** NVUE L2VNI, upstream's verbatim. */
export const NVUE_L2VNI_TEMPLATES = {
  PLUG_SWITCH_TO_NETWORK: ["nv set bridge domain br_default vlan {segmentation_id} vni {vni}"],
  UNPLUG_SWITCH_FROM_NETWORK: ["nv unset bridge domain br_default vlan {segmentation_id} vni"],
  FLOOD_INGRESS: ["nv set bridge domain br_default vlan {segmentation_id} vni {vni} flooding head-end-replication evpn"],
  FLOOD_MULTICAST: ["nv set bridge domain br_default vlan {segmentation_id} vni {vni} flooding multicast-group {mcast_group}"],
  FLOOD_HER: ["nv set nve vxlan flooding head-end-replication {vtep_ip}"],
  SHOW_VLAN_PORTS: ["nv show bridge domain br_default vlan {segmentation_id} -o json"],
  SHOW_VLAN_VNI: ["nv show bridge domain br_default vlan-vni-map -o json"],
} as const;

/** Cumulus Linux 4.x NCLU templates (upstream `cumulus.Cumulus`, reference §1.4), verbatim. */
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

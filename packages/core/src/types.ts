/** Neutron-shaped data the device operations take (reference §4.1). */

export interface SubPort {
  port_id?: string;
  segmentation_id: number | string;
  segmentation_type?: string;
  mac_address?: string;
}

export interface TrunkDetails {
  trunk_id?: string;
  segmentation_id?: number | string;
  sub_ports: SubPort[];
}

export interface LocalLinkInformation {
  switch_info?: string;
  switch_id?: string;
  port_id: string;
}

export interface BindingProfile {
  local_link_information?: LocalLinkInformation[];
  local_group_information?: { bond_mode?: string; [k: string]: unknown };
  vni?: number | string;
  physical_network?: string;
  segment_id?: string;
  [k: string]: unknown;
}

/** A device section as read from the ini file: every value is a string. */
export type DeviceConfig = Record<string, string>;

/** What one operation would send: the CLI-switch base fills it; `dryRun` returns it unsent. */
export interface CommandPlan {
  /** Upstream's operation string: 'add network', 'plug port', ... */
  operation: string;
  commands: string[];
  /** The save step that would follow (empty when saving is off or not supported). */
  save: string[];
}

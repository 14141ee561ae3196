/** Neutron-shaped data the device operations take (docs/upstream.md#mechanism-driver). */

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

/** A Neutron security group rule as the SG hooks receive it (docs/upstream.md#mechanism-driver). */
export interface SecurityGroupRule {
  id?: string;
  direction: "ingress" | "egress";
  ethertype?: "IPv4" | "IPv6";
  protocol?: string | number | null;
  port_range_min?: number | null;
  port_range_max?: number | null;
  remote_ip_prefix?: string | null;
  [k: string]: unknown;
}

/** A Neutron security group as the SG hooks receive it. */
export interface SecurityGroup {
  id: string;
  name?: string;
  rules: SecurityGroupRule[];
  [k: string]: unknown;
}

/** The process-wide options (`[ngs_coordination]`, `[ngs]`, docs/upstream.md#global-options). */
export interface NgsGlobalConfig {
  /** `[ngs_coordination] backend_url`: a secret (may hold credentials). */
  backendUrl?: string;
  /** `[ngs_coordination] acquire_timeout`, seconds; 0 = wait forever. Default 60. */
  acquireTimeoutS: number;
  /** `[ngs] session_log_file`. */
  sessionLogFile?: string;
  /** `[ngs] plugins`: when set, the only packages searched for device types. */
  plugins?: string[];
  /** `[ngs] plugin_dir`: npm prefixes operators install plugins into. */
  pluginDirs?: string[];
}

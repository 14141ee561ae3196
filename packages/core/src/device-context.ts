import type { Coordinator } from "./coordinator.js";
import type { GenericSwitchDevice } from "./device.js";
import type { Logger } from "./logging.js";
import type { NgsGlobalConfig, TrunkDetails } from "./types.js";

/** What the ML2 driver passes to add/delete network besides the VLAN. */
export interface NetworkOptions {
  /**
   * Every VLAN segment id on the switch's physnets, for device types with
   * `trunkVlansConverge` and trunk ports (upstream's `physnet_vlans`): the
   * trunk ports are written with exactly this set. Absent or null: only
   * the one VLAN is added or removed.
   */
  physnetVlans?: readonly number[] | null;
}

export interface PortOptions {
  trunkDetails?: TrunkDetails | null;
  /** Per-call default VLAN; `ngs_port_default_vlan` applies when absent. */
  defaultVlan?: number | string | null;
}

/** Runs a device's commands through the cross-process batch queue (etcd). */
export interface Batcher {
  doBatch(device: GenericSwitchDevice, commands: string[]): Promise<string>;
}

/** What the host hands every device besides its config section. */
export interface DeviceContext {
  /** Parent logger; the device logs through a child carrying `switch`. */
  logger?: Logger;
  global?: NgsGlobalConfig;
  /** Lock backend for PoolLock; absent = no cross-process locking (upstream without backend_url). */
  coordinator?: Coordinator;
  /** Required when `ngs_batch_requests` is on. */
  batcher?: Batcher;
}

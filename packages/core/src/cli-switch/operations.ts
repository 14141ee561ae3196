import type { PortOptions } from "../device.js";
import type { BindingProfile, CommandPlan, SecurityGroup, SubPort, TrunkDetails } from "../types.js";

export type VlanId = number | string;

/** Arguments of each operation, by method name (what `plan()` takes). */
export interface OperationArgs {
  addNetwork: { segmentationId: VlanId; networkId: string };
  delNetwork: { segmentationId: VlanId; networkId: string };
  plugPortToNetwork: { port: string; segmentationId: VlanId } & PortOptions;
  deletePort: { port: string; segmentationId: VlanId } & PortOptions;
  plugBondToNetwork: { bond: string; segmentationId: VlanId } & PortOptions;
  unplugBondFromNetwork: { bond: string; segmentationId: VlanId } & PortOptions;
  addSubportsOnTrunk: { bindingProfile: BindingProfile; portId: string; subports: SubPort[]; trunkDetails?: TrunkDetails | null };
  delSubportsOnTrunk: { bindingProfile: BindingProfile; portId: string; subports: SubPort[]; trunkDetails?: TrunkDetails | null };
  plugSwitchToNetwork: { vni: number | string; segmentationId: VlanId; physnet?: string | null };
  unplugSwitchFromNetwork: { vni: number | string; segmentationId: VlanId; physnet?: string | null };
  addSecurityGroup: { sg: SecurityGroup };
  updateSecurityGroup: { sg: SecurityGroup };
  delSecurityGroup: { sgId: string };
  bindSecurityGroup: { sg: SecurityGroup; portId: string; portIds: string[] };
  unbindSecurityGroup: { sgId: string; portId: string; portIds: string[] };
}
export type CliOperation = keyof OperationArgs;

/** Upstream's `check_output` operation strings. */
export const OPERATION_NAMES: Readonly<Record<CliOperation, string>> = {
  addNetwork: "add network",
  delNetwork: "delete network",
  plugPortToNetwork: "plug port",
  deletePort: "unplug port",
  plugBondToNetwork: "plug bond",
  unplugBondFromNetwork: "unplug bond",
  addSubportsOnTrunk: "add trunk subports",
  delSubportsOnTrunk: "delete trunk subports",
  plugSwitchToNetwork: "plug vni",
  unplugSwitchFromNetwork: "unplug vni",
  addSecurityGroup: "add security group",
  updateSecurityGroup: "update security group",
  delSecurityGroup: "delete security group",
  bindSecurityGroup: "bind security group",
  unbindSecurityGroup: "unbind security group",
};

/** The host-level changes and the templates whose absence makes them send nothing (for the refusal message). */
export const CHANGE_TEMPLATES: Partial<Record<CliOperation, string>> = {
  addNetwork: "ADD_NETWORK",
  delNetwork: "DELETE_NETWORK",
  plugPortToNetwork: "PLUG_PORT_TO_NETWORK",
  deletePort: "DELETE_PORT",
  plugBondToNetwork: "PLUG_BOND_TO_NETWORK",
  unplugBondFromNetwork: "UNPLUG_BOND_FROM_NETWORK",
  addSubportsOnTrunk: "ADD_NETWORK_TO_TRUNK / ADD_NETWORK_TO_BOND_TRUNK",
  delSubportsOnTrunk: "REMOVE_NETWORK_FROM_TRUNK / DELETE_NETWORK_ON_BOND_TRUNK",
};

/** A dry run's result: the commands, the save step, and read-only queries a vendor runs first. */
export interface CliCommandPlan extends CommandPlan {
  /** Commands run before the change whose answer may add to it (Brocade's port query). */
  queries: string[];
  /** Why nothing is sent on purpose (`ngs_manage_vlans = false`). */
  skipped?: string;
}

/** Port-level arguments after validation: VLANs are numbers, names are checked. */
export interface PortStep {
  name: string;
  segmentationId: number;
  trunkDetails: TrunkDetails | null;
  /** Per-call default VLAN, else `ngs_port_default_vlan`. */
  defaultVlan: number | undefined;
  subportVlans: number[];
}

/** Upstream's `is_802_3ad`: the binding profile describes an LACP bond. */
export function is8023ad(profile: BindingProfile | null | undefined): boolean {
  const mode = profile?.local_group_information?.bond_mode;
  return mode === "4" || mode === "802.3ad";
}

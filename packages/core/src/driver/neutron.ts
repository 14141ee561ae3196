/**
 * Neutron-shaped data the mechanism driver receives (docs/upstream.md#mechanism-driver). Keys
 * stay snake_case / `binding:*` because that is the wire shape a Neutron
 * host hands over; only our own interfaces are camelCase.
 */
import type { BindingProfile, TrunkDetails } from "../types.js";

export const VNIC_BAREMETAL = "baremetal";
/** `portbindings.VIF_TYPE_OTHER`: the vif type NGS binds with. */
export const VIF_TYPE_OTHER = "other";
export const PORT_STATUS_ACTIVE = "ACTIVE";
export const PORT_STATUS_DOWN = "DOWN";
/** The provisioning-block entity name upstream registers. */
export const GENERIC_SWITCH_ENTITY = "GENERICSWITCH";
/** `neutron_lib.api.definitions.portbindings.CONNECTIVITY_L2`. */
export const CONNECTIVITY_L2 = "l2";

export interface FixedIp {
  subnet_id?: string;
  ip_address?: string;
}

export interface NeutronPort {
  id: string;
  status?: string;
  network_id?: string;
  "binding:vnic_type"?: string;
  "binding:vif_type"?: string;
  "binding:host_id"?: string;
  "binding:profile"?: BindingProfile | null;
  fixed_ips?: FixedIp[];
  trunk_details?: TrunkDetails | null;
  security_groups?: string[];
  [k: string]: unknown;
}

export interface NeutronNetwork {
  id: string;
  name?: string;
  "provider:network_type"?: string | null;
  "provider:segmentation_id"?: number | string | null;
  "provider:physical_network"?: string | null;
  [k: string]: unknown;
}

export interface NeutronSegment {
  id: string;
  network_type: string;
  segmentation_id?: number | string | null;
  physical_network?: string | null;
  network_id?: string;
  [k: string]: unknown;
}

export interface NeutronSubnet {
  id: string;
  network_id?: string;
  segment_id?: string | null;
  cidr?: string;
  [k: string]: unknown;
}

/** ML2's NetworkContext, as much of it as the driver reads. */
export interface NetworkContext {
  readonly current: NeutronNetwork;
  readonly original?: NeutronNetwork | null;
}

export interface SubnetContext {
  readonly current: NeutronSubnet;
  readonly original?: NeutronSubnet | null;
}

/** ML2's PortContext, as much of it as the driver reads and calls. */
export interface PortContext {
  readonly current: NeutronPort;
  readonly original?: NeutronPort | null;
  /** The host the port is being bound for (`binding:host_id`); NGS does not use it. */
  readonly host?: string;
  readonly segmentsToBind?: readonly NeutronSegment[];
  readonly bottomBoundSegment?: NeutronSegment | null;
  readonly topBoundSegment?: NeutronSegment | null;
  readonly originalBottomBoundSegment?: NeutronSegment | null;
  readonly originalTopBoundSegment?: NeutronSegment | null;
  setBinding(segmentId: string, vifType: string, vifDetails: Record<string, unknown>): void;
}

/**
 * A plain PortContext for hosts and tests: `setBinding` records the binding,
 * and the bound segment becomes the bottom (and top) segment.
 */
export class SimplePortContext implements PortContext {
  current: NeutronPort;
  original: NeutronPort | null;
  host?: string;
  segmentsToBind: NeutronSegment[];
  bottomBoundSegment: NeutronSegment | null;
  topBoundSegment: NeutronSegment | null;
  originalBottomBoundSegment: NeutronSegment | null;
  originalTopBoundSegment: NeutronSegment | null;
  /** What `setBinding` was called with, if it was. */
  binding: { segmentId: string; vifType: string; vifDetails: Record<string, unknown> } | null = null;

  constructor(init: {
    current: NeutronPort;
    original?: NeutronPort | null;
    host?: string;
    segmentsToBind?: NeutronSegment[];
    bottomBoundSegment?: NeutronSegment | null;
    topBoundSegment?: NeutronSegment | null;
    originalBottomBoundSegment?: NeutronSegment | null;
    originalTopBoundSegment?: NeutronSegment | null;
  }) {
    this.current = init.current;
    this.original = init.original ?? null;
    if (init.host !== undefined) this.host = init.host;
    this.segmentsToBind = init.segmentsToBind ?? [];
    this.bottomBoundSegment = init.bottomBoundSegment ?? null;
    this.topBoundSegment = init.topBoundSegment ?? init.bottomBoundSegment ?? null;
    this.originalBottomBoundSegment = init.originalBottomBoundSegment ?? null;
    this.originalTopBoundSegment = init.originalTopBoundSegment ?? init.originalBottomBoundSegment ?? null;
  }

  setBinding(segmentId: string, vifType: string, vifDetails: Record<string, unknown>): void {
    this.binding = { segmentId, vifType, vifDetails };
    const seg = this.segmentsToBind.find((s) => s.id === segmentId) ?? null;
    this.bottomBoundSegment = seg;
    this.topBoundSegment = seg;
    this.current = { ...this.current, "binding:vif_type": vifType };
  }
}

import type { NeutronPort, NeutronSegment, NeutronSubnet } from "./neutron.js";

/**
 * What the mechanism driver needs from the program hosting it (Neutron's
 * plugin and provisioning-block API in upstream). `ngs` implements it in
 * memory; a real Neutron bridge would call the Neutron API.
 */
export interface DriverHost {
  getSubnet(subnetId: string): Promise<NeutronSubnet | null>;
  getPort(portId: string): Promise<NeutronPort | null>;
  updatePortStatus(portId: string, status: string): Promise<void>;
  /** `provisioning_blocks.add_provisioning_component` for a port. */
  addProvisioningComponent(portId: string, entity: string): Promise<void>;
  /** `provisioning_blocks.provisioning_complete` for a port. */
  provisioningComplete(portId: string, entity: string): Promise<void>;
  /**
   * Whether a segment still exists (L2VNI cleanup, LP#2144875). Optional:
   * without it the driver falls back to asking the switch whether the VLAN
   * still has ports.
   */
  segmentExists?(segment: NeutronSegment): Promise<boolean>;
  /**
   * Every VLAN segment id on these physnets (every physnet when the list is
   * empty): upstream's `_get_physnet_vlans` query, for switches whose device
   * type converges trunk VLANs. Optional: without it those switches get only
   * the one VLAN added or removed, as every other device type.
   */
  physnetVlans?(physnets: readonly string[]): Promise<number[]>;
}

/**
 * An in-memory DriverHost: ports and subnets in maps, provisioning blocks as
 * sets. What `ngs demo` and the tests use.
 */
export class MemoryDriverHost implements DriverHost {
  readonly ports = new Map<string, NeutronPort>();
  readonly subnets = new Map<string, NeutronSubnet>();
  readonly segments = new Map<string, NeutronSegment>();
  /** port id → entities still blocking it. */
  readonly provisioningBlocks = new Map<string, Set<string>>();
  /** Every provisioning_complete call, in order. */
  readonly completed: { portId: string; entity: string }[] = [];

  async getSubnet(subnetId: string): Promise<NeutronSubnet | null> {
    return this.subnets.get(subnetId) ?? null;
  }
  async getPort(portId: string): Promise<NeutronPort | null> {
    return this.ports.get(portId) ?? null;
  }
  async updatePortStatus(portId: string, status: string): Promise<void> {
    const p = this.ports.get(portId);
    if (p) this.ports.set(portId, { ...p, status });
    else this.ports.set(portId, { id: portId, status });
  }
  async addProvisioningComponent(portId: string, entity: string): Promise<void> {
    let s = this.provisioningBlocks.get(portId);
    if (!s) this.provisioningBlocks.set(portId, (s = new Set()));
    s.add(entity);
  }
  async provisioningComplete(portId: string, entity: string): Promise<void> {
    this.provisioningBlocks.get(portId)?.delete(entity);
    this.completed.push({ portId, entity });
  }
  async segmentExists(segment: NeutronSegment): Promise<boolean> {
    return this.segments.has(segment.id);
  }
  /** From `segments`: what a caller registered there is what Neutron's DB would hold. */
  async physnetVlans(physnets: readonly string[]): Promise<number[]> {
    const ids = new Set<number>();
    for (const s of this.segments.values()) {
      if (s.network_type !== "vlan" || !s.segmentation_id) continue;
      if (physnets.length > 0 && (s.physical_network == null || !physnets.includes(s.physical_network))) continue;
      ids.add(Number(s.segmentation_id));
    }
    return [...ids].sort((a, b) => a - b);
  }
}

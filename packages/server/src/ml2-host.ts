import type { DriverHost, NeutronPort, NeutronSubnet } from "@ngs/core";

export interface PortEntity {
  port_id: string;
  entity: string;
}

/** What one ML2 hook asks its Neutron host to do, in the order the host applies it. */
export interface Ml2Effects {
  binding: { segment_id: string; vif_type: string; vif_details: Record<string, unknown>; status: string | null } | null;
  provisioning_components: PortEntity[];
  port_status: { port_id: string; status: string }[];
  provisioning_complete: PortEntity[];
}

/**
 * The DriverHost of one HTTP request: queries are answered from what the
 * caller sent (the subnets of the port's fixed IPs, the subports' ports),
 * and every change the driver would make in Neutron is recorded, to be
 * returned and applied by the caller. Nothing here outlives the request.
 */
export class RequestDriverHost implements DriverHost {
  readonly effects: Ml2Effects = { binding: null, provisioning_components: [], port_status: [], provisioning_complete: [] };
  private readonly subnets: Map<string, NeutronSubnet>;
  private readonly ports: Map<string, NeutronPort>;

  constructor(known: { subnets?: readonly NeutronSubnet[]; ports?: readonly NeutronPort[]; physnetVlans?: Readonly<Record<string, readonly number[]>> } = {}) {
    this.subnets = new Map((known.subnets ?? []).map((s) => [s.id, s]));
    this.ports = new Map((known.ports ?? []).map((p) => [p.id, p]));
    // Only a caller that sent the VLANs can answer the query; without it converging switches change the one VLAN.
    const byPhysnet = known.physnetVlans;
    if (byPhysnet) {
      this.physnetVlans = async (physnets) => {
        const keys = physnets.length ? physnets.filter((p) => Object.hasOwn(byPhysnet, p)) : Object.keys(byPhysnet);
        return [...new Set(keys.flatMap((p) => byPhysnet[p]!))].sort((a, b) => a - b);
      };
    }
  }

  physnetVlans?: (physnets: readonly string[]) => Promise<number[]>;

  async getSubnet(subnetId: string): Promise<NeutronSubnet | null> {
    return this.subnets.get(subnetId) ?? null;
  }
  async getPort(portId: string): Promise<NeutronPort | null> {
    return this.ports.get(portId) ?? null;
  }
  async updatePortStatus(portId: string, status: string): Promise<void> {
    this.effects.port_status.push({ port_id: portId, status });
  }
  async addProvisioningComponent(portId: string, entity: string): Promise<void> {
    this.effects.provisioning_components.push({ port_id: portId, entity });
  }
  async provisioningComplete(portId: string, entity: string): Promise<void> {
    this.effects.provisioning_complete.push({ port_id: portId, entity });
  }

  /** PortContext.setBinding lands here (Neutron's `set_binding` has a status argument the driver leaves unset). */
  recordBinding(segmentId: string, vifType: string, vifDetails: Record<string, unknown>): void {
    this.effects.binding = { segment_id: segmentId, vif_type: vifType, vif_details: vifDetails, status: null };
  }
}

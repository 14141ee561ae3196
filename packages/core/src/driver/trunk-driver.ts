import { PORT_STATUS_ACTIVE, type NeutronPort, type NeutronSegment } from "./neutron.js";
import type { BindingProfile, SubPort } from "../types.js";
import type { GenericSwitchDriver } from "./mech-driver.js";
import { isPortSupported, linksOf } from "./ports.js";
import { getSwitchDevice, type DriverSwitch } from "./switches.js";

/**
 * The trunk driver (upstream's `GenericSwitchTrunkDriver`): adds and removes
 * subport VLANs on the parent port's links when subports change.
 */
export class GenericSwitchTrunkDriver {
  static readonly driverName = "genericswitch";
  static readonly interfaces = ["other", "vhostuser"] as const;
  static readonly segmentationTypes = ["vlan"] as const;
  static readonly canTrunkBoundPort = true;

  constructor(private readonly mech: GenericSwitchDriver) {}

  async subportsAdded(parent: NeutronPort, subports: SubPort[]): Promise<void> {
    const touched = await this.onEachLink(parent, (device, profile, portId) =>
      device.addSubportsOnTrunk(profile, portId, subports, parent.trunk_details ?? null),
    );
    if (!touched) return;
    for (const sub of subports) {
      if (!sub.port_id) continue;
      const subPort = await this.mech.host.getPort(sub.port_id);
      await this.configureL2vniForSubport(parent, subPort, sub);
      if (subPort?.status !== PORT_STATUS_ACTIVE) await this.mech.host.updatePortStatus(sub.port_id, PORT_STATUS_ACTIVE);
    }
  }

  async subportsDeleted(parent: NeutronPort, subports: SubPort[]): Promise<void> {
    const touched = await this.onEachLink(parent, (device, profile, portId) =>
      device.delSubportsOnTrunk(profile, portId, subports, parent.trunk_details ?? null),
    );
    if (!touched) return;
    for (const sub of subports) {
      if (!sub.port_id) continue;
      const subPort = await this.mech.host.getPort(sub.port_id);
      await this.cleanupL2vniForSubport(parent, subPort, sub);
    }
  }

  /**
   * Apply a change on every link of a supported parent whose switch is
   * configured, in order. False when the parent is not ours (not baremetal,
   * no link information): then nothing else happens either.
   */
  private async onEachLink(
    parent: NeutronPort,
    apply: (device: DriverSwitch, profile: BindingProfile, portId: string) => Promise<unknown>,
  ): Promise<boolean> {
    const profile = parent["binding:profile"];
    const links = linksOf(parent);
    if (!isPortSupported(parent) || !profile || links.length === 0) return false;
    for (const link of links) {
      const found = getSwitchDevice(this.mech.switches, link);
      if (found) await apply(found.device, profile, link.port_id);
    }
    return true;
  }

  /** Subports carrying `binding:profile.vni` get the VNI mapped like a port (LP#2144396). */
  private vniSegments(subPort: NeutronPort | null, sub: SubPort): [NeutronSegment, NeutronSegment] | null {
    const p = subPort?.["binding:profile"];
    if (!p?.vni) return null;
    const physnet = p.physical_network ?? null;
    return [
      { id: `${p.segment_id ?? sub.port_id}-vxlan`, network_type: "vxlan", segmentation_id: p.vni },
      { id: String(p.segment_id ?? sub.port_id), network_type: "vlan", segmentation_id: sub.segmentation_id, physical_network: physnet },
    ];
  }

  private async configureL2vniForSubport(parent: NeutronPort, subPort: NeutronPort | null, sub: SubPort): Promise<void> {
    const segs = this.vniSegments(subPort, sub);
    if (!segs) return;
    for (const link of linksOf(parent)) {
      const found = getSwitchDevice(this.mech.switches, link);
      if (found) await this.mech.configureL2vniIfNeeded(found.name, found.device, segs[0], segs[1]);
    }
  }

  private async cleanupL2vniForSubport(parent: NeutronPort, subPort: NeutronPort | null, sub: SubPort): Promise<void> {
    const segs = this.vniSegments(subPort, sub);
    if (!segs) return;
    for (const link of linksOf(parent)) {
      const found = getSwitchDevice(this.mech.switches, link);
      if (found) await this.mech.cleanupL2vniIfNeeded(found.name, found.device, segs[0], segs[1]);
    }
  }
}

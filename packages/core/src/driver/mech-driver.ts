import { trunkNotSupported } from "../device.js";
import { GenericSwitchConfigException } from "../errors.js";
import { defaultLogger, type Logger } from "../logging.js";
import { validatePortName } from "../validation.js";
import type { DriverHost } from "./host.js";
import {
  CONNECTIVITY_L2,
  GENERIC_SWITCH_ENTITY,
  PORT_STATUS_ACTIVE,
  VIF_TYPE_OTHER,
  type NetworkContext,
  type NeutronPort,
  type NeutronSegment,
  type NeutronSubnet,
  type PortContext,
  type SubnetContext,
} from "./neutron.js";
import { getSwitchDevice, type DriverSwitch, type SwitchMap } from "./switches.js";
import { GenericSwitchTrunkDriver } from "./trunk-driver.js";
import { isLacp, isPortBound, isPortSupported, linksOf } from "./ports.js";

export interface GenericSwitchDriverOptions {
  host: DriverHost;
  /** The configured switches, or how to load them (called once by `initialize`). */
  switches: SwitchMap | (() => Promise<SwitchMap>);
  logger?: Logger;
}

/**
 * The ML2 mechanism driver (upstream's `GenericSwitchDriver`). Every hook of
 * the ML2 API exists; the ones upstream leaves empty are empty here too.
 * Binding never touches a switch; `updatePortPostcommit` plugs.
 */
export class GenericSwitchDriver {
  readonly host: DriverHost;
  readonly vifDetails = { connectivity: CONNECTIVITY_L2 };
  readonly connectivity = CONNECTIVITY_L2;
  trunkDriver: GenericSwitchTrunkDriver | undefined;
  private readonly source: SwitchMap | (() => Promise<SwitchMap>);
  private loaded: SwitchMap | undefined;
  private readonly log: Logger;

  constructor(opts: GenericSwitchDriverOptions) {
    this.host = opts.host;
    this.source = opts.switches;
    this.log = (opts.logger ?? defaultLogger()).child({ component: "genericswitch" });
  }

  get switches(): SwitchMap {
    if (!this.loaded) throw new Error("GenericSwitchDriver: call initialize() before using the driver");
    return this.loaded;
  }

  async initialize(): Promise<void> {
    this.loaded = typeof this.source === "function" ? await this.source() : this.source;
    if (this.loaded.size === 0) this.log.error("No devices have been loaded");
    this.trunkDriver = new GenericSwitchTrunkDriver(this);
  }

  // ---- networks -------------------------------------------------------

  async createNetworkPrecommit(_context: NetworkContext): Promise<void> {}
  async updateNetworkPrecommit(_context: NetworkContext): Promise<void> {}
  async updateNetworkPostcommit(_context: NetworkContext): Promise<void> {}
  async deleteNetworkPrecommit(_context: NetworkContext): Promise<void> {}

  /** Add the VLAN on every switch of the physnet; the first failure is raised (Neutron rolls back). */
  async createNetworkPostcommit(context: NetworkContext): Promise<void> {
    const net = context.current;
    const seg = net["provider:segmentation_id"];
    if (net["provider:network_type"] !== "vlan" || !seg) return;
    const physnetVlans = this.physnetVlansQuery();
    for (const [name, sw] of this.switchesOnPhysnet(net["provider:physical_network"])) {
      try {
        const options = await physnetVlans(sw);
        await (options ? sw.addNetwork(seg, net.id, options) : sw.addNetwork(seg, net.id));
      } catch (err) {
        this.log.error({ switch: name, network: net.id, err }, `Failed to create network ${net.id} on device: ${name}`);
        throw err;
      }
      this.log.info({ switch: name, network: net.id }, `Network ${net.id} has been added on device ${name}`);
    }
  }

  /** Delete the VLAN on every switch of the physnet; keep going on errors, then raise the last. */
  async deleteNetworkPostcommit(context: NetworkContext): Promise<void> {
    const net = context.current;
    const seg = net["provider:segmentation_id"];
    if (net["provider:network_type"] !== "vlan" || !seg) return;
    let error: unknown;
    let failed = false;
    const physnetVlans = this.physnetVlansQuery();
    for (const [name, sw] of this.switchesOnPhysnet(net["provider:physical_network"])) {
      try {
        const options = await physnetVlans(sw);
        await (options ? sw.delNetwork(seg, net.id, options) : sw.delNetwork(seg, net.id));
        this.log.info({ switch: name, network: net.id }, `Network ${net.id} has been deleted on device ${name}`);
      } catch (err) {
        failed = true;
        error = err;
        this.log.error({ switch: name, network: net.id, err }, `Failed to delete network ${net.id} on device: ${name}`);
      }
    }
    if (failed) throw error;
  }

  // ---- subnets (nothing to do) -----------------------------------------

  async createSubnetPrecommit(_context: SubnetContext): Promise<void> {}
  async createSubnetPostcommit(_context: SubnetContext): Promise<void> {}
  async updateSubnetPrecommit(_context: SubnetContext): Promise<void> {}
  async updateSubnetPostcommit(_context: SubnetContext): Promise<void> {}
  async deleteSubnetPrecommit(_context: SubnetContext): Promise<void> {}
  async deleteSubnetPostcommit(_context: SubnetContext): Promise<void> {}

  // ---- ports ----------------------------------------------------------

  async createPortPrecommit(_context: PortContext): Promise<void> {}
  async createPortPostcommit(_context: PortContext): Promise<void> {}
  async updatePortPrecommit(_context: PortContext): Promise<void> {}
  async deletePortPrecommit(_context: PortContext): Promise<void> {}

  /**
   * Bind a baremetal port with link information to the first usable
   * segment. Never touches a switch: every link must resolve to a
   * configured switch on the segment's physnet that allows the port/VLAN,
   * or nothing is bound.
   */
  async bindPort(context: PortContext): Promise<void> {
    const port = context.current;
    const links = linksOf(port);
    if (!isPortSupported(port) || links.length === 0) return;

    const subnets: NeutronSubnet[] = [];
    for (const ip of port.fixed_ips ?? []) {
      if (!ip.subnet_id) continue;
      const subnet = await this.host.getSubnet(ip.subnet_id);
      if (subnet) subnets.push(subnet);
    }
    const candidates = context.segmentsToBind ?? [];
    const segments =
      subnets.length > 0
        ? candidates.filter((seg) => subnets.some((sn) => sn.segment_id == null || sn.segment_id === seg.id))
        : candidates;
    const segment = segments[0];
    if (!segment) {
      this.log.warn({ port: port.id }, `No segment of port ${port.id} matches its subnets; not binding`);
      return;
    }
    if (!this.isLinkValid(port, segment)) return;

    context.setBinding(segment.id, VIF_TYPE_OTHER, {});
    await this.host.addProvisioningComponent(port.id, GENERIC_SWITCH_ENTITY);
  }

  /**
   * Plug a bound, not yet ACTIVE port into its bottom segment on every link;
   * or, when the port was just unbound, unplug it using the original binding.
   */
  async updatePortPostcommit(context: PortContext): Promise<void> {
    const port = context.current;
    if (isPortBound(port)) {
      const links = linksOf(port);
      const segment = context.bottomBoundSegment;
      // ACTIVE means we already plugged it: provisioning_complete triggers this hook again.
      if (links.length === 0 || port.status === PORT_STATUS_ACTIVE || !segment) return;
      if (!this.isLinkValid(port, segment)) return;
      const lacp = isLacp(port);
      const trunk = port.trunk_details ?? undefined;
      // isLinkValid guarantees every link resolves.
      const targets = links.map((link) => ({ link, ...getSwitchDevice(this.switches, link)! }));
      // Refuse an unsupported trunk before touching any switch, so nothing is half-plugged.
      if (trunk) for (const t of targets) this.checkTrunkSupport(t.name, t.device, lacp);
      for (const { link, name, device } of targets) {
        const seg = segment.segmentation_id || 1;
        await this.configureL2vniIfNeeded(name, device, context.topBoundSegment, segment);
        const opts = trunk ? { trunkDetails: trunk } : {};
        try {
          if (lacp) await device.plugBondToNetwork(link.port_id, seg, opts);
          else await device.plugPortToNetwork(link.port_id, seg, opts);
        } catch (err) {
          this.log.error({ switch: name, port: port.id, err }, `Failed to plug port ${port.id} into network ${segment.network_id ?? ""} on device ${name}`);
          throw err;
        }
        this.log.info(
          { switch: name, port: port.id, link: link.port_id, vlan: seg },
          `Successfully plugged port ${port.id} into segmentation ${seg} on device ${name}`,
        );
      }
      await this.host.provisioningComplete(port.id, GENERIC_SWITCH_ENTITY);
      for (const sub of trunk?.sub_ports ?? []) {
        if (sub.port_id) await this.host.updatePortStatus(sub.port_id, PORT_STATUS_ACTIVE);
      }
    } else if (context.original && isPortBound(context.original)) {
      // Unbinding drops the link information; unplug now while we still have it.
      await this.unplugPortFromSegment(
        context.original,
        context.originalBottomBoundSegment ?? null,
        context.originalTopBoundSegment ?? null,
      );
    }
  }

  async deletePortPostcommit(context: PortContext): Promise<void> {
    const port = context.current;
    if (!isPortBound(port)) return;
    await this.unplugPortFromSegment(port, context.bottomBoundSegment ?? null, context.topBoundSegment ?? null);
  }

  // ---- helpers shared with the trunk driver -----------------------------

  /**
   * Upstream's `physnet_vlans` for one network hook: for a switch whose type
   * converges trunk VLANs and that has trunk ports, every VLAN on its
   * physnets (asked of the host once per physnet set); else nothing, and
   * the switch adds or removes the one VLAN.
   */
  private physnetVlansQuery(): (sw: DriverSwitch) => Promise<{ physnetVlans: number[] } | undefined> {
    const cache = new Map<string, Promise<number[]>>();
    return async (sw) => {
      if (!sw.trunkVlansConverge || !sw.trunkPorts?.length || !this.host.physnetVlans) return undefined;
      const physnets = [...new Set(sw.physicalNetworks)].sort();
      const key = JSON.stringify(physnets);
      let vlans = cache.get(key);
      if (!vlans) cache.set(key, (vlans = this.host.physnetVlans(physnets)));
      return { physnetVlans: await vlans };
    };
  }

  /** Switches whose `ngs_physical_networks` is empty or contains `physnet`. */
  switchesOnPhysnet(physnet: string | null | undefined): [string, DriverSwitch][] {
    return [...this.switches].filter(
      ([, sw]) => sw.physicalNetworks.length === 0 || (physnet != null && sw.physicalNetworks.includes(physnet)),
    );
  }

  /** Every link resolves, is on the segment's physnet and passes the allow lists. */
  isLinkValid(port: NeutronPort, segment: NeutronSegment): boolean {
    for (const link of linksOf(port)) {
      const found = getSwitchDevice(this.switches, link);
      const device = link.switch_info ?? link.switch_id;
      if (!found) {
        this.log.error(
          { port: port.id, device },
          `Cannot bind port ${port.id} as device ${device} is not configured. Check baremetal port link configuration.`,
        );
        return false;
      }
      const physnet = segment.physical_network;
      const physnets = found.device.physicalNetworks;
      if (physnets.length > 0 && (physnet == null || !physnets.includes(physnet))) {
        this.log.error(
          { port: port.id, switch: found.name, physnet },
          `Cannot bind port ${port.id} as device ${found.name} is not on physical network ${physnet}. Check baremetal port link configuration.`,
        );
        return false;
      }
      try {
        validatePortName(link.port_id, { shell: false, what: "local_link_information port_id" });
      } catch (err) {
        // A newline or shell metacharacter in a port id is an injection attempt, not a port.
        this.log.error({ port: port.id, switch: found.name, err }, `Cannot bind port ${port.id}: ${(err as Error).message}`);
        return false;
      }
      const seg = segment.segmentation_id || 1;
      if (!found.device.isAllowed(link.port_id, seg)) {
        this.log.warn(
          { port: port.id, switch: found.name, link: link.port_id, vlan: seg },
          `Skipping port ${link.port_id} on device ${found.name} as it is not allowed to be configured with VLAN ${seg}`,
        );
        return false;
      }
    }
    return true;
  }

  private checkTrunkSupport(name: string, device: DriverSwitch, lacp: boolean): void {
    const refused = trunkNotSupported(device, name, lacp);
    if (refused) throw refused;
  }

  private async unplugPortFromSegment(
    port: NeutronPort,
    segment: NeutronSegment | null,
    topSegment: NeutronSegment | null,
  ): Promise<void> {
    const lacp = isLacp(port);
    for (const link of linksOf(port)) {
      const found = getSwitchDevice(this.switches, link);
      if (!found) continue;
      const { name, device } = found;
      const seg = segment?.segmentation_id || 1;
      // Upstream unplugs a trunk parent without its trunk details, which leaves
      // the native VLAN configured on the port (inactive until someone makes it
      // a trunk again). Passing them undoes the native VLAN and any subports.
      const trunkDetails = this.trunkDetailsToUndo(port, device, lacp);
      const options = trunkDetails ? { trunkDetails } : undefined;
      try {
        if (lacp) await device.unplugBondFromNetwork(link.port_id, seg, options);
        else await device.deletePort(link.port_id, seg, options);
        this.log.info(
          { switch: name, port: port.id, link: link.port_id, vlan: seg },
          `Successfully unplugged port ${port.id} from segmentation ${seg} on device ${name}`,
        );
      } catch (err) {
        this.log.error({ switch: name, port: port.id, err }, `Failed to unplug port ${port.id} on device ${name}`);
        throw err;
      }
      await this.cleanupL2vniIfNeeded(name, device, topSegment, segment);
    }
  }

  private trunkDetailsToUndo(port: NeutronPort, device: DriverSwitch, lacp: boolean): NeutronPort["trunk_details"] | undefined {
    const details = port.trunk_details;
    if (!details) return undefined;
    return (lacp ? device.supportTrunkOnBondPorts : device.supportTrunkOnPorts) ? details : undefined;
  }

  // ---- L2VNI (docs/upstream.md#mechanism-driver) ---------------------------------------------

  private isL2vni(top: NeutronSegment | null | undefined, bottom: NeutronSegment | null | undefined): boolean {
    return top?.network_type === "vxlan" && bottom?.network_type === "vlan";
  }

  async configureL2vniIfNeeded(
    name: string,
    device: DriverSwitch,
    top: NeutronSegment | null | undefined,
    bottom: NeutronSegment | null | undefined,
  ): Promise<void> {
    if (!this.isL2vni(top, bottom)) return;
    const vni = top?.segmentation_id;
    const vlan = bottom?.segmentation_id;
    if (!vni || !vlan)
      throw new GenericSwitchConfigException({
        message: `L2VNI binding on device ${name} needs both a VNI (top segment) and a VLAN (bottom segment); got vni=${vni ?? "None"}, vlan=${vlan ?? "None"}`,
      });
    await this.ensureVni(name, device, vni, vlan, bottom?.physical_network ?? null);
  }

  /** Map VNI → VLAN unless the switch already has it (idempotent across ports). */
  async ensureVni(name: string, device: DriverSwitch, vni: number | string, vlan: number | string, physnet: string | null): Promise<void> {
    if (!device.supportsL2vni || !device.plugSwitchToNetwork) {
      this.log.warn({ switch: name, vni, vlan }, `Device ${name} does not support L2VNI; not mapping VNI ${vni} to VLAN ${vlan}`);
      return;
    }
    if (device.vlanHasVni && (await device.vlanHasVni(vlan, vni))) return;
    await device.plugSwitchToNetwork(vni, vlan, physnet);
  }

  async cleanupL2vniIfNeeded(
    name: string,
    device: DriverSwitch,
    top: NeutronSegment | null | undefined,
    bottom: NeutronSegment | null | undefined,
  ): Promise<void> {
    if (!top || !bottom || !this.isL2vni(top, bottom)) return;
    const vni = top.segmentation_id;
    const vlan = bottom.segmentation_id;
    if (!vni || !vlan || !device.supportsL2vni || !device.unplugSwitchFromNetwork) return;
    try {
      // Hybrid check (LP#2144875): a segment that is gone is unmapped; else only a VLAN without ports.
      const exists = this.host.segmentExists ? await this.host.segmentExists(bottom) : true;
      if (exists && device.vlanHasPorts && (await device.vlanHasPorts(vlan))) return;
      await device.unplugSwitchFromNetwork(vni, vlan, bottom.physical_network ?? null);
    } catch (err) {
      this.log.error({ switch: name, vni, vlan, err }, `Failed to remove VNI ${vni} mapping for VLAN ${vlan} on device ${name}`);
    }
  }
}

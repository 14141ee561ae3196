import {
  GenericSwitchDevice,
  GenericSwitchNetconfConnectError,
  GenericSwitchNetconfError,
  InProcessCoordinator,
  OPERATION_NAMES,
  PoolLock,
  validateVlanId,
  type BindingProfile,
  type CliOperation,
  type NetworkOptions,
  type OperationArgs,
  type PortOptions,
  type SubPort,
  type TrunkDetails,
} from "@ngs/core/device-kit";
import { lockAndConfigure, type ApplyContext } from "./apply-edit.js";
import { chooseTarget, processCapabilities, type Datastore } from "./capabilities.js";
import type { NetconfClient } from "./client.js";
import type { ConfigEdit } from "./edit.js";
import { OPENCONFIG_OPTIONS, portIdMapper, validateInterfaceName, validateVlanName, type OpenConfigOptions } from "./options.js";
import { planAddNetwork, planAddSubports, planDeletePort, planDelNetwork, planDelSubports, planPlugPort, type PlanSettings, type TrunkState } from "./plan.js";
import { withRetry, type NetconfRetry } from "./retry.js";
import { saveSteps } from "./save-steps.js";
import { openNetconfClient } from "./session.js";
import { configDocument, editContent } from "./xml.js";

/** What one operation sends: the edit and, for a dry run, its upstream name. */
export interface NetconfPlan {
  operation: string;
  /** The `<config>` document of the edit-config; empty when there is nothing to send. */
  commands: string[];
  /** The RPCs that make it stick, as far as known before the hello. */
  save: string[];
  skipped?: string;
}

// The retry policy, the change's RPC sequence and its error mapping live in
// their own modules; this one still exports the policy's type (`./openconfig`).
export type { NetconfRetry } from "./retry.js";

let processCoordinator: InProcessCoordinator | undefined;

/**
 * `netconf_openconfig`: OpenConfig VLAN and switched-vlan data over NETCONF
 * (upstream's NetconfSwitch + OpenConfig mixin). Each change opens a session
 * under the switch's PoolLock, locks the target datastore and sends one
 * edit-config; see the package README for the RPC sequence.
 */
export default class NetconfOpenConfigSwitch extends GenericSwitchDevice {
  static override readonly options = OPENCONFIG_OPTIONS;
  declare readonly options: OpenConfigOptions;

  /** Speaks NETCONF, not an SSH CLI: `ngs sim` and `ngs demo` serve it with the simulator's NETCONF server. */
  static readonly transport = "netconf";

  /** Upstream's tenacity policy for `lock-denied` and `operation-failed`. */
  retry: NetconfRetry = { attempts: 10, minMs: 2000, maxMs: 5000 };

  readonly mapPort: (port: string) => string;

  constructor(...args: ConstructorParameters<typeof GenericSwitchDevice>) {
    super(...args);
    this.mapPort = portIdMapper(this.ngsConfig.portIdReSub);
  }

  get networkInstance(): string {
    return this.options.ngs_openconfig_network_instance;
  }
  /** `ngs_netconf_save_config`'s content (inside `<config>`), if set. */
  get saveConfigContent(): string | undefined {
    return this.options.ngs_netconf_save_config;
  }

  /** The trunk ports as the switch names them: each a port name before and after `ngs_port_id_re_sub`. */
  protected override configProblems(): string[] {
    const problems = super.configProblems();
    const map = portIdMapper(this.ngsConfig.portIdReSub);
    for (const p of this.ngsConfig.trunkPorts) {
      try {
        validateInterfaceName(p, "ngs_trunk_ports entry");
        if (map(p) !== p) validateInterfaceName(map(p), "ngs_trunk_ports entry (after ngs_port_id_re_sub)");
      } catch (e) {
        problems.push(`ngs_trunk_ports: ${(e as Error).message}`);
        break;
      }
    }
    return problems;
  }

  override get supportTrunkOnPorts(): boolean {
    return true;
  }
  override get trunkVlansConverge(): boolean {
    return true;
  }

  // ---- planning (pure; also what a dry run shows) --------------------

  private settings(): PlanSettings {
    return {
      networkInstance: this.networkInstance,
      trunkPorts: this.trunkPorts.map((p) => this.port(p, "ngs_trunk_ports entry")),
      disableInactivePorts: this.disableInactivePorts,
    };
  }

  /** A port from a caller, mapped by `ngs_port_id_re_sub` and checked (before and after). */
  private port(p: string, what = "port name"): string {
    validateInterfaceName(p, what);
    const mapped = this.mapPort(p);
    return mapped === p ? p : validateInterfaceName(mapped, `${what} (after ngs_port_id_re_sub)`);
  }

  private vlan(v: number | string, what = "segmentation id"): number {
    return validateVlanId(v, what);
  }

  private refuseNotAllowed(port: string | undefined, vlans: readonly number[]): void {
    const refused = this.notAllowed(port, vlans);
    if (refused) throw refused;
  }

  private defaultVlan(options?: PortOptions): number | undefined {
    const v = options?.defaultVlan ?? this.portDefaultVlan;
    return v == null || v === "" ? undefined : this.vlan(v, "default VLAN");
  }

  private trunkVlans(details: TrunkDetails | null | undefined): number[] | undefined {
    if (!details) return undefined;
    return (details.sub_ports ?? []).map((s) => this.vlan(s.segmentation_id, "subport segmentation id"));
  }

  private trunkState(details: TrunkDetails | null | undefined): TrunkState | undefined {
    if (!details) return undefined;
    const native = details.segmentation_id;
    return { ...(native ? { nativeVlan: this.vlan(native, "trunk segmentation id") } : {}), vlans: this.trunkVlans(details)! };
  }

  /** The edit an operation sends, from validated input; undefined when it sends nothing. */
  edit<K extends CliOperation>(op: K, args: OperationArgs[K]): ConfigEdit | undefined {
    const s = this.settings();
    const a = args as Record<string, unknown>;
    switch (op) {
      case "addNetwork": {
        const vlan = this.vlan(a.segmentationId as number);
        const name = validateVlanName(this.formatNetworkName(a.networkId as string, vlan));
        if (this.skipReason(op)) return undefined;
        return planAddNetwork(s, { vlan, name, physnetVlans: this.physnetVlans(a as NetworkOptions) });
      }
      case "delNetwork": {
        const vlan = this.vlan(a.segmentationId as number);
        this.formatNetworkName(a.networkId as string, vlan); // checks the network id, as add does
        if (this.skipReason(op)) return undefined;
        return planDelNetwork(s, { vlan, physnetVlans: this.physnetVlans(a as NetworkOptions) });
      }
      case "plugPortToNetwork":
      case "plugBondToNetwork": {
        const raw = (a.port ?? a.bond) as string;
        const port = this.port(raw);
        const vlan = this.vlan(a.segmentationId as number);
        const trunkVlans = this.trunkVlans(a.trunkDetails as TrunkDetails | undefined);
        const defaultVlan = this.defaultVlan(a as PortOptions);
        this.refuseNotAllowed(raw, [vlan, ...(trunkVlans ?? [])]);
        return planPlugPort(s, { port, vlan, trunkVlans: trunkVlans ?? null, defaultVlan: defaultVlan ?? null });
      }
      case "deletePort":
      case "unplugBondFromNetwork": {
        const raw = (a.port ?? a.bond) as string;
        const port = this.port(raw);
        const vlan = this.vlan(a.segmentationId as number);
        const dv = this.defaultVlan(a as PortOptions);
        this.refuseNotAllowed(raw, [vlan]);
        const defaultVlan = dv === undefined ? null : { vlan: dv, name: validateVlanName(this.formatNetworkName(dv, dv)) };
        return planDeletePort(s, { port, defaultVlan });
      }
      case "addSubportsOnTrunk":
      case "delSubportsOnTrunk": {
        const raw = a.portId as string;
        const port = this.port(raw);
        const vlans = (a.subports as SubPort[]).map((sp) => this.vlan(sp.segmentation_id, "subport segmentation id"));
        const trunk = this.trunkState(a.trunkDetails as TrunkDetails | null | undefined);
        this.refuseNotAllowed(raw, vlans);
        return op === "addSubportsOnTrunk" ? planAddSubports(s, { port, vlans, trunk: trunk ?? null }) : planDelSubports(s, { port, vlans, trunk: trunk ?? null });
      }
      default:
        throw this.notSupported(OPERATION_NAMES[op] ?? op, "The netconf_openconfig device type has no such operation.");
    }
  }

  private physnetVlans(o: NetworkOptions): number[] | null {
    if (!o.physnetVlans) return null;
    return o.physnetVlans.map((v) => this.vlan(v, "physnet VLAN"));
  }

  /** What an operation would send (`ngs … --dry-run`): the `<config>` document and the RPCs after it. */
  plan<K extends CliOperation>(op: K, args: OperationArgs[K]): NetconfPlan {
    const operation = OPERATION_NAMES[op] ?? op;
    const edit = this.edit(op, args);
    const skipped = this.skipReason(op);
    if (!edit || edit.empty) return { operation, commands: [], save: [], ...(skipped ? { skipped } : {}) };
    return { operation, commands: [configDocument(edit)], save: saveSteps(this, this.ngsConfig.netconfTarget) };
  }

  // ---- operations -----------------------------------------------------

  async addNetwork(segmentationId: number | string, networkId: string, options: NetworkOptions = {}): Promise<void> {
    await this.send(this.edit("addNetwork", { segmentationId, networkId, ...options } as OperationArgs["addNetwork"]));
  }
  async delNetwork(segmentationId: number | string, networkId: string, options: NetworkOptions = {}): Promise<void> {
    await this.send(this.edit("delNetwork", { segmentationId, networkId, ...options } as OperationArgs["delNetwork"]));
  }
  async plugPortToNetwork(port: string, segmentationId: number | string, options: PortOptions = {}): Promise<void> {
    await this.send(this.edit("plugPortToNetwork", { port, segmentationId, ...options }));
  }
  async deletePort(port: string, segmentationId: number | string, options: PortOptions = {}): Promise<void> {
    await this.send(this.edit("deletePort", { port, segmentationId, ...options }));
  }
  /** Upstream's base falls back to the port operations with the bond's name. */
  async plugBondToNetwork(bond: string, segmentationId: number | string, options: PortOptions = {}): Promise<void> {
    await this.send(this.edit("plugBondToNetwork", { bond, segmentationId, ...options }));
  }
  async unplugBondFromNetwork(bond: string, segmentationId: number | string, options: PortOptions = {}): Promise<void> {
    await this.send(this.edit("unplugBondFromNetwork", { bond, segmentationId, ...options }));
  }
  async addSubportsOnTrunk(bindingProfile: BindingProfile, portId: string, subports: SubPort[], trunkDetails?: TrunkDetails | null): Promise<void> {
    await this.send(this.edit("addSubportsOnTrunk", { bindingProfile, portId, subports, trunkDetails: trunkDetails ?? null }));
  }
  async delSubportsOnTrunk(bindingProfile: BindingProfile, portId: string, subports: SubPort[], trunkDetails?: TrunkDetails | null): Promise<void> {
    await this.send(this.edit("delSubportsOnTrunk", { bindingProfile, portId, subports, trunkDetails: trunkDetails ?? null }));
  }

  // Security groups: upstream's NETCONF device accepts and ignores them.
  override async addSecurityGroup(): Promise<void> {}
  override async updateSecurityGroup(): Promise<void> {}
  override async delSecurityGroup(): Promise<void> {}
  override async bindSecurityGroup(): Promise<void> {}
  override async unbindSecurityGroup(): Promise<void> {}

  // ---- the NETCONF exchange ------------------------------------------------

  /** Open a session (tests and subclasses may replace it). */
  protected openClient(): Promise<NetconfClient> {
    return openNetconfClient(this, this.logger);
  }

  /**
   * `ngs check`: open a session, read the hello and say which datastore a
   * change would use; changes nothing. Returns the host key to pin.
   */
  async check(): Promise<{ hostKeyFingerprint?: string; target: Datastore }> {
    const client = await this.connect();
    try {
      const target = this.target(processCapabilities(client.capabilities));
      return { ...(client.hostKeyFingerprint ? { hostKeyFingerprint: client.hostKeyFingerprint } : {}), target };
    } finally {
      await client.close().catch(() => undefined);
    }
  }

  private async connect(): Promise<NetconfClient> {
    try {
      return await this.openClient();
    } catch (e) {
      if (e instanceof GenericSwitchNetconfConnectError) throw e;
      throw new GenericSwitchNetconfConnectError({ device: this.deviceName, error: (e as Error).message, cause: e });
    }
  }

  private target(caps: ReadonlySet<string>): Datastore {
    const target = chooseTarget(this.ngsConfig.netconfTarget, caps);
    if (!target) {
      throw new GenericSwitchNetconfError({
        device: this.deviceName,
        error: "the switch advertises neither :candidate nor :writable-running; nothing was sent. Set ngs_netconf_target if it does support one of them.",
      });
    }
    return target;
  }

  private async send(edit: ConfigEdit | undefined): Promise<void> {
    if (!edit || edit.empty) return;
    const content = editContent(edit);
    const lock = new PoolLock(this.coordinator ?? (processCoordinator ??= new InProcessCoordinator()), {
      poolSize: this.maxConnections,
      prefix: this.lockPrefix,
      timeoutMs: this.globalConfig.acquireTimeoutS * 1000,
      logger: this.logger,
    });
    await lock.withLock(async () => {
      const client = await this.connect();
      try {
        const caps = processCapabilities(client.capabilities);
        const target = this.target(caps);
        this.logger.debug({ target, config: content }, `Sending configuration to NETCONF device ${this.deviceName}`);
        await withRetry(this.retry, this.logger, this.deviceName, () => lockAndConfigure(this.applyContext(), client, target, caps, content));
      } finally {
        await client.close().catch(() => undefined);
      }
    });
  }


  private applyContext(): ApplyContext {
    return {
      deviceName: this.deviceName,
      logger: this.logger,
      ngsConfig: this.ngsConfig,
      saveConfiguration: this.saveConfiguration,
      saveConfigContent: this.saveConfigContent,
    };
  }
}

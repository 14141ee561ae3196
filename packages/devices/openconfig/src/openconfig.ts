import {
  GenericSwitchDevice,
  GenericSwitchNetconfConnectError,
  GenericSwitchNetconfError,
  GenericSwitchNetconfLockDenied,
  GenericSwitchNetconfOperationFailed,
  InProcessCoordinator,
  OPERATION_NAMES,
  PoolLock,
  optionProblems,
  validateVlanId,
  type BindingProfile,
  type CliOperation,
  type NetworkOptions,
  type OperationArgs,
  type PortOptions,
  type SubPort,
  type TrunkDetails,
} from "@ngs/core/device-kit";
import { chooseTarget, hasConfirmedCommit, hasValidate, processCapabilities, type Datastore } from "./capabilities.js";
import type { NetconfClient, RpcErrorInfo } from "./client.js";
import type { ConfigEdit } from "./edit.js";
import {
  NETCONF_CONNECT_KEYS,
  parseDeviceParams,
  parseFlag,
  parseSaveConfig,
  portIdMapper,
  validateInterfaceName,
  validateNetworkInstance,
  validateVlanName,
} from "./options.js";
import { planAddNetwork, planAddSubports, planDeletePort, planDelNetwork, planDelSubports, planPlugPort, type PlanSettings, type TrunkState } from "./plan.js";
import { openNetconfClient, rpcErrorInfo } from "./session.js";
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

/** How long to wait between `lock-denied` attempts (upstream: exponential, 2 s up to 5 s, 10 attempts). */
export interface LockRetry {
  attempts: number;
  minMs: number;
  maxMs: number;
}

let processCoordinator: InProcessCoordinator | undefined;

/**
 * `netconf_openconfig`: OpenConfig VLAN and switched-vlan data over NETCONF
 * (upstream's NetconfSwitch + OpenConfig mixin). Each change opens a session
 * under the switch's PoolLock, locks the target datastore and sends one
 * edit-config; see the package README for the RPC sequence.
 */
export default class NetconfOpenConfigSwitch extends GenericSwitchDevice {
  static override readonly extraOptions: readonly string[] = [...NETCONF_CONNECT_KEYS, "ngs_known_hosts_file", "ngs_host_key_fingerprint"];

  /** Speaks NETCONF, not an SSH CLI: `ngs sim` and `ngs demo` serve it with the simulator's NETCONF server. */
  static readonly transport = "netconf";

  /** Upstream's tenacity policy for `lock-denied`. */
  lockRetry: LockRetry = { attempts: 10, minMs: 2000, maxMs: 5000 };

  readonly networkInstance: string;
  readonly mapPort: (port: string) => string;
  /** `ngs_netconf_save_config`'s content (inside `<config>`), if set. */
  readonly saveConfigContent: string | undefined;

  constructor(...args: ConstructorParameters<typeof GenericSwitchDevice>) {
    super(...args);
    this.networkInstance = this.ngsConfig.openconfigNetworkInstance;
    this.mapPort = portIdMapper(this.ngsConfig.portIdReSub);
    this.saveConfigContent = this.ngsConfig.netconfSaveConfig === undefined ? undefined : parseSaveConfig(this.ngsConfig.netconfSaveConfig);
  }

  protected override configProblems(): string[] {
    const c = this.ngsConfig;
    const map = portIdMapper(c.portIdReSub);
    return optionProblems({
      ngs_openconfig_network_instance: () => validateNetworkInstance(c.openconfigNetworkInstance),
      ngs_netconf_save_config: () => c.netconfSaveConfig !== undefined && parseSaveConfig(c.netconfSaveConfig),
      ngs_trunk_ports: () =>
        c.trunkPorts.map((p) => {
          validateInterfaceName(p, "ngs_trunk_ports entry");
          return map(p) === p ? p : validateInterfaceName(map(p), "ngs_trunk_ports entry (after ngs_port_id_re_sub)");
        }),
      hostkey_verify: () => parseFlag("hostkey_verify", this.option("hostkey_verify"), true),
      look_for_keys: () => parseFlag("look_for_keys", this.option("look_for_keys"), true),
      device_params: () => this.option("device_params") !== undefined && parseDeviceParams(this.option("device_params")!),
    });
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
    return { operation, commands: [configDocument(edit)], save: this.saveSteps(this.ngsConfig.netconfTarget) };
  }

  /** The RPCs after the edit-config, by target (both when the target is only known after the hello). */
  private saveSteps(target: Datastore | undefined): string[] {
    const c = this.ngsConfig;
    const candidate = [
      "<validate><source><candidate/></source></validate> (when :validate is advertised)",
      ...(c.netconfConfirmedCommit
        ? [`<commit><confirmed/><confirm-timeout>${c.netconfConfirmedCommitTimeoutS}</confirm-timeout></commit> (when :confirmed-commit is advertised)`]
        : []),
      "<commit/>",
    ];
    const running = !this.saveConfiguration
      ? []
      : this.saveConfigContent !== undefined
        ? [`<edit-config><target><running/></target><config>${this.saveConfigContent}</config></edit-config>`]
        : ["<copy-config><target><startup/></target><source><running/></source></copy-config> (when :startup is advertised)"];
    if (target === "candidate") return candidate;
    if (target === "running") return running;
    return [...candidate.map((s) => `candidate: ${s}`), ...running.map((s) => `running: ${s}`)];
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
        await this.withLockRetry(() => this.lockAndConfigure(client, target, caps, content));
      } finally {
        await client.close().catch(() => undefined);
      }
    });
  }

  /** Retry `lock-denied` with upstream's exponential back-off, bounded; anything else is raised at once. */
  private async withLockRetry(fn: () => Promise<void>): Promise<void> {
    const { attempts, minMs, maxMs } = this.lockRetry;
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (e) {
        if (!(e instanceof GenericSwitchNetconfLockDenied) || attempt >= attempts) throw e;
        const waitMs = Math.min(maxMs, Math.max(minMs, 1000 * 2 ** attempt));
        this.logger.warn({ attempt, waitMs }, `NETCONF device ${this.deviceName}: datastore locked by another session; retrying in ${waitMs} ms`);
        await new Promise((r) => setTimeout(r, waitMs));
      }
    }
  }

  private async lockAndConfigure(client: NetconfClient, target: Datastore, caps: ReadonlySet<string>, content: string): Promise<void> {
    const step = async (rpc: string, fn: () => Promise<void>) => {
      try {
        await fn();
      } catch (e) {
        throw this.rpcFailure(rpc, target, e);
      }
    };
    try {
      await step("lock", () => client.lock(target));
    } catch (e) {
      // Session 0 is no NETCONF session (the CLI, say) whose uncommitted candidate edits block the lock (RFC 6241 §7.5).
      const info = rpcErrorInfo((e as Error).cause);
      if (target === "candidate" && info?.tag === "lock-denied" && info.sessionId === "0") await client.discardChanges().catch(() => undefined);
      throw e;
    }
    let done = false;
    try {
      if (target === "candidate") {
        await step("discard-changes", () => client.discardChanges());
        await step("edit-config", () => client.editConfig("candidate", content));
        if (hasValidate(caps)) await step("validate", () => client.validate("candidate"));
        const c = this.ngsConfig;
        if (c.netconfConfirmedCommit && hasConfirmedCommit(caps)) {
          await step("commit (confirmed)", () => client.commit({ confirmed: true, confirmTimeoutS: c.netconfConfirmedCommitTimeoutS }));
        }
        await step("commit", () => client.commit());
      } else {
        await step("edit-config", () => client.editConfig("running", content));
        done = true;
        if (this.saveConfiguration) await this.saveRunning(client, caps, step);
      }
      done = true;
    } catch (e) {
      // Whatever reached the candidate stays out of the running config.
      if (target === "candidate" && !done) await client.discardChanges().catch(() => undefined);
      if (target === "running" && done) {
        throw new GenericSwitchNetconfError({
          device: this.deviceName,
          error: `the change was applied to running but not saved: ${(e as Error).message}`,
          cause: e,
        });
      }
      throw e;
    } finally {
      await client.unlock(target).catch(() => undefined);
    }
  }

  private async saveRunning(client: NetconfClient, caps: ReadonlySet<string>, step: (rpc: string, fn: () => Promise<void>) => Promise<void>): Promise<void> {
    if (this.saveConfigContent !== undefined) {
      await step("edit-config (ngs_netconf_save_config)", () => client.editConfig("running", this.saveConfigContent!));
    } else if (caps.has(":startup")) {
      await step("copy-config running to startup", () => client.copyConfig("running", "startup"));
    } else {
      this.logger.warn(
        `Cannot persist running config on NETCONF device ${this.deviceName}: no ngs_netconf_save_config configured and the device does not advertise :startup`,
      );
    }
  }

  /** An rpc-error as a GenericSwitch* error naming the switch, the RPC and the server's message. */
  private rpcFailure(rpc: string, target: Datastore, e: unknown): Error {
    const info: RpcErrorInfo | undefined = rpcErrorInfo(e);
    if (!info) {
      if (e instanceof GenericSwitchNetconfError) return e;
      return new GenericSwitchNetconfError({ device: this.deviceName, error: `${rpc} on ${target}: ${(e as Error).message}`, cause: e });
    }
    const said = info.message ? `: ${info.message}` : "";
    if (info.tag === "lock-denied") {
      return new GenericSwitchNetconfLockDenied({
        message: `NETCONF device ${this.deviceName}: the ${target} datastore is locked by another session${info.sessionId ? ` (session ${info.sessionId})` : ""}; nothing was sent. ${GenericSwitchNetconfLockDenied.template}`,
        device: this.deviceName,
        cause: e,
      });
    }
    if (info.tag === "operation-failed") {
      return new GenericSwitchNetconfOperationFailed({
        message: `NETCONF device ${this.deviceName} returned operation-failed for ${rpc} on ${target}${said}; nothing was committed`,
        device: this.deviceName,
        cause: e,
      });
    }
    return new GenericSwitchNetconfError({ device: this.deviceName, error: `${rpc} on ${target} failed with ${info.tag}${said}`, cause: e });
  }
}

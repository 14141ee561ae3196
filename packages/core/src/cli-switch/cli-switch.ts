import { platformProblems, sessionOptionsFromConfig, type Platform } from "@ngs/cli-session";
import type { DeviceContext, PortOptions } from "../device.js";
import { GenericSwitchNetmikoConfigError, GenericSwitchNetmikoNotSupported } from "../errors.js";
import type { BindingProfile, DeviceConfig, SecurityGroup, SubPort, TrunkDetails } from "../types.js";
import { showValue, type PortNameRule } from "../validation.js";
import { vlanNameProblem, type VlanNameRule } from "../options/name-format.js";
import { str, type OptionSpecs } from "../options/declare.js";
import type { ApplyStyle, ConfigModeStyle } from "./apply-style.js";
import { mcastGroupFor, type L2vniSettings } from "./l2vni.js";
import { OPERATION_NAMES, type CliOperation, type OperationArgs, type VlanId } from "./operations.js";
import { CliRunner } from "./runner.js";
import { isSessionConfigError } from "./session.js";
import type { CommandTemplates } from "./templates.js";

/**
 * The base of every SSH-CLI switch (upstream's NetmikoSwitch). A vendor sets
 * `platform`, `commands`, maybe `errorPatterns`, `configMode` and `apply`,
 * and overrides a hook only for what data cannot say.
 *
 * Each operation is planned (`CliPlanner`, planner.ts: validate, compose the
 * commands, docs/upstream.md#how-an-operation-becomes-commands) and run
 * (`CliRunner`, runner.ts: PoolLock, pooled session, config mode, checks
 * against the error patterns, apply). `plan()` returns the same commands
 * without connecting.
 */
export abstract class CliSwitch extends CliRunner {
  static platform: Platform | string = "";
  static commands: CommandTemplates = {};
  static errorPatterns: readonly RegExp[] = [];
  static shellCommands = false;
  /** The switch is reached by logging in (address, username, credential); the in-memory fake is not. */
  static needsLogin = true;
  /**
   * How this dialect spells one port (each vendor states its own): by
   * default one inner space is allowed and `-` between digits is a range,
   * as on most switch CLIs.
   */
  static portNameRule: PortNameRule = { innerSpace: true, dashRange: true };
  /**
   * The platform's VLAN name limits (each vendor whose commands carry
   * `{network_name}` states its own); by default 255 characters, no space.
   */
  static vlanNameRule: VlanNameRule = { maxLength: 255, space: false };
  /** Host-key options the session layer reads (as written, through `option()`) besides the base `ngs_*` set. */
  static override readonly options: OptionSpecs = {
    ngs_known_hosts_file: str({ description: "OpenSSH known_hosts file the switch's host key is checked against" }),
    ngs_host_key_fingerprint: str({ description: "the switch's host key fingerprint (SHA256:…) to pin" }),
  };
  /** How a config set is sent; the default is upstream's (enable, the platform's config mode, leave it after). */
  static configMode: ConfigModeStyle = {};
  /** What makes a change take effect; the default saves when `ngs_save_configuration` is on. */
  static applyMode: ApplyStyle = { kind: "save" };
  /** False: `ngs_batch_requests` is ignored, every change is sent on its own. */
  static batchable = true;

  constructor(config: DeviceConfig, deviceName: string, context: DeviceContext = {}) {
    super(config, deviceName, context);
    if (!this.statics.platform) {
      throw new GenericSwitchNetmikoNotSupported({ device_type: `${this.deviceType} (the device class names no CLI platform)` });
    }
    try {
      const problems = platformProblems(this.sessionPlatform);
      if (problems.length > 0) throw new Error(`its platform ${problems.join("; ")}`);
    } catch (e) {
      throw new GenericSwitchNetmikoNotSupported({
        device_type: this.platform,
        message: `Netmiko does not support device type ${this.platform}: ${e instanceof Error ? e.message : String(e)}`,
        cause: e,
      });
    }
    this.checkTransportConfig();
  }

  /**
   * Cast every transport value (port, timeouts, booleans, algorithms, host-key
   * pin) now, so a bad one is a config error when the file is loaded rather
   * than when the first operation connects. Files named by the config are
   * read at connect time: a dry run on another machine needs no key file.
   */
  private checkTransportConfig(): void {
    const cfg = this.sessionConfig();
    delete cfg.key_file;
    delete cfg.ngs_known_hosts_file;
    cfg.host = cfg.host || cfg.ip || "unset";
    cfg.username = cfg.username || "unset";
    try {
      sessionOptionsFromConfig(cfg, this.sessionPlatform);
    } catch (e) {
      if (!isSessionConfigError(e)) throw e;
      throw new GenericSwitchNetmikoConfigError({ config: this.where, device: this.sanitisedConfig, error: (e as Error).message, cause: e });
    }
  }

  /**
   * `ngs_trunk_ports` spelled as this dialect names one port, and the
   * longest VLAN name `ngs_network_name_format` can render (a 32-digit
   * network id, VLAN 4094) within the platform's limits.
   */
  protected override configProblems(): string[] {
    const problems = super.configProblems();
    for (const p of this.trunkPorts) {
      try {
        this.portName(p, "ngs_trunk_ports entry");
      } catch (e) {
        problems.push(`ngs_trunk_ports: ${(e as Error).message}`);
        break;
      }
    }
    const templates = [...(this.commands.ADD_NETWORK ?? []), ...(this.commands.DELETE_NETWORK ?? [])];
    if (templates.some((t) => t.includes("{network_name}"))) {
      const longest = this.ngsConfig.networkNameFormat.format({ network_id: "f".repeat(32), segmentation_id: "4094" });
      const problem = vlanNameProblem(longest, this.statics.vlanNameRule);
      if (problem) problems.push(`ngs_network_name_format: ${showValue(this.networkNameFormat)}: ${problem}`);
    }
    return problems;
  }

  override async addSecurityGroup(sg: SecurityGroup): Promise<string> {
    if (!this.supportsSecurityGroups) throw this.notSupported("security groups");
    return this.run("addSecurityGroup", { sg });
  }
  override async updateSecurityGroup(sg: SecurityGroup): Promise<string> {
    if (!this.supportsSecurityGroups) throw this.notSupported("security groups");
    return this.run("updateSecurityGroup", { sg });
  }
  override async delSecurityGroup(sgId: string): Promise<string> {
    if (!this.supportsSecurityGroups) throw this.notSupported("security groups");
    return this.run("delSecurityGroup", { sgId });
  }
  override async bindSecurityGroup(sg: SecurityGroup, portId: string, portIds: string[]): Promise<string> {
    if (!this.supportsSecurityGroups) throw this.notSupported("security groups");
    return this.run("bindSecurityGroup", { sg, portId, portIds });
  }
  override async unbindSecurityGroup(sgId: string, portId: string, portIds: string[]): Promise<string> {
    if (!this.supportsSecurityGroups) throw this.notSupported("security groups");
    return this.run("unbindSecurityGroup", { sgId, portId, portIds });
  }

  // ---- operations -----------------------------------------------------

  /**
   * Plan, then run: the path every operation takes. An operation with
   * queries (Brocade's port query) runs them and its set on one session.
   */
  protected async run<K extends CliOperation>(operation: K, args: OperationArgs[K]): Promise<string> {
    const commands = this.composeChecked(operation, args);
    const queries = commands.length > 0 ? this.queriesFor(operation, args) : [];
    if (queries.length === 0) return this.sendCommandsToDevice(commands, OPERATION_NAMES[operation]);
    return this.sendAfterQueries(queries, (answers) => this.planAfterQueries(operation, args, answers, commands), OPERATION_NAMES[operation]);
  }

  async addNetwork(segmentationId: VlanId, networkId: string): Promise<string> {
    if (!this.managesVlans) this.logger.info(`Skipping add network for ${String(segmentationId)}`);
    return this.run("addNetwork", { segmentationId, networkId });
  }
  async delNetwork(segmentationId: VlanId, networkId: string): Promise<string> {
    if (!this.managesVlans) this.logger.info(`Skipping delete network for ${String(segmentationId)}`);
    return this.run("delNetwork", { segmentationId, networkId });
  }
  async plugPortToNetwork(port: string, segmentationId: VlanId, options: PortOptions = {}): Promise<string> {
    return this.run("plugPortToNetwork", { port, segmentationId, ...options });
  }
  async deletePort(port: string, segmentationId: VlanId, options: PortOptions = {}): Promise<string> {
    return this.run("deletePort", { port, segmentationId, ...options });
  }
  async plugBondToNetwork(bond: string, segmentationId: VlanId, options: PortOptions = {}): Promise<string> {
    return this.run("plugBondToNetwork", { bond, segmentationId, ...options });
  }
  async unplugBondFromNetwork(bond: string, segmentationId: VlanId, options: PortOptions = {}): Promise<string> {
    return this.run("unplugBondFromNetwork", { bond, segmentationId, ...options });
  }
  async addSubportsOnTrunk(
    bindingProfile: BindingProfile,
    portId: string,
    subports: SubPort[],
    trunkDetails?: TrunkDetails | null,
  ): Promise<string> {
    return this.run("addSubportsOnTrunk", { bindingProfile, portId, subports, trunkDetails });
  }
  async delSubportsOnTrunk(
    bindingProfile: BindingProfile,
    portId: string,
    subports: SubPort[],
    trunkDetails?: TrunkDetails | null,
  ): Promise<string> {
    return this.run("delSubportsOnTrunk", { bindingProfile, portId, subports, trunkDetails });
  }

  override async plugSwitchToNetwork(vni: number | string, segmentationId: VlanId, physnet?: string | null): Promise<string> {
    return this.run("plugSwitchToNetwork", { vni, segmentationId, physnet });
  }
  override async unplugSwitchFromNetwork(vni: number | string, segmentationId: VlanId, physnet?: string | null): Promise<string> {
    return this.run("unplugSwitchFromNetwork", { vni, segmentationId, physnet });
  }

  /**
   * A read-only show command (L2VNI checks, Brocade's port query) on a
   * session under the PoolLock, so queries count toward ngs_max_connections.
   */
  async query(command: string): Promise<string> {
    return this.withSession(async (session) => {
      await session.enable();
      return session.sendCommand(command);
    });
  }

  /**
   * A query whose answer decides whether to change something: when it fails,
   * log and return `fallback`, the answer that leaves the switch safe (keep a
   * mapping that may be in use; re-apply one that may be missing).
   */
  protected async queryOr<T>(
    command: () => string,
    parse: (output: string) => T,
    fallback: T,
    what: string,
    assuming: string,
  ): Promise<T> {
    try {
      return parse(await this.query(command()));
    } catch (e) {
      this.logger.warn({ error: String(e) }, `Could not check ${what}; assuming ${assuming}`);
      return fallback;
    }
  }

  /**
   * Log in, enable, enter and leave config mode, under the PoolLock, as
   * `ngs check` does: resolves with the host key fingerprint the switch
   * presented; failures are the same GenericSwitch* errors as operations.
   */
  async check(): Promise<{ hostKeyFingerprint?: string }> {
    return this.withSession(async (session) => {
      await session.enable();
      await session.sendConfigSet([]);
      return session.hostKeyFingerprint ? { hostKeyFingerprint: session.hostKeyFingerprint } : {};
    });
  }

  /** The L2VNI multicast group of `vni`, or upstream's config error when neither the map nor a base gives one. */
  protected mcastGroupOrFail(vni: number, settings: L2vniSettings): string {
    const group = mcastGroupFor(vni, settings);
    if (group === undefined) throw this.configError(`VNI ${vni} not found in ngs_mcast_group_map and ngs_mcast_group_base not configured`);
    return group;
  }
}

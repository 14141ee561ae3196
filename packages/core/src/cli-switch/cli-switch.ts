import {
  CliSession,
  getPlatform,
  platformProblems,
  isRetryableConnectError,
  sessionOptionsFromConfig,
  type Platform,
  type SessionOptions,
} from "@ngs/cli-session";
import { setTimeout as delay } from "node:timers/promises";
import { GenericSwitchDevice, trunkNotSupported, type PortOptions } from "../device.js";
import {
  GenericSwitchConfigException,
  GenericSwitchException,
  GenericSwitchNotSupported,
  GenericSwitchNetmikoConfigError,
  GenericSwitchNetmikoConnectError,
  GenericSwitchNetmikoNotSupported,
  GenericSwitchNetworkNameFormatInvalid,
} from "../errors.js";
import { InProcessCoordinator, PoolLock } from "../locking/index.js";
import type { BindingProfile, CommandPlan, DeviceConfig, SecurityGroup, SecurityGroupRule, SubPort, TrunkDetails } from "../types.js";
import type { DeviceContext } from "../device.js";
import { networkIdHex, showValue, validateNetworkId, validatePortName, validateVlanId, type PortNameRule } from "../validation.js";
import { vlanNameProblem, type VlanNameRule } from "../options/name-format.js";
import { aclFilter, aclPrefix } from "./security-groups.js";
import {
  isAuthenticationError,
  isCommandError,
  isEnableRefused,
  isSaveNotSupported,
  isSessionConfigError,
  type CliSessionLike,
} from "./session.js";
import { SessionPool, closeQuietly } from "./session-pool.js";
import { mcastGroupFor, validateVni, type L2vniSettings } from "./l2vni.js";
import { formatCommands, type CommandTemplate, type CommandTemplates, type TemplateVars } from "./templates.js";

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
const CHANGE_TEMPLATES: Partial<Record<CliOperation, string>> = {
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

/** The class-side ("static") shape of a CLI switch: a vendor is mostly this data. */
export interface CliSwitchStatics {
  /** The dialect, built with `@ngs/cli-session/platform-kit` (a name: deprecated, looked up among those built). */
  readonly platform: Platform | string;
  readonly commands: CommandTemplates;
  /** Upstream's ERROR_MSG_PATTERNS: any match in the output is a failed change. */
  readonly errorPatterns: readonly RegExp[];
  /** Port names end up in a shell command line (OVS, Cumulus, SONiC): stricter validation. */
  readonly shellCommands: boolean;
  /** How the dialect spells one port: may it have an inner space, does `1-48` select a range. */
  readonly portNameRule: PortNameRule;
  /** The platform's VLAN name limits: length, and whether a space stays inside the name. */
  readonly vlanNameRule: VlanNameRule;
}

/** A retry-once-worthy failure: the session broke, not the switch refusing a change. */
class SessionFailure extends Error {}

/**
 * The last "switch unreachable" verdict per switch (lock prefix) in this
 * process: callers waiting for the switch's PoolLock when its holder gave up
 * connecting fail with that verdict instead of waiting to fail the same way.
 */
const unreachable = new Map<string, { at: number; error: GenericSwitchNetmikoConnectError }>();

// Without a coordinator in the context, sessions to one switch are still
// limited to `ngs_max_connections` inside this process.
let processCoordinator: InProcessCoordinator | undefined;
function defaultCoordinator(): InProcessCoordinator {
  processCoordinator ??= new InProcessCoordinator();
  return processCoordinator;
}

/**
 * The base of every SSH-CLI switch (upstream's NetmikoSwitch). A vendor sets
 * `platform`, `commands` and maybe `errorPatterns`, and overrides a hook only
 * for what a table cannot say.
 *
 * Each operation validates its input, composes the commands (docs/upstream.md#how-an-operation-becomes-commands),
 * then takes a PoolLock, opens or reuses a session, sends the set, checks the
 * output against the error patterns and saves. `plan()` returns the same
 * commands without connecting.
 */
export abstract class CliSwitch extends GenericSwitchDevice {
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
  /** Host-key options the session layer reads besides the base `ngs_*` set. */
  static override readonly extraOptions: readonly string[] = ["ngs_known_hosts_file", "ngs_host_key_fingerprint"];

  readonly #pool: SessionPool<CliSessionLike> | undefined;

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
    this.#pool = this.reuseConnection ? new SessionPool(this.maxConnections) : undefined;
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

  /** The rendered name, checked again against the platform's VLAN name rule. */
  override formatNetworkName(networkId: string | number, segmentationId: number | string): string {
    const name = super.formatNetworkName(networkId, segmentationId);
    const problem = vlanNameProblem(name, this.statics.vlanNameRule);
    if (problem) {
      throw new GenericSwitchNetworkNameFormatInvalid({
        message: `Invalid value for 'ngs_network_name_format': ${showValue(this.networkNameFormat)}: ${problem}`,
        name_format: showValue(this.networkNameFormat),
      });
    }
    return name;
  }

  // ---- vendor data ----------------------------------------------------

  protected get statics(): CliSwitchStatics {
    return this.constructor as unknown as CliSwitchStatics;
  }
  /** The command table in force; a vendor whose table depends on an option overrides this. */
  get commands(): CommandTemplates {
    return this.statics.commands;
  }
  /** The platform's name (netmiko's device_type for the built-in ones). */
  get platform(): string {
    const p = this.statics.platform;
    return typeof p === "string" ? p : p.name;
  }
  /** The dialect the session speaks. */
  get sessionPlatform(): Platform {
    const p = this.statics.platform;
    return typeof p === "string" ? getPlatform(p) : p;
  }
  get errorPatterns(): readonly RegExp[] {
    return this.statics.errorPatterns;
  }
  get shellCommands(): boolean {
    return this.statics.shellCommands;
  }
  override get supportTrunkOnPorts(): boolean {
    return Boolean(this.commands.ADD_NETWORK_TO_TRUNK?.length);
  }
  override get supportTrunkOnBondPorts(): boolean {
    return Boolean(this.commands.ADD_NETWORK_TO_BOND_TRUNK?.length);
  }

  /** Fill templates; a missing or empty value raises GenericSwitchNetmikoMethodError. */
  protected formatCommands(templates: CommandTemplate | undefined, vars: TemplateVars = {}): string[] {
    return formatCommands(templates, vars);
  }

  // ---- validation -----------------------------------------------------

  protected vlan(v: unknown, what = "segmentation id"): number {
    return validateVlanId(v, what);
  }
  protected portName(name: unknown, what = "port name"): string {
    return validatePortName(name, { shell: this.shellCommands, rule: this.statics.portNameRule, what });
  }
  protected portStep(name: string, segmentationId: VlanId, opts: PortOptions = {}, what = "port name"): PortStep {
    // Python truthiness, as upstream tests it: an empty dict means "no trunk".
    const td = opts.trunkDetails;
    const trunkDetails = td && typeof td === "object" && Object.keys(td).length > 0 ? td : null;
    const dv = opts.defaultVlan ?? this.portDefaultVlan;
    return {
      name: this.portName(name, what),
      segmentationId: this.vlan(segmentationId),
      trunkDetails,
      defaultVlan: dv === undefined || dv === null || dv === "" ? undefined : this.vlan(dv, "default VLAN"),
      subportVlans: (trunkDetails?.sub_ports ?? []).map((s) => this.vlan(s?.segmentation_id, "subport segmentation id")),
    };
  }
  /** `ngs_trunk_ports`, checked like any port name (they land in the same commands). */
  protected validTrunkPorts(): string[] {
    return this.trunkPorts.map((p) => this.portName(p, "ngs_trunk_ports entry"));
  }

  // ---- composition (docs/upstream.md#how-an-operation-becomes-commands); each returns the command list ----

  protected composeAddNetwork(segmentationId: number, networkIdHexValue: string): string[] {
    const c = this.commands;
    const cmds = this.formatCommands(c.ADD_NETWORK, {
      segmentation_id: segmentationId,
      network_id: networkIdHexValue,
      network_name: this.formatNetworkName(networkIdHexValue, segmentationId),
    });
    for (const port of this.validTrunkPorts()) {
      cmds.push(...this.formatCommands(c.ADD_NETWORK_TO_TRUNK, { port, segmentation_id: segmentationId }));
    }
    return cmds;
  }

  protected composeDelNetwork(segmentationId: number, networkIdHexValue: string): string[] {
    const c = this.commands;
    const cmds: string[] = [];
    for (const port of this.validTrunkPorts()) {
      cmds.push(...this.formatCommands(c.REMOVE_NETWORK_FROM_TRUNK, { port, segmentation_id: segmentationId }));
    }
    cmds.push(
      ...this.formatCommands(c.DELETE_NETWORK, {
        segmentation_id: segmentationId,
        network_id: networkIdHexValue,
        network_name: this.formatNetworkName(networkIdHexValue, segmentationId),
      }),
    );
    return cmds;
  }

  /** ADD_NETWORK for a default VLAN being restored: the VLAN stands in for the network id too. */
  protected composeDefaultVlanNetwork(vlan: number): string[] {
    return this.formatCommands(this.commands.ADD_NETWORK, {
      segmentation_id: vlan,
      network_id: vlan,
      network_name: this.formatNetworkName(vlan, vlan),
    });
  }

  protected composePlugPort(s: PortStep): string[] {
    const c = this.commands;
    const port = s.name;
    const cmds: string[] = [];
    if (this.disableInactivePorts) cmds.push(...this.formatCommands(c.ENABLE_PORT, { port }));
    if (s.defaultVlan !== undefined) cmds.push(...this.formatCommands(c.DELETE_PORT, { port, segmentation_id: s.defaultVlan }));
    if (s.trunkDetails) {
      cmds.push(...this.formatCommands(c.SET_NATIVE_VLAN, { port, segmentation_id: s.segmentationId }));
      for (const v of s.subportVlans) cmds.push(...this.formatCommands(c.ADD_NETWORK_TO_TRUNK, { port, segmentation_id: v }));
    } else {
      cmds.push(...this.formatCommands(c.PLUG_PORT_TO_NETWORK, { port, segmentation_id: s.segmentationId }));
    }
    return cmds;
  }

  protected composeDeletePort(s: PortStep): string[] {
    const c = this.commands;
    const port = s.name;
    const cmds = this.formatCommands(c.DELETE_PORT, { port, segmentation_id: s.segmentationId });
    if (s.trunkDetails) {
      cmds.push(...this.formatCommands(c.DELETE_NATIVE_VLAN, { port, segmentation_id: s.segmentationId }));
      for (const v of s.subportVlans) cmds.push(...this.formatCommands(c.REMOVE_NETWORK_FROM_TRUNK, { port, segmentation_id: v }));
    }
    if (s.defaultVlan !== undefined) {
      // Upstream restores the default VLAN whether or not ngs_manage_vlans is set.
      cmds.push(...this.composeDefaultVlanNetwork(s.defaultVlan));
      cmds.push(...this.formatCommands(c.PLUG_PORT_TO_NETWORK, { port, segmentation_id: s.defaultVlan }));
    }
    if (this.disableInactivePorts) cmds.push(...this.formatCommands(c.DISABLE_PORT, { port }));
    return cmds;
  }

  /** Has bond templates of its own; otherwise bonds are plugged like ports. */
  protected get hasBondTemplates(): { plug: boolean; unplug: boolean } {
    return {
      plug: Boolean(this.commands.PLUG_BOND_TO_NETWORK?.length),
      unplug: Boolean(this.commands.UNPLUG_BOND_FROM_NETWORK?.length),
    };
  }

  protected composePlugBond(s: PortStep): string[] {
    if (!this.hasBondTemplates.plug) return this.composePlugPort(s);
    const c = this.commands;
    const bond = s.name;
    const cmds: string[] = [];
    if (this.disableInactivePorts) cmds.push(...this.formatCommands(c.ENABLE_BOND, { bond }));
    if (s.defaultVlan !== undefined) cmds.push(...this.formatCommands(c.UNPLUG_BOND_FROM_NETWORK, { bond, segmentation_id: s.defaultVlan }));
    if (s.trunkDetails) {
      cmds.push(...this.formatCommands(c.SET_NATIVE_VLAN_BOND, { bond, segmentation_id: s.segmentationId }));
      for (const v of s.subportVlans) cmds.push(...this.formatCommands(c.ADD_NETWORK_TO_BOND_TRUNK, { bond, segmentation_id: v }));
    } else {
      cmds.push(...this.formatCommands(c.PLUG_BOND_TO_NETWORK, { bond, segmentation_id: s.segmentationId }));
    }
    return cmds;
  }

  protected composeUnplugBond(s: PortStep): string[] {
    if (!this.hasBondTemplates.unplug) return this.composeDeletePort(s);
    const c = this.commands;
    const bond = s.name;
    const cmds = this.formatCommands(c.UNPLUG_BOND_FROM_NETWORK, { bond, segmentation_id: s.segmentationId });
    if (s.trunkDetails) {
      cmds.push(...this.formatCommands(c.DELETE_NATIVE_VLAN_BOND, { bond, segmentation_id: s.segmentationId }));
      // Upstream sent ADD_NETWORK_TO_BOND_TRUNK here (LP#2122025); removal is what unplugging means.
      for (const v of s.subportVlans) cmds.push(...this.formatCommands(c.DELETE_NETWORK_ON_BOND_TRUNK, { bond, segmentation_id: v }));
    }
    if (s.defaultVlan !== undefined) {
      cmds.push(...this.composeDefaultVlanNetwork(s.defaultVlan));
      cmds.push(...this.formatCommands(c.PLUG_BOND_TO_NETWORK, { bond, segmentation_id: s.defaultVlan }));
    }
    if (this.disableInactivePorts) cmds.push(...this.formatCommands(c.DISABLE_BOND, { bond }));
    return cmds;
  }

  protected composeAddSubports(isBond: boolean, portId: string, vlans: number[]): string[] {
    const c = this.commands;
    return vlans.flatMap((v) =>
      isBond
        ? this.formatCommands(c.ADD_NETWORK_TO_BOND_TRUNK, { bond: portId, segmentation_id: v })
        : this.formatCommands(c.ADD_NETWORK_TO_TRUNK, { port: portId, segmentation_id: v }),
    );
  }

  protected composeDelSubports(isBond: boolean, portId: string, vlans: number[]): string[] {
    const c = this.commands;
    return vlans.flatMap((v) =>
      isBond
        ? this.formatCommands(c.DELETE_NETWORK_ON_BOND_TRUNK, { bond: portId, segmentation_id: v })
        : this.formatCommands(c.REMOVE_NETWORK_FROM_TRUNK, { port: portId, segmentation_id: v }),
    );
  }

  /** L2VNI: map a VLAN to a VNI. None in the base; vendors with VXLAN override (and `supportsL2vni`). */
  protected composePlugSwitch(_vni: number, _segmentationId: number, _physnet: string | null): string[] {
    return [];
  }
  protected composeUnplugSwitch(_vni: number, _segmentationId: number, _physnet: string | null): string[] {
    return [];
  }

  // ---- security groups (templates NX-OS and OS10 use) ----------------

  override get supportsSecurityGroups(): boolean {
    return Boolean(this.commands.ADD_SECURITY_GROUP?.length);
  }

  /** The ACL name(s) of a security group; the id must be a UUID. Vendors name theirs. */
  protected aclNames(sgId: unknown): Record<string, string> {
    return { security_group: `ngs-${validateNetworkId(sgId, "security group id")}` };
  }

  /**
   * Should this rule become an ACL line? False = ignore it silently (a rule
   * without a protocol, upstream); unsupported rules throw GenericSwitchNotSupported.
   */
  protected acceptRule(rule: SecurityGroupRule): boolean {
    return Boolean(rule.protocol);
  }

  protected ruleNotSupported(error: string): GenericSwitchNotSupported {
    return new GenericSwitchNotSupported({
      feature: "this security group rule",
      switch: `${this.deviceType} switch ${this.deviceName}`,
      error,
    });
  }

  /** The values one rule's template uses: protocol, remote prefix (`any` when absent), port/ICMP filter. */
  protected ruleVars(sgId: string, rule: SecurityGroupRule): Record<string, string> {
    const proto = String(rule.protocol);
    if (!/^[a-z0-9]+$/i.test(proto)) throw this.ruleNotSupported(`protocol ${JSON.stringify(rule.protocol)}`);
    return { ...this.aclNames(sgId), protocol: proto, remote_ip_prefix: aclPrefix(rule.remote_ip_prefix), filter: aclFilter(rule) };
  }

  protected composeSecurityGroup(sg: SecurityGroup, deleteFirst: boolean): string[] {
    const c = this.commands;
    const names = this.aclNames(sg?.id);
    const cmds = deleteFirst ? this.formatCommands(c.REMOVE_SECURITY_GROUP, names) : [];
    cmds.push(...this.formatCommands(c.ADD_SECURITY_GROUP, names));
    for (const rule of sg.rules ?? []) {
      if (!this.acceptRule(rule)) continue;
      const template = rule.direction === "ingress" ? c.ADD_SECURITY_GROUP_RULE_INGRESS : c.ADD_SECURITY_GROUP_RULE_EGRESS;
      if (!template?.length) throw this.ruleNotSupported(`${rule.direction} rules are not supported`);
      // An empty filter is fine (upstream's all-values check rejected tcp rules without ports).
      cmds.push(...formatCommands(template, this.ruleVars(sg.id, rule), { optional: ["filter"] }));
    }
    cmds.push(...this.formatCommands(c.ADD_SECURITY_GROUP_COMPLETE, {}));
    return cmds;
  }

  protected composeBindings(portIds: readonly string[], names: Record<string, string>): string[] {
    return (portIds ?? []).flatMap((p) => this.formatCommands(this.commands.BIND_SECURITY_GROUP, { port: this.portName(p), ...names }));
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

  // ---- plan (dry run) -------------------------------------------------

  /**
   * The commands an operation would send, validated, without connecting.
   * Bad input throws the same GenericSwitch* error the operation would.
   */
  plan<K extends CliOperation>(operation: K, args: OperationArgs[K]): CliCommandPlan {
    const commands = this.composeChecked(operation, args);
    const skipped = commands.length === 0 ? this.skipReason(operation) : undefined;
    return {
      operation: OPERATION_NAMES[operation],
      commands,
      save: commands.length > 0 && this.saveConfiguration ? this.describeSave() : [],
      queries: this.queriesFor(operation, args),
      ...(skipped ? { skipped } : {}),
    };
  }

  /**
   * `composeFor`, then the no-silent-no-op rule: a change that composes to no
   * command is refused as unsupported (naming the device type and what its
   * command table lacks), unless an option turns it off on purpose
   * (`skipReason`). Asking for nothing (no subports) is not a change.
   */
  protected composeChecked<K extends CliOperation>(operation: K, args: OperationArgs[K]): string[] {
    const commands = this.composeFor(operation, args);
    if (commands.length > 0 || !(operation in CHANGE_TEMPLATES) || this.skipReason(operation)) return commands;
    if (operation === "addSubportsOnTrunk" || operation === "delSubportsOnTrunk") {
      const a = args as OperationArgs["addSubportsOnTrunk"];
      if (!a.subports?.length) return commands;
      const bond = is8023ad(a.bindingProfile);
      throw trunkNotSupported({ supportTrunkOnPorts: false, supportTrunkOnBondPorts: false }, this.switchLabel, bond);
    }
    const lacks = CHANGE_TEMPLATES[operation as keyof typeof CHANGE_TEMPLATES]!;
    throw this.notSupported(OPERATION_NAMES[operation], `Its command table has no ${lacks} commands, so nothing would be sent.`);
  }

  /**
   * Also skipped: VLAN create/delete on a device type without VLAN objects
   * (OVS: a tag needs no VLAN) and no `ngs_trunk_ports` to tag.
   */
  override skipReason(operation: string): string | undefined {
    const own = super.skipReason(operation);
    if (own || (operation !== "addNetwork" && operation !== "delNetwork") || this.trunkPorts.length > 0) return own;
    const template = operation === "addNetwork" ? "ADD_NETWORK" : "DELETE_NETWORK";
    return this.commands[template]?.length ? undefined : `${this.deviceType} has no ${template} commands`;
  }

  /**
   * Before a port or bond change: the switch's allowed ports and VLANs, and
   * trunk support when trunk details are given (the ML2 driver's check, for
   * every caller). Unplugging checks the port only: taking a VLAN off is
   * never outside the allowed set.
   */
  protected checkPortChange(s: PortStep, bond: boolean, plug: boolean): void {
    const refused =
      this.notAllowed(s.name, plug ? [s.segmentationId, ...s.subportVlans] : []) ??
      (s.trunkDetails ? trunkNotSupported(this, this.switchLabel, bond) : undefined);
    if (refused) throw refused;
  }

  /** Validate and compose; vendors override a `compose*` step rather than this. */
  protected composeFor<K extends CliOperation>(operation: K, args: OperationArgs[K]): string[] {
    switch (operation) {
      case "addNetwork":
      case "delNetwork": {
        const a = args as OperationArgs["addNetwork"];
        const seg = this.vlan(a.segmentationId);
        const hex = networkIdHex(a.networkId);
        if (!this.managesVlans) return [];
        return operation === "addNetwork" ? this.composeAddNetwork(seg, hex) : this.composeDelNetwork(seg, hex);
      }
      case "plugPortToNetwork":
      case "deletePort": {
        const a = args as OperationArgs["plugPortToNetwork"];
        const s = this.portStep(a.port, a.segmentationId, a);
        this.checkPortChange(s, false, operation === "plugPortToNetwork");
        return operation === "plugPortToNetwork" ? this.composePlugPort(s) : this.composeDeletePort(s);
      }
      case "plugBondToNetwork":
      case "unplugBondFromNetwork": {
        const a = args as OperationArgs["plugBondToNetwork"];
        const s = this.portStep(a.bond, a.segmentationId, a, "bond name");
        this.checkPortChange(s, true, operation === "plugBondToNetwork");
        return operation === "plugBondToNetwork" ? this.composePlugBond(s) : this.composeUnplugBond(s);
      }
      case "addSubportsOnTrunk":
      case "delSubportsOnTrunk": {
        const a = args as OperationArgs["addSubportsOnTrunk"];
        const portId = this.portName(a.portId);
        const vlans = (a.subports ?? []).map((s) => this.vlan(s?.segmentation_id, "subport segmentation id"));
        const isBond = is8023ad(a.bindingProfile);
        const refused = this.notAllowed(portId, operation === "addSubportsOnTrunk" ? vlans : []);
        if (refused) throw refused;
        return operation === "addSubportsOnTrunk"
          ? this.composeAddSubports(isBond, portId, vlans)
          : this.composeDelSubports(isBond, portId, vlans);
      }
      case "plugSwitchToNetwork":
      case "unplugSwitchFromNetwork": {
        const a = args as OperationArgs["plugSwitchToNetwork"];
        const vni = validateVni(a.vni);
        const seg = this.vlan(a.segmentationId);
        return operation === "plugSwitchToNetwork"
          ? this.composePlugSwitch(vni, seg, a.physnet ?? null)
          : this.composeUnplugSwitch(vni, seg, a.physnet ?? null);
      }
      case "addSecurityGroup":
      case "updateSecurityGroup":
        return this.composeSecurityGroup((args as OperationArgs["addSecurityGroup"]).sg, operation === "updateSecurityGroup");
      case "delSecurityGroup":
        return this.formatCommands(this.commands.REMOVE_SECURITY_GROUP, this.aclNames((args as OperationArgs["delSecurityGroup"]).sgId));
      case "bindSecurityGroup": {
        const a = args as OperationArgs["bindSecurityGroup"];
        this.portName(a.portId);
        const names = this.aclNames(a.sg?.id);
        // Re-assert the ACL from the given group, then bind every port that has it.
        return [...this.composeSecurityGroup(a.sg, true), ...this.composeBindings(a.portIds, names)];
      }
      case "unbindSecurityGroup": {
        const a = args as OperationArgs["unbindSecurityGroup"];
        const names = this.aclNames(a.sgId);
        return [
          ...this.formatCommands(this.commands.UNBIND_SECURITY_GROUP, { port: this.portName(a.portId), ...names }),
          ...this.composeBindings(a.portIds, names),
        ];
      }
      default:
        throw new GenericSwitchException({ method: `unknown operation ${String(operation)}` });
    }
  }

  /** Read-only queries an operation runs before its change (none in the base). */
  protected queriesFor<K extends CliOperation>(_operation: K, _args: OperationArgs[K]): string[] {
    return [];
  }

  /** What the save step sends, for dry runs. */
  protected describeSave(): string[] {
    const save = this.commands.SAVE_CONFIGURATION;
    if (save?.length) return [...save];
    const own = this.sessionPlatform.save?.command;
    return own ? [own] : [];
  }

  // ---- operations -----------------------------------------------------

  /** Validate, compose, send, check: the path every operation takes. */
  protected async run<K extends CliOperation>(operation: K, args: OperationArgs[K]): Promise<string> {
    const commands = this.composeChecked(operation, args);
    return this.sendCommandsToDevice(commands, OPERATION_NAMES[operation]);
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

  // ---- the session path -----------------------------------------------

  /**
   * Send a command set and check the answer. Empty → nothing happens. With
   * `ngs_batch_requests` the set goes through the context's batcher;
   * otherwise through `withSession` (lock, session, save).
   */
  async sendCommandsToDevice(commands: readonly string[], operation: string): Promise<string> {
    if (commands.length === 0) {
      this.logger.debug({ operation }, "Nothing to execute");
      return "";
    }
    if (this.batchRequests) {
      const batcher = this.batcher;
      if (!batcher) {
        throw new GenericSwitchConfigException({
          message: `Switch ${this.deviceName}: ngs_batch_requests is true but no batcher is configured ([ngs_coordination] backend_url)`,
        });
      }
      const output = await batcher.doBatch(this, [...commands]);
      this.checkOutput(output, operation);
      return output;
    }
    return this.withSession((session) => this.applyOnSession(session, commands, operation));
  }

  /** On a live session: send the set, check the answer, then save if configured. */
  protected async applyOnSession(session: CliSessionLike, commands: readonly string[], operation: string): Promise<string> {
    let output: string;
    try {
      output = await this.sendConfigSet(session, commands);
    } catch (e) {
      // The session stops at the first line the switch rejects. A "rejection"
      // on a connection that just died is a broken session instead (retryable).
      if (isCommandError(e) && (await aliveQuietly(session))) throw this.rejected(operation, e.message, e);
      throw e;
    }
    this.checkOutput(output, operation);
    // Save only what the switch accepted (upstream: "when configuration is applied successfully").
    if (this.saveConfiguration) {
      try {
        await this.saveConfig(session);
      } catch (e) {
        if (isCommandError(e) && (await aliveQuietly(session))) throw this.rejected(`${operation} (save configuration)`, e.message, e);
        throw e;
      }
    }
    return output;
  }

  /** A switch section that cannot do what was asked (a missing option, a VLAN the switch lacks): logged, with the sanitised config. */
  protected configError(error: string): GenericSwitchNetmikoConfigError {
    this.logger.debug(error);
    return new GenericSwitchNetmikoConfigError({ config: this.where, device: this.sanitisedConfig, error });
  }

  /**
   * How errors name this switch's connection: `leaf1 (192.0.2.10)`, with the
   * port when it is not 22. Never a credential.
   */
  get where(): string {
    const host = this.transportConfig.host || this.transportConfig.ip || "no address";
    const port = this.transportConfig.port?.trim();
    return `${this.deviceName} (${host}${port && port !== "22" ? `:${port}` : ""})`;
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

  /** A change the switch refused: idle pooled sessions are dropped (their state is unknown). */
  protected rejected(operation: string, detail: string, cause?: unknown): GenericSwitchNetmikoConfigError {
    // Debug only: the thrown error is the report (one error, said once).
    this.logger.debug({ operation, error: detail }, `Switch rejected the configuration. Operation: ${operation}.`);
    void this.#pool?.drain();
    return new GenericSwitchNetmikoConfigError({
      config: this.where,
      device: this.sanitisedConfig,
      error: `operation '${operation}': ${detail}`,
      ...(cause === undefined ? {} : { cause }),
    });
  }

  /**
   * Run `fn` on a session under this switch's PoolLock: a pooled one when
   * `ngs_ssh_reuse_connection` is on, else a fresh one closed afterwards.
   * With reuse on, a session that breaks is replaced and `fn` retried once
   * on a fresh connection. Errors come out as GenericSwitch* errors.
   */
  async withSession<T>(fn: (session: CliSessionLike) => Promise<T>): Promise<T> {
    try {
      return await this.lockedOnce(fn, false);
    } catch (e) {
      if (this.#pool && e instanceof SessionFailure) {
        this.logger.warn({ error: String((e.cause as Error | undefined)?.message ?? e.message) }, "Session failed; retrying once on a fresh connection");
        try {
          return await this.lockedOnce(fn, true);
        } catch (e2) {
          throw this.mapError(e2);
        }
      }
      throw this.mapError(e);
    }
  }

  private async lockedOnce<T>(fn: (session: CliSessionLike) => Promise<T>, fresh: boolean): Promise<T> {
    const waitingSince = Date.now();
    /** Found unreachable by a caller that held the lock while this one waited. */
    const unreachableError = () => {
      const v = unreachable.get(this.lockPrefix);
      if (!v || v.at < waitingSince) return undefined;
      return new GenericSwitchNetmikoConnectError({
        config: this.sanitisedConfig,
        error: `switch unreachable (another caller gave up connecting ${((Date.now() - v.at) / 1000).toFixed(1)} s ago): ${v.error.message}`,
        cause: v.error,
      });
    };
    const lock = new PoolLock(this.coordinator ?? defaultCoordinator(), {
      poolSize: this.maxConnections,
      prefix: this.lockPrefix,
      timeoutMs: this.globalConfig.acquireTimeoutS * 1000,
      logger: this.logger,
      stopWaiting: unreachableError,
    });
    return lock.withLock(async () => {
      const verdict = unreachableError();
      if (verdict) throw verdict;
      const pooled = fresh ? undefined : await this.#pool?.take();
      let session: CliSessionLike;
      if (pooled) session = pooled;
      else {
        try {
          session = await this.openSession();
        } catch (e) {
          if (e instanceof GenericSwitchNetmikoConnectError && !isAuthenticationError(e.cause)) unreachable.set(this.lockPrefix, { at: Date.now(), error: e });
          throw e;
        }
        unreachable.delete(this.lockPrefix);
      }
      let ok = false;
      try {
        const result = await fn(session);
        ok = true;
        return result;
      } catch (e) {
        if (e instanceof GenericSwitchException) throw e;
        // Refused credentials are final: not a broken session worth a retry.
        if (isEnableRefused(e) || isAuthenticationError(e)) throw this.connectError(e);
        throw new SessionFailure(e instanceof Error ? e.message : String(e), { cause: e });
      } finally {
        if (ok && this.#pool) await this.#pool.give(session);
        else await closeQuietly(session);
      }
    });
  }

  /** GenericSwitch* errors pass; anything else becomes a connect error with the sanitised config. */
  protected mapError(e: unknown): GenericSwitchException {
    if (e instanceof GenericSwitchException) return e;
    const cause = e instanceof SessionFailure && e.cause !== undefined ? e.cause : e;
    if (isEnableRefused(cause) || isAuthenticationError(cause)) return this.connectError(cause);
    const error = cause instanceof Error ? cause.message : String(cause);
    this.logger.debug({ error }, "Error sending commands to device");
    return new GenericSwitchNetmikoConnectError({ config: this.where, device: this.sanitisedConfig, error, cause });
  }

  /**
   * Connect, retrying transport failures every `ngs_ssh_connect_interval`
   * seconds for up to `ngs_ssh_connect_timeout` seconds. Refused credentials
   * and host keys fail at once.
   */
  async openSession(): Promise<CliSessionLike> {
    let options: SessionOptions;
    try {
      options = sessionOptionsFromConfig(this.sessionConfig(), this.sessionPlatform);
    } catch (e) {
      if (isSessionConfigError(e)) {
        throw new GenericSwitchNetmikoConfigError({ config: this.where, device: this.sanitisedConfig, error: (e as Error).message, cause: e });
      }
      throw this.connectError(e);
    }
    // The wire at debug level, through this switch's child logger (its name on every line).
    options.logger = this.logger;
    const logFile = this.globalConfig.sessionLogFile;
    if (logFile && options.sessionLog === undefined) options.sessionLog = logFile;

    // tenacity's stop_after_delay + wait_fixed, but every attempt and pause fits inside
    // ngs_ssh_connect_timeout (0: one attempt with its own timeouts).
    const started = Date.now();
    const timeoutMs = this.sshConnectTimeoutS * 1000;
    const intervalMs = this.sshConnectIntervalS * 1000;
    const deadline = timeoutMs > 0 ? started + timeoutMs : undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        return await CliSession.open(deadline === undefined ? options : { ...options, connectDeadline: deadline });
      } catch (e) {
        if (isAuthenticationError(e)) throw this.connectError(e);
        const final = notWorthRetrying(e, options.host);
        if (final) throw this.connectError(e, `not retried: ${final}`);
        const waitMs = deadline === undefined ? -1 : Math.min(intervalMs, deadline - Date.now());
        if (!isRetryableConnectError(e) || deadline === undefined || waitMs <= 0 || Date.now() + waitMs >= deadline) {
          const secs = ((Date.now() - started) / 1000).toFixed(1);
          const tries = `${attempt} attempt${attempt > 1 ? "s" : ""}`;
          throw this.connectError(e, deadline === undefined ? undefined : `gave up after ${tries} in ${secs} s (ngs_ssh_connect_timeout = ${this.sshConnectTimeoutS})`);
        }
        this.logger.info(
          { attempt, error: e instanceof Error ? e.message : String(e), retryInMs: waitMs },
          `SSH connect attempt ${attempt} failed; retrying`,
        );
        await delay(waitMs);
      }
    }
  }

  /** The keys handed to the session layer: transport keys plus the `ngs_*` ones it reads. */
  protected sessionConfig(): Record<string, string> {
    const cfg: Record<string, string> = { ...this.transportConfig, device_type: this.platform };
    for (const key of ["ngs_ssh_disabled_algorithms", "ngs_known_hosts_file", "ngs_host_key_fingerprint"]) {
      const v = this.option(key);
      if (v !== undefined) cfg[key] = v;
    }
    return cfg;
  }

  /**
   * One clean cause per failure: refused credentials and enable secrets are
   * said in a few words (the raw device answer goes to the debug log only);
   * anything else keeps the session layer's message.
   */
  private connectError(e: unknown, note?: string): GenericSwitchNetmikoConnectError {
    let error: string;
    if (isEnableRefused(e)) {
      // The message names the switch once, as its config: `leaf1 (192.0.2.10), error: enable secret rejected`.
      error = e.reason;
      this.logger.debug({ answer: e.output }, error);
    } else if (isAuthenticationError(e)) {
      const user = this.transportConfig.username ?? "";
      error = `authentication as ${user} rejected (check username, password or key_file; not retried)`;
      this.logger.debug({ error: e instanceof Error ? e.message : String(e) }, "authentication failed");
    } else {
      const msg = e instanceof Error ? e.message : String(e);
      error = note ? `${msg} (${note})` : msg;
      this.logger.debug({ error }, "Failed to connect to switch");
    }
    return new GenericSwitchNetmikoConnectError({ config: this.where, device: this.sanitisedConfig, error, cause: e });
  }

  // ---- vendor hooks on a live session ---------------------------------

  /** Send the set in config mode (upstream: enable(), then send_config_set(cmd_verify=False)). */
  async sendConfigSet(session: CliSessionLike, commands: readonly string[]): Promise<string> {
    await session.enable();
    return session.sendConfigSet(commands, { errorPatterns: [...this.errorPatterns] });
  }

  /**
   * Batching: send several batches in ONE config-mode pass (enter once, each
   * batch's lines, leave once), each batch with its own output or error. A
   * line the switch rejects fails only its batch; the pass goes on with the
   * next. Vendors that override `sendConfigSet` (commit, apply, private
   * config) get one `sendConfigSet` per batch instead. Returns fewer outcomes
   * than batches when the session broke (the rest go on a fresh session).
   */
  async sendConfigSets(
    session: CliSessionLike,
    batches: readonly (readonly string[])[],
    onOutcome?: (index: number, outcome: { result: string } | { error: string }) => void,
    before?: (index: number) => Promise<boolean>,
  ): Promise<({ result: string } | { error: string })[]> {
    const out: ({ result: string } | { error: string })[] = [];
    const push = (o: { result: string } | { error: string }) => {
      out.push(o);
      onOutcome?.(out.length - 1, o);
    };
    const singlePass = this.sendConfigSet === CliSwitch.prototype.sendConfigSet;
    if (singlePass) await session.enable();
    for (let i = 0; i < batches.length; i++) {
      // Not allowed to send this one (the worker could not mark it started): stop here.
      if (before && !(await before(i))) return out;
      const last = i === batches.length - 1;
      try {
        const output = singlePass
          ? await session.sendConfigSet(batches[i]!, {
              errorPatterns: [...this.errorPatterns],
              // Stay in config mode between batches; the last one leaves as the platform does.
              ...(last ? {} : { exitConfigMode: false }),
            })
          : await this.sendConfigSet(session, batches[i]!);
        push({ result: output });
      } catch (e) {
        push({ error: e instanceof Error ? e.message : String(e) });
        // A rejected line on a live session fails only this batch; anything else ends the pass.
        if (!singlePass || !isCommandError(e) || !(await aliveQuietly(session))) return out;
        if (last) break;
      }
    }
    return out;
  }

  /**
   * Persist the running config: the platform's save, else each
   * SAVE_CONFIGURATION line with sendCommand, else a warning.
   */
  async saveConfig(session: CliSessionLike): Promise<void> {
    try {
      await session.saveConfig();
    } catch (e) {
      if (!isSaveNotSupported(e)) throw e;
      const lines = this.commands.SAVE_CONFIGURATION;
      if (lines?.length) {
        for (const line of lines) await session.sendCommand(line);
      } else {
        this.logger.warn(`Saving config is not supported for ${this.platform}, all changes will be lost after switch reboot`);
      }
    }
  }

  /**
   * Raise GenericSwitchNetmikoConfigError when the output matches an error
   * pattern; idle pooled sessions are dropped first (their state is unknown).
   */
  checkOutput(output: string | undefined | null, operation: string): void {
    if (!output) return;
    for (const pattern of this.errorPatterns) {
      pattern.lastIndex = 0;
      const m = pattern.exec(output);
      if (!m) continue;
      const line = lineAround(output, m.index);
      this.logger.debug({ operation, output }, `Found invalid configuration in device response. Operation: ${operation}.`);
      throw this.rejected(operation, `the switch answered ${JSON.stringify(line)}`);
    }
  }

  /** Close every pooled session (call on shutdown). */
  async close(): Promise<void> {
    await this.#pool?.drain();
  }
}

/**
 * Failures a retry cannot fix: a refused connection on this very machine
 * (nothing listens there; no network in between to recover) and a host name
 * that does not resolve. Why, for the error; undefined when worth retrying.
 */
function notWorthRetrying(e: unknown, host: string): string | undefined {
  const code = ((e as { cause?: { code?: unknown } } | undefined)?.cause as { code?: unknown } | undefined)?.code;
  if (code === "ENOTFOUND") return `host name ${host} does not resolve`;
  if (code === "ECONNREFUSED" && isLoopback(host)) return `connection refused on loopback (nothing listens on that port)`;
  return undefined;
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\./.test(host) || /^::ffff:127\./i.test(host);
}

async function aliveQuietly(session: CliSessionLike): Promise<boolean> {
  try {
    return await session.isAlive();
  } catch {
    return false;
  }
}

/** The full line of `text` that contains offset `i`. */
function lineAround(text: string, i: number): string {
  const start = text.lastIndexOf("\n", i) + 1;
  const end = text.indexOf("\n", i);
  return text.slice(start, end < 0 ? undefined : end).trim();
}

/** Upstream's `is_802_3ad`: the binding profile describes an LACP bond. */
export function is8023ad(profile: BindingProfile | null | undefined): boolean {
  const mode = profile?.local_group_information?.bond_mode;
  return mode === "4" || mode === "802.3ad";
}

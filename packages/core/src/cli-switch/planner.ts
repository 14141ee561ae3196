import { getPlatform, type Platform } from "@ngs/cli-session";
import { GenericSwitchDevice, trunkNotSupported, type PortOptions } from "../device.js";
import { GenericSwitchException, GenericSwitchNotSupported, GenericSwitchNetworkNameFormatInvalid } from "../errors.js";
import type { SecurityGroup, SecurityGroupRule } from "../types.js";
import { networkIdHex, showValue, validateNetworkId, validatePortName, validateVlanId, type PortNameRule } from "../validation.js";
import { vlanNameProblem, type VlanNameRule } from "../options/name-format.js";
import { applyAlways, DEFAULT_APPLY, DEFAULT_CONFIG_MODE, describeApply, withApplyLine, type ApplyStyle, type ConfigModeStyle } from "./apply-style.js";
import { validateVni } from "./l2vni.js";
import { CHANGE_TEMPLATES, is8023ad, OPERATION_NAMES, type CliCommandPlan, type CliOperation, type OperationArgs, type PortStep, type VlanId } from "./operations.js";
import { bondTemplates, composePlugBond, composeUnplugBond } from "./plan/bonds.js";
import type { Composer } from "./plan/composer.js";
import { composeAddNetwork, composeDefaultVlanNetwork, composeDelNetwork } from "./plan/networks.js";
import { composeDeletePort, composePlugPort } from "./plan/ports.js";
import { composeBind, composeBindings, composeSecurityGroup, composeUnbind, type AclComposer } from "./plan/security-groups.js";
import { composeAddSubports, composeDelSubports } from "./plan/trunks.js";
import { aclFilter, aclPrefix } from "./security-groups.js";
import { formatCommands, type CommandTemplate, type CommandTemplates, type TemplateVars } from "./templates.js";

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
  /** How a config set is sent (enable, config-mode command, stay in config mode). */
  readonly configMode?: ConfigModeStyle;
  /** What makes a set take effect: save, commit, commit then save, an apply line, nothing. */
  readonly applyMode?: ApplyStyle;
  /** False: `ngs_batch_requests` is ignored and every change is sent on its own (SR Linux). */
  readonly batchable?: boolean;
}

/**
 * The planner half of a CLI switch: operation + arguments → the queries,
 * config lines and apply steps to run, validated, with no I/O. `plan()` is
 * what `--dry-run` prints and what the runner sends. Composition per
 * operation family lives in `plan/*.ts`; the `compose*` methods here are the
 * steps a vendor may replace.
 */
export abstract class CliPlanner extends GenericSwitchDevice {
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
  /** How this class sends a config set (`static configMode`). */
  get configMode(): ConfigModeStyle {
    return this.statics.configMode ?? DEFAULT_CONFIG_MODE;
  }
  /** How this class applies a change (`static applyMode`). */
  get applyMode(): ApplyStyle {
    return this.statics.applyMode ?? DEFAULT_APPLY;
  }
  /** A commit that is how a change takes effect runs after every change, whatever `ngs_save_configuration` says. */
  override get saveConfiguration(): boolean {
    if (this.applyMode.kind === "none") return false;
    return applyAlways(this.applyMode) || super.saveConfiguration;
  }
  override get supportTrunkOnPorts(): boolean {
    return Boolean(this.commands.ADD_NETWORK_TO_TRUNK?.length);
  }
  override get supportTrunkOnBondPorts(): boolean {
    return Boolean(this.commands.ADD_NETWORK_TO_BOND_TRUNK?.length);
  }
  override get supportsSecurityGroups(): boolean {
    return Boolean(this.commands.ADD_SECURITY_GROUP?.length);
  }

  /** Fill templates; a missing or empty value raises GenericSwitchNetmikoMethodError. */
  protected formatCommands(templates: CommandTemplate | undefined, vars: TemplateVars = {}): string[] {
    return formatCommands(templates, vars);
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

  // ---- composition steps (docs/upstream.md#how-an-operation-becomes-commands); bodies in plan/*.ts ----

  /** This device as the composition functions see it (its own, possibly overridden, steps). */
  protected get composer(): Composer {
    return {
      commands: this.commands,
      disableInactivePorts: this.disableInactivePorts,
      format: (t, v) => this.formatCommands(t, v),
      networkName: (id, seg) => this.formatNetworkName(id, seg),
      trunkPorts: () => this.validTrunkPorts(),
      plugPort: (s) => this.composePlugPort(s),
      deletePort: (s) => this.composeDeletePort(s),
      defaultVlanNetwork: (v) => this.composeDefaultVlanNetwork(v),
    };
  }
  protected composeAddNetwork(segmentationId: number, networkIdHexValue: string): string[] {
    return composeAddNetwork(this.composer, segmentationId, networkIdHexValue);
  }
  protected composeDelNetwork(segmentationId: number, networkIdHexValue: string): string[] {
    return composeDelNetwork(this.composer, segmentationId, networkIdHexValue);
  }
  protected composeDefaultVlanNetwork(vlan: number): string[] {
    return composeDefaultVlanNetwork(this.composer, vlan);
  }
  protected composePlugPort(s: PortStep): string[] {
    return composePlugPort(this.composer, s);
  }
  protected composeDeletePort(s: PortStep): string[] {
    return composeDeletePort(this.composer, s);
  }
  /** Has bond templates of its own; otherwise bonds are plugged like ports. */
  protected get hasBondTemplates(): { plug: boolean; unplug: boolean } {
    return bondTemplates(this.commands);
  }
  protected composePlugBond(s: PortStep): string[] {
    return composePlugBond(this.composer, s);
  }
  protected composeUnplugBond(s: PortStep): string[] {
    return composeUnplugBond(this.composer, s);
  }
  protected composeAddSubports(isBond: boolean, portId: string, vlans: number[]): string[] {
    return composeAddSubports(this.composer, isBond, portId, vlans);
  }
  protected composeDelSubports(isBond: boolean, portId: string, vlans: number[]): string[] {
    return composeDelSubports(this.composer, isBond, portId, vlans);
  }
  /** L2VNI: map a VLAN to a VNI. None in the base; vendors with VXLAN override (and `supportsL2vni`). */
  protected composePlugSwitch(_vni: number, _segmentationId: number, _physnet: string | null): string[] {
    return [];
  }
  protected composeUnplugSwitch(_vni: number, _segmentationId: number, _physnet: string | null): string[] {
    return [];
  }

  // ---- security groups (templates NX-OS and OS10 use) ----------------

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
    return new GenericSwitchNotSupported({ feature: "this security group rule", switch: `${this.deviceType} switch ${this.deviceName}`, error });
  }
  /** The values one rule's template uses: protocol, remote prefix (`any` when absent), port/ICMP filter. */
  protected ruleVars(sgId: string, rule: SecurityGroupRule): Record<string, string> {
    const proto = String(rule.protocol);
    if (!/^[a-z0-9]+$/i.test(proto)) throw this.ruleNotSupported(`protocol ${JSON.stringify(rule.protocol)}`);
    return { ...this.aclNames(sgId), protocol: proto, remote_ip_prefix: aclPrefix(rule.remote_ip_prefix), filter: aclFilter(rule) };
  }
  private get aclComposer(): AclComposer {
    return {
      commands: this.commands,
      format: (t, v) => this.formatCommands(t, v),
      aclNames: (id) => this.aclNames(id),
      acceptRule: (r) => this.acceptRule(r),
      ruleVars: (id, r) => this.ruleVars(id, r),
      ruleNotSupported: (e) => this.ruleNotSupported(e),
      portName: (p) => this.portName(p),
    };
  }
  protected composeSecurityGroup(sg: SecurityGroup, deleteFirst: boolean): string[] {
    return composeSecurityGroup(this.aclComposer, sg, deleteFirst);
  }
  protected composeBindings(portIds: readonly string[], names: Record<string, string>): string[] {
    return composeBindings(this.aclComposer, portIds, names);
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
      commands: withApplyLine(commands, this.applyMode),
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
        return operation === "addSubportsOnTrunk" ? this.composeAddSubports(isBond, portId, vlans) : this.composeDelSubports(isBond, portId, vlans);
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
        return composeBind(this.aclComposer, a.sg, a.portId, a.portIds);
      }
      case "unbindSecurityGroup": {
        const a = args as OperationArgs["unbindSecurityGroup"];
        return composeUnbind(this.aclComposer, a.sgId, a.portId, a.portIds);
      }
      default:
        throw new GenericSwitchException({ method: `unknown operation ${String(operation)}` });
    }
  }

  /** Read-only queries an operation runs before its change (none in the base). */
  protected queriesFor<K extends CliOperation>(_operation: K, _args: OperationArgs[K]): string[] {
    return [];
  }

  /**
   * The set to send once the `queriesFor` answers are known (still no I/O:
   * the runner ran the queries on the session it sends on). The base sends
   * what was planned; Brocade leaves the port's current VLAN first.
   */
  protected planAfterQueries<K extends CliOperation>(_operation: K, _args: OperationArgs[K], _answers: readonly string[], planned: readonly string[]): string[] {
    return [...planned];
  }

  /** What the apply step after a set sends, for dry runs (from `static applyMode`). */
  protected describeSave(): string[] {
    const platform = this.sessionPlatform;
    return describeApply(this.applyMode, this.commands.SAVE_CONFIGURATION, {
      save: platform.save?.command,
      commit: platform.commit?.command,
    });
  }
}

import type { Coordinator } from "./coordinator.js";
import {
  brandedInstanceOf,
  GenericSwitchConfigException,
  GenericSwitchInvalidValue,
  GenericSwitchNetworkNameFormatInvalid,
  GenericSwitchNotSupported,
  sanitiseConfig,
} from "./errors.js";
import { defaultLogger, switchLogger, type Logger } from "./logging.js";
import { didYouMean } from "./config/keys.js";
import { NGS_OPTIONS, parseNgsOptions, type NgsConfig } from "./options/ngs-options.js";
import { parseDeclaredOptions, type OptionSpecs } from "./options/declare.js";
import { collectDeclaredOptions, collectExtraOptions } from "./device-class-options.js";
import type { Batcher, DeviceContext, NetworkOptions, PortOptions } from "./device-context.js";
import type {
  BindingProfile,
  CommandPlan,
  DeviceConfig,
  NgsGlobalConfig,
  SecurityGroup,
  SecurityGroupRule,
  SubPort,
  TrunkDetails,
} from "./types.js";
import { networkIdHex, validateVlanId } from "./validation.js";
// The device's surroundings, class-level helpers and the trunk check live in
// their own modules; this one still exports them all (plugins import it).
export type { Batcher, DeviceContext, NetworkOptions, PortOptions } from "./device-context.js";
export { DEVICE_OPERATIONS, type DeviceClass } from "./device-class.js";
export { collectDeclaredOptions, collectExtraOptions } from "./device-class-options.js";
export { trunkNotSupported } from "./trunk-support.js";

const DEVICE_BRAND = Symbol.for("@ngs/core:GenericSwitchDevice");

/** `acquire_timeout`'s default (docs/upstream.md#global-options). */
export const DEFAULT_ACQUIRE_TIMEOUT_S = 60;

/**
 * Every operation of a switch device (docs/upstream.md#device-types). Names follow upstream's
 * methods in camelCase; a vendor that cannot do something inherits the
 * default, which reports it as unsupported or does nothing, as upstream does.
 *
 * The constructor signature is the plugin contract:
 *   new Device(config, deviceName, context)
 * It parses every `ngs_*` option once and throws one
 * `GenericSwitchConfigException` listing every bad option.
 */
export abstract class GenericSwitchDevice {
  /** The plugin API this class implements; the loader checks it. */
  static readonly pluginApi: number = 1;
  /**
   * The vendor options this class reads, each with its parser, default and
   * description (`{ ngs_bgp_asn: asn(), ngs_commit_timeout: seconds({ default: 60 }) }`,
   * parsers from `@ngs/core/device-kit`). The base parses them when the
   * device is built, reports every bad value with the shared ones (so
   * `ngs config check` and every config load name file, section and key),
   * and hands the class the typed values as `this.options`. Collected along
   * the class chain, so a subclass declares only its own (or overrides one).
   */
  static readonly options: OptionSpecs = {};
  /**
   * @deprecated Declare `options` instead. Names of vendor options this
   * class reads as raw strings (`option(name)`): known, so not warned about,
   * but unchecked. Still honoured for plugins written before declarations.
   */
  static readonly extraOptions: readonly string[] = [];

  /** Recognise devices built on another copy of @ngs/core too (see brandedInstanceOf). */
  static [Symbol.hasInstance](v: unknown): boolean {
    return brandedInstanceOf(this, DEVICE_BRAND, v);
  }

  readonly deviceName: string;
  readonly deviceType: string;
  /** The non-`ngs_` keys (device_type included): what the transport gets. */
  readonly transportConfig: Readonly<Record<string, string>>;
  readonly ngsConfig: Readonly<NgsConfig>;
  /**
   * The declared vendor options (`static options`), parsed: a subclass
   * types it with `declare readonly options: OptionValues<typeof MY_OPTIONS>`.
   */
  readonly options: Readonly<Record<string, unknown>>;
  protected readonly logger: Logger;
  protected readonly context: DeviceContext;
  private readonly rawOptions: Readonly<Record<string, string>>;

  constructor(config: DeviceConfig, deviceName: string, context: DeviceContext = {}) {
    this.deviceName = deviceName;
    this.context = context;
    this.logger = switchLogger(context.logger ?? defaultLogger(), deviceName);
    const where = `[genericswitch:${deviceName}]`;

    const extra = collectExtraOptions(new.target);
    const parsed = parseNgsOptions(config, extra);
    const declared = parseDeclaredOptions(collectDeclaredOptions(new.target), parsed.raw, new.target);
    // Set before the checks so a subclass's `configProblems()` can read options.
    this.deviceType = config.device_type?.trim() ?? "";
    this.transportConfig = Object.freeze({ ...parsed.transport });
    this.ngsConfig = Object.freeze(parsed.config);
    this.rawOptions = Object.freeze(parsed.raw);
    this.options = declared.values;

    const problems = [...parsed.problems, ...declared.problems, ...parsed.keyProblems.errors];
    if (!this.deviceType) problems.unshift("device_type: missing (every device section needs one, e.g. device_type = netmiko_cisco_ios)");
    if (parsed.config.batchRequests && !context.batcher && !context.global?.backendUrl) {
      problems.push("ngs_batch_requests: needs [ngs_coordination] backend_url (an etcd URL) to be configured");
    }
    // A subclass's own checks too (on defaults where a shared option was bad), so every problem is listed at once.
    problems.push(...this.configProblems());
    if (problems.length > 0) {
      const message = `Invalid configuration for switch ${deviceName}:\n${problems.map((p) => `  ${where} ${p}`).join("\n")}`;
      // Upstream raises this class for a bad name format; keep it, with every other problem listed too.
      const nameFormatError = parsed.failures.get("ngs_network_name_format");
      if (nameFormatError instanceof GenericSwitchNetworkNameFormatInvalid) {
        throw new GenericSwitchNetworkNameFormatInvalid({ message, ...nameFormatError.args, problems });
      }
      throw new GenericSwitchConfigException({ message, option: where, problems });
    }
    const known = [...NGS_OPTIONS, ...extra];
    for (const key of parsed.unknown) {
      this.logger.warn({ option: key }, `Ignoring unknown option '${key}' for switch ${deviceName}${didYouMean(key, known)}`);
    }
    for (const key of parsed.ignored) this.logger.warn({ option: key }, `Ignoring netmiko option '${key}' for switch ${deviceName}: ngs does not use it`);
  }

  /**
   * Checks that no single option's parser can make (one option against
   * another, or against the dialect), as `key: message` lines, reported with
   * the declared options' problems when the device is built (that is, when
   * the config loads). Runs inside the base constructor: read `options`,
   * `ngsConfig` and `option()` only, not fields the subclass sets itself.
   */
  protected configProblems(): string[] {
    return [];
  }

  // ---- options --------------------------------------------------------

  /** A recognised `ngs_*` option (base, declared or extra) as written, or undefined; prefer the parsed `options`. */
  option(name: string): string | undefined {
    return this.rawOptions[name];
  }
  /** The transport config with secrets masked: safe for logs and error messages. */
  get sanitisedConfig(): Record<string, unknown> {
    return sanitiseConfig(this.transportConfig);
  }
  get globalConfig(): NgsGlobalConfig {
    return this.context.global ?? { acquireTimeoutS: DEFAULT_ACQUIRE_TIMEOUT_S };
  }
  get coordinator(): Coordinator | undefined {
    return this.context.coordinator;
  }
  get batcher(): Batcher | undefined {
    return this.context.batcher;
  }
  get physicalNetworks(): string[] {
    return [...this.ngsConfig.physicalNetworks];
  }
  get trunkPorts(): string[] {
    return [...this.ngsConfig.trunkPorts];
  }
  get macAddress(): string | undefined {
    return this.ngsConfig.macAddress;
  }
  get managesVlans(): boolean {
    return this.ngsConfig.manageVlans;
  }
  get saveConfiguration(): boolean {
    return this.ngsConfig.saveConfiguration;
  }
  get disableInactivePorts(): boolean {
    return this.ngsConfig.disableInactivePorts;
  }
  get portDefaultVlan(): number | undefined {
    return this.ngsConfig.portDefaultVlan;
  }
  get networkNameFormat(): string {
    return this.ngsConfig.networkNameFormat.source;
  }
  get batchRequests(): boolean {
    return this.ngsConfig.batchRequests;
  }
  get maxConnections(): number {
    return this.ngsConfig.maxConnections;
  }
  get reuseConnection(): boolean {
    return this.ngsConfig.reuseConnection;
  }
  get sshConnectTimeoutS(): number {
    return this.ngsConfig.sshConnectTimeoutS;
  }
  get sshConnectIntervalS(): number {
    return this.ngsConfig.sshConnectIntervalS;
  }
  get securityGroupsEnabled(): boolean {
    return this.ngsConfig.securityGroupsEnabled;
  }
  /**
   * The lock and batch key: `host`, else `ip` (upstream), else the device
   * name (ngs: devices without an address, such as the fake, still lock).
   */
  get lockPrefix(): string {
    return this.transportConfig.host || this.transportConfig.ip || this.deviceName;
  }

  /** `ngs_allowed_ports` / `ngs_allowed_vlans`: may this port join this VLAN? */
  isAllowed(portId: string, vlan: number | string): boolean {
    return this.notAllowed(portId, [vlan]) === undefined;
  }

  /**
   * The switch's own limits, enforced by the device itself so every entry
   * point (ML2 driver, `ngs`, library callers) is refused alike: the error
   * for the first of `port` / `vlans` outside `ngs_allowed_ports` /
   * `ngs_allowed_vlans`, naming the switch, the value and the allowed set.
   */
  notAllowed(port: string | undefined, vlans: readonly (number | string)[]): GenericSwitchInvalidValue | undefined {
    const { allowedPorts, allowedVlans } = this.ngsConfig;
    const refuse = (what: string, value: string, option: string, allowed: readonly string[]) =>
      new GenericSwitchInvalidValue({
        what,
        value,
        reason: `switch ${this.deviceName} allows only ${option} = ${allowed.length ? allowed.join(",") : "(none)"}`,
        switch: this.deviceName,
        allowed,
      });
    if (port !== undefined && allowedPorts !== null && !allowedPorts.includes(port)) return refuse("port", port, "ngs_allowed_ports", allowedPorts);
    if (allowedVlans !== null) {
      const bad = vlans.find((v) => !allowedVlans.includes(String(v)));
      if (bad !== undefined) return refuse("VLAN", String(bad), "ngs_allowed_vlans", allowedVlans);
    }
    return undefined;
  }

  /**
   * Why a change asked of this switch is skipped on purpose (and so sends
   * nothing): `ngs_manage_vlans = false` for VLAN create/delete. Undefined
   * when the operation is carried out.
   */
  skipReason(operation: string): string | undefined {
    if ((operation === "addNetwork" || operation === "delNetwork") && !this.managesVlans) return "ngs_manage_vlans = false";
    return undefined;
  }

  /**
   * The VLAN name for `ngs_network_name_format`. `networkId` is a UUID
   * (rendered as 32 hex digits, like upstream's `uuid.UUID(id).hex`), or a
   * VLAN id for the default-VLAN restore, which upstream formats with the
   * VLAN in both places.
   */
  formatNetworkName(networkId: string | number, segmentationId: number | string): string {
    const seg = String(validateVlanId(segmentationId, "segmentation id"));
    const id = typeof networkId === "number" || /^[0-9]{1,4}$/.test(networkId)
      ? String(validateVlanId(networkId, "network id"))
      : networkIdHex(networkId);
    return this.ngsConfig.networkNameFormat.format({ network_id: id, segmentation_id: seg });
  }

  // ---- capabilities ---------------------------------------------------

  /** Neutron trunks on ports (upstream: `bool(ADD_NETWORK_TO_TRUNK)`). */
  get supportTrunkOnPorts(): boolean {
    return false;
  }
  /** Neutron trunks on bonds (upstream: `bool(ADD_NETWORK_TO_BOND_TRUNK)`). */
  get supportTrunkOnBondPorts(): boolean {
    return false;
  }
  /** L2VNI: the switch can map a VLAN to a VNI (upstream: `PLUG_SWITCH_TO_NETWORK` is set). */
  get supportsL2vni(): boolean {
    return false;
  }
  /**
   * Trunk ports get the full VLAN set of the switch's physnets on every
   * network change (upstream's `trunk_vlans_converge`, LP#2154349): the ML2
   * driver then passes `physnetVlans` to add/delete network.
   */
  get trunkVlansConverge(): boolean {
    return false;
  }
  /** The security-group hooks do something on this switch type. */
  get supportsSecurityGroups(): boolean {
    return false;
  }

  // ---- operations -----------------------------------------------------

  abstract addNetwork(segmentationId: number | string, networkId: string, options?: NetworkOptions): Promise<string | void>;
  abstract delNetwork(segmentationId: number | string, networkId: string, options?: NetworkOptions): Promise<string | void>;
  abstract plugPortToNetwork(port: string, segmentationId: number | string, options?: PortOptions): Promise<string | void>;
  abstract deletePort(port: string, segmentationId: number | string, options?: PortOptions): Promise<string | void>;
  abstract plugBondToNetwork(bond: string, segmentationId: number | string, options?: PortOptions): Promise<string | void>;
  abstract unplugBondFromNetwork(bond: string, segmentationId: number | string, options?: PortOptions): Promise<string | void>;
  abstract addSubportsOnTrunk(
    bindingProfile: BindingProfile,
    portId: string,
    subports: SubPort[],
    trunkDetails?: TrunkDetails | null,
  ): Promise<string | void>;
  abstract delSubportsOnTrunk(
    bindingProfile: BindingProfile,
    portId: string,
    subports: SubPort[],
    trunkDetails?: TrunkDetails | null,
  ): Promise<string | void>;

  // ---- L2VNI hooks (upstream's conservative defaults) -----------------

  /** Map VLAN `segmentationId` to `vni` on the switch. Default: nothing to do. */
  async plugSwitchToNetwork(_vni: number | string, _segmentationId: number | string, _physnet?: string | null): Promise<string | void> {
    return undefined;
  }
  /** Undo `plugSwitchToNetwork`. Default: nothing to do. */
  async unplugSwitchFromNetwork(_vni: number | string, _segmentationId: number | string, _physnet?: string | null): Promise<string | void> {
    return undefined;
  }
  /** Does any port still carry this VLAN? Default true, so nothing gets torn down by mistake. */
  async vlanHasPorts(_segmentationId: number | string): Promise<boolean> {
    return true;
  }
  /** Is this VLAN already mapped to this VNI? Default false, so the mapping gets (re)applied. */
  async vlanHasVni(_segmentationId: number | string, _vni: number | string): Promise<boolean> {
    return false;
  }

  // ---- security-group hooks (unsupported unless a vendor overrides) ---

  async addSecurityGroup(_sg: SecurityGroup): Promise<string | void> {
    throw this.notSupported("security groups");
  }
  async updateSecurityGroup(_sg: SecurityGroup): Promise<string | void> {
    throw this.notSupported("security groups");
  }
  async delSecurityGroup(_sgId: string): Promise<string | void> {
    throw this.notSupported("security groups");
  }
  async bindSecurityGroup(_sg: SecurityGroup, _portId: string, _portIds: string[]): Promise<string | void> {
    throw this.notSupported("security groups");
  }
  async unbindSecurityGroup(_sgId: string, _portId: string, _portIds: string[]): Promise<string | void> {
    throw this.notSupported("security groups");
  }

  protected notSupported(feature: string, error = ""): GenericSwitchNotSupported {
    return new GenericSwitchNotSupported({ feature, switch: this.switchLabel, error });
  }

  /** How errors name this switch: `netmiko_huawei switch leaf1`. */
  get switchLabel(): string {
    return `${this.deviceType} switch ${this.deviceName}`;
  }
}

Object.defineProperty(GenericSwitchDevice.prototype, DEVICE_BRAND, { value: true });

export type { BindingProfile, CommandPlan, DeviceConfig, SecurityGroup, SecurityGroupRule, SubPort, TrunkDetails };

/**
 * The GenericSwitch* exception family. Class names and message templates are
 * upstream's (the seed's), so operators' log searches and runbooks still match.
 * Templates use Python's `%(name)s` placeholders, filled from keyword args.
 */

import { isCredentialKey } from "./config/keys.js";

export type ErrorArgs = Record<string, unknown>;

/** Fill `%(name)s` placeholders; a missing value renders as `<name?>` instead of throwing. */
export function formatTemplate(template: string, args: ErrorArgs): string {
  return template.replace(/%\((\w+)\)s/g, (_m, key: string) =>
    key in args && args[key] !== undefined ? renderValue(args[key]) : `<${key}?>`,
  );
}

function renderValue(v: unknown): string {
  if (v instanceof Error) return v.message;
  if (typeof v === "string") return v;
  if (v === null) return "None";
  if (typeof v === "object") {
    try {
      return JSON.stringify(v);
    } catch {
      return String(v);
    }
  }
  return String(v);
}

export interface GenericSwitchErrorOptions extends ErrorArgs {
  /** The underlying error; kept as the standard `cause`. */
  cause?: unknown;
  /** Replace the template entirely (upstream's `message=` kwarg). */
  message?: string;
}

/** Marks ngs errors in the global symbol registry, shared by every copy of @ngs/core. */
const ERROR_BRAND = Symbol.for("@ngs/core:GenericSwitchException");

/**
 * `instanceof` that also recognises instances made by another copy of
 * @ngs/core (a plugin dir that installed its own peer copy): same brand,
 * and a class of the same name in the instance's chain.
 */
export function brandedInstanceOf(cls: abstract new (...args: never[]) => unknown, brand: symbol, v: unknown): boolean {
  if (typeof v !== "object" || v === null) return false;
  if (Function.prototype[Symbol.hasInstance].call(cls, v)) return true;
  if (!(v as Record<symbol, unknown>)[brand]) return false;
  for (let p = Object.getPrototypeOf(v) as { constructor?: { name: string } } | null; p; p = Object.getPrototypeOf(p) as typeof p) {
    if (p.constructor?.name === cls.name) return true;
  }
  return false;
}

export class GenericSwitchException extends Error {
  static template = "%(method)s failed.";

  static override [Symbol.hasInstance](v: unknown): boolean {
    return brandedInstanceOf(this, ERROR_BRAND, v);
  }
  /** The keyword arguments the message was built from. */
  readonly args: ErrorArgs;

  constructor(options: GenericSwitchErrorOptions = {}) {
    const { cause, message, ...args } = options;
    const template = (new.target as typeof GenericSwitchException).template;
    super(message ?? formatTemplate(template, args), cause === undefined ? undefined : { cause });
    this.name = new.target.name;
    this.args = args;
  }
}

Object.defineProperty(GenericSwitchException.prototype, ERROR_BRAND, { value: true });

export class GenericSwitchConfigException extends GenericSwitchException {
  static override template = "%(option)s must be one of: %(allowed_options)s";
}
export class GenericSwitchEntrypointLoadError extends GenericSwitchException {
  static override template = "Failed to load entrypoint %(ep)s: %(err)s";
}
export class GenericSwitchNetworkNameFormatInvalid extends GenericSwitchException {
  static override template =
    "Invalid value for 'ngs_network_name_format': %(name_format)s. Valid format options include 'network_id' and 'segmentation_id'";
}
export class GenericSwitchNetmikoMethodError extends GenericSwitchException {
  static override template = "Can not parse arguments: commands %(cmds)s, args %(args)s";
}
export class GenericSwitchNetmikoNotSupported extends GenericSwitchException {
  static override template = "Netmiko does not support device type %(device_type)s";
}
/** `config` must be a sanitised config (see `sanitiseConfig`): never a password, secret or key. */
export class GenericSwitchNetmikoConnectError extends GenericSwitchException {
  static override template = "Netmiko connection error: %(config)s, error: %(error)s";
}
/** `config` must be a sanitised config (see `sanitiseConfig`): never a password, secret or key. */
export class GenericSwitchNetmikoConfigError extends GenericSwitchException {
  static override template = "Netmiko configuration error: %(config)s, error: %(error)s";
}
export class GenericSwitchBatchError extends GenericSwitchException {
  static override template = "Batching error: %(device)s, error: %(error)s";
}
export class GenericSwitchNotSupported extends GenericSwitchException {
  static override template =
    "Requested feature %(feature)s is not supported by networking-generic-switch on the %(switch)s. %(error)s";
}
/**
 * A value that would reach a switch CLI (port name, VLAN id, network id) is
 * malformed or carries characters that could inject commands. Not upstream's;
 * ngs validates before anything is sent.
 */
export class GenericSwitchInvalidValue extends GenericSwitchException {
  static override template = "Invalid %(what)s %(value)s: %(reason)s";
}
/** PoolLock gave up (upstream logs this text and re-raises tooz's LockAcquireFailed). */
export class GenericSwitchLockAcquireFailed extends GenericSwitchException {
  static override template =
    "Failed to acquire any of %(pool_size)s locks for %(prefix)s for a netmiko action in %(timeout)s seconds. Try increasing acquire_timeout.";
}
/** A security group rule a switch cannot express (upstream's newer class, for the SG hooks). */
export class GenericSwitchSecurityGroupRuleNotSupported extends GenericSwitchNotSupported {
  static override template = "Security group rule is not supported on the %(switch)s. %(error)s";
}
/** A NETCONF switch refused or failed an RPC (upstream's class; ngs names the RPC and the rpc-error). */
export class GenericSwitchNetconfError extends GenericSwitchException {
  static override template = "NETCONF operation failed on device %(device)s: %(error)s";
}
/** The NETCONF session could not be opened (SSH, authentication, the `netconf` subsystem, the hello). */
export class GenericSwitchNetconfConnectError extends GenericSwitchException {
  static override template = "Failed to connect to NETCONF device %(device)s: %(error)s";
}
/** `lock-denied`: another session holds the datastore lock (retried with a bounded back-off first). */
export class GenericSwitchNetconfLockDenied extends GenericSwitchException {
  static override template =
    "Access to the requested lock is denied because the lock is currently held by another entity.";
}
/** `operation-failed` from the switch; nothing was committed. */
export class GenericSwitchNetconfOperationFailed extends GenericSwitchException {
  static override template = "The NETCONF device returned operation-failed. The request will be retried.";
}
export class ShutdownTimeout extends GenericSwitchException {
  static override template = "Shutdown timed out after %(timeout)s seconds waiting for %(pending)s.";
}

/** Keys whose values never leave the process (logs, errors, transcripts). */
export const SECRET_KEYS: ReadonlySet<string> = new Set([
  "password",
  "secret",
  "passphrase",
  "key_file",
  "private_key",
  "privateKey",
  "alt_key_file",
  "backend_url",
]);

/**
 * A copy of a device config that is safe to log or put in an error message:
 * secrets are masked (upstream masks them as `******`), judged by what a key
 * looks like (`isCredentialKey`: `passwrod`, `snmp_community`, `api_token`…),
 * not only by the known names.
 */
export function sanitiseConfig(config: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) out[k] = SECRET_KEYS.has(k) || isCredentialKey(k) ? "******" : v;
  return out;
}

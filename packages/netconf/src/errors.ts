/**
 * Typed errors of @ngs/netconf. Like @ngs/cli-session this package sits below
 * @ngs/core, so it has its own family and the device maps them onto
 * GenericSwitch* errors. Connection failures reuse cli-session's ConnectError,
 * AuthenticationError and HostKeyMismatchError (same transport code).
 * Messages never contain passwords or keys: NETCONF payloads carry neither.
 */

export interface NetconfErrorOptions {
  cause?: unknown;
  host?: string;
  port?: number;
}

export class NetconfError extends Error {
  readonly host: string | undefined;
  readonly port: number | undefined;

  constructor(message: string, options: NetconfErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.host = options.host;
    this.port = options.port;
  }
}

/** A value given to a session method is unusable (bad datastore name, malformed XML, ...). Nothing was sent. */
export class NetconfInputError extends NetconfError {}

/** The server broke the protocol (framing, malformed XML, a hello without base capability). The session is closed. */
export class NetconfProtocolError extends NetconfError {}

/** The server does not advertise a capability the operation needs. Nothing was sent. */
export class NetconfCapabilityError extends NetconfError {
  constructor(readonly capability: string, message: string, options: NetconfErrorOptions = {}) {
    super(message, options);
  }
}

/**
 * The session ended (server closed it, the connection dropped, or
 * closeSession/close was called) before a reply arrived. Pending RPCs and
 * every later call fail with this.
 */
export class NetconfSessionClosedError extends NetconfError {}

/**
 * No reply within the RPC deadline. The session is closed as well: the
 * server may still act on the request, and a late reply must not be taken
 * for the answer to a later one.
 */
export class NetconfTimeoutError extends NetconfError {
  constructor(readonly operation: string, readonly timeoutMs: number, message: string, options: NetconfErrorOptions = {}) {
    super(message, options);
  }
}

/** One `<rpc-error>` (RFC 6241 §4.3). */
export interface RpcErrorInfo {
  /** `transport` | `rpc` | `protocol` | `application`. */
  type: string;
  /** `lock-denied`, `operation-failed`, `in-use`, `invalid-value`, ... */
  tag: string;
  /** `error` | `warning`. */
  severity: string;
  /** `error-app-tag`, when present. */
  appTag?: string;
  /** `error-path` (an XPath naming the node), when present. */
  path?: string;
  /** `error-message` text, when present. */
  message?: string;
  /**
   * `error-info` children by local name (`session-id`, `bad-element`, ...),
   * text values; absent when the error has none.
   */
  info?: Record<string, string>;
}

/**
 * The server answered an RPC with `<rpc-error>`. `tag`, `severity`, `type`,
 * `path`, `errorMessage` and `info` describe the first error; `errors` has all.
 * For `lock-denied`, `info["session-id"]` is the holder's session (0: a
 * non-NETCONF entity such as a CLI user).
 */
export class NetconfRpcError extends NetconfError {
  readonly type: string;
  readonly tag: string;
  readonly severity: string;
  readonly appTag: string | undefined;
  readonly path: string | undefined;
  readonly errorMessage: string | undefined;
  readonly info: Record<string, string> | undefined;

  constructor(
    /** The RPC that failed (`edit-config`, `lock`, ...). */
    readonly operation: string,
    readonly errors: RpcErrorInfo[],
    options: NetconfErrorOptions = {},
  ) {
    const first = errors[0] ?? { type: "rpc", tag: "operation-failed", severity: "error" };
    const where = options.host === undefined ? "" : ` on ${options.host}:${options.port}`;
    const describe = (e: RpcErrorInfo) =>
      `${e.tag}${e.message ? `: ${e.message}` : ""}${e.path ? ` (at ${e.path})` : ""}`;
    super(`NETCONF ${operation}${where} failed: ${errors.map(describe).join("; ") || describe(first)}`, options);
    this.type = first.type;
    this.tag = first.tag;
    this.severity = first.severity;
    this.appTag = first.appTag;
    this.path = first.path;
    this.errorMessage = first.message;
    this.info = first.info;
  }

  /** Whether any of the errors has this tag. */
  hasTag(tag: string): boolean {
    return this.errors.some((e) => e.tag === tag);
  }
}

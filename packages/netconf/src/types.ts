/** The public contract of @ngs/netconf's session. */
import type { HostKeyPolicy, SessionOptions, WireLogger } from "@ngs/cli-session";

export type { HostKeyPolicy, WireLogger };

/**
 * SSH options are @ngs/cli-session's (same meaning, same defaults) except
 * `port`, which defaults to 830 (RFC 6242).
 */
export type NetconfSshOptions = Pick<
  SessionOptions,
  | "host"
  | "port"
  | "username"
  | "password"
  | "privateKey"
  | "passphrase"
  | "agent"
  | "hostKey"
  | "connectTimeoutMs"
  | "connectDeadline"
  | "authTimeoutMs"
  | "bannerTimeoutMs"
  | "disabledAlgorithms"
>;

export interface NetconfSessionOptions extends NetconfSshOptions {
  /** Deadline for the server's hello once the subsystem is open (default 15 s). */
  helloTimeoutMs?: number;
  /** Deadline for each RPC reply (default 60 s). A timeout closes the session. */
  rpcTimeoutMs?: number;
  /** Base versions to offer (default both); `["1.0"]` forces end-of-message framing. */
  baseVersions?: ("1.0" | "1.1")[];
  /** Largest message accepted from the server (default 64 MiB); a bigger one closes the session. */
  maxMessageBytes?: number;
  /** Debug log: connect, hello, each RPC (operation, message-id, duration), close. */
  logger?: WireLogger;
}

/** NETCONF configuration datastores (RFC 6241 §5.1). */
export type Datastore = "running" | "candidate" | "startup";

/**
 * A subtree filter as an XML string (the filter's content, e.g.
 * `<interfaces xmlns="http://openconfig.net/yang/interfaces"/>`), or an
 * XPath filter (needs `:xpath`).
 */
export type Filter = string | { subtree: string } | { xpath: string; namespaces?: Record<string, string> };

export interface EditConfigOptions {
  defaultOperation?: "merge" | "replace" | "none";
  /** Needs `:validate`. */
  testOption?: "test-then-set" | "set" | "test-only";
  /** `rollback-on-error` needs `:rollback-on-error`. */
  errorOption?: "stop-on-error" | "continue-on-error" | "rollback-on-error";
}

export interface CommitOptions {
  /** A confirmed commit (needs `:confirmed-commit`): reverted unless confirmed by a plain commit in time. */
  confirmed?: boolean;
  /** Seconds before a confirmed commit is reverted (server default 600). */
  confirmTimeout?: number;
  /** `:confirmed-commit:1.1`: a token so another session may confirm or cancel. */
  persist?: string;
  /** `:confirmed-commit:1.1`: confirms the persisted confirmed commit with this token. */
  persistId?: string;
}

/** A successful reply. `warnings` holds `<rpc-error>`s of severity `warning`. */
export interface RpcReply {
  /** The whole `<rpc-reply>` as received. */
  xml: string;
  /** Whether the reply was `<ok/>`. */
  ok: boolean;
  warnings: import("./errors.js").RpcErrorInfo[];
}

/** The reply of `get` / `get-config`. */
export interface DataReply extends RpcReply {
  /** The content of `<data>` re-serialised (namespace declarations kept); `""` when empty. */
  data: string;
}

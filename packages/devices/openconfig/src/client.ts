import type { Datastore } from "./capabilities.js";

/**
 * What the device needs of a NETCONF session: the RPCs of one configuration
 * change. `session.ts` provides it over `@ngs/netconf`.
 */
export interface NetconfClient {
  /** The capability URIs of the server's hello. */
  readonly capabilities: readonly string[];
  /** `SHA256:…` of the host key the switch presented. */
  readonly hostKeyFingerprint?: string;
  lock(target: Datastore): Promise<void>;
  unlock(target: Datastore): Promise<void>;
  discardChanges(): Promise<void>;
  /** `content` is the XML inside `<config>`. */
  editConfig(target: Datastore, content: string): Promise<void>;
  validate(source: Datastore): Promise<void>;
  commit(options?: { confirmed?: boolean; confirmTimeoutS?: number }): Promise<void>;
  copyConfig(source: Datastore, target: Datastore | "startup"): Promise<void>;
  close(): Promise<void>;
}

/** An `<rpc-error>` as the device reads it (tag, message, the session holding a lock). */
export interface RpcErrorInfo {
  tag: string;
  message?: string;
  /** `lock-denied`'s `<error-info><session-id>`. */
  sessionId?: string;
}

/** The public contract of the simulator's NETCONF service (an OpenConfig switch). */

export type NetconfDatastore = "running" | "candidate" | "startup";

export interface NetconfSimCapabilities {
  /** urn:ietf:params:netconf:base:1.1 (chunked framing); default true. false = a base:1.0-only server. */
  base11?: boolean;
  /** :candidate (+ commit, discard-changes); default true. */
  candidate?: boolean;
  /** :writable-running; default true. */
  writableRunning?: boolean;
  /** :confirmed-commit:1.1; default true (needs candidate). */
  confirmedCommit?: boolean;
  /** :startup; default false. */
  startup?: boolean;
  /** :validate:1.1; default true. */
  validate?: boolean;
}

export interface NetconfSimFaults {
  /** Delay before every reply. */
  latencyMs?: number;
  /**
   * `lock` on `datastore` (default any) is denied as if `sessionId` (default 0,
   * a non-NETCONF user) held it, `times` times (default: always).
   */
  lockDenied?: { datastore?: NetconfDatastore; sessionId?: number; times?: number };
  /**
   * An edit-config whose config XML matches `match` gets `operation-failed`
   * (with `message`) and changes nothing; `times` times (default: always).
   */
  operationFailed?: { match: RegExp | string; message?: string; times?: number }[];
  /** Close the SSH connection, without replying, on receiving these RPCs (`commit`, ...). */
  dropOn?: string[];
}

export interface NetconfSimOptions {
  capabilities?: NetconfSimCapabilities;
  /** Interfaces present at start (others are created by the first edit that names them). */
  interfaces?: string[];
  /** VLANs present at start in network instance `networkInstance`. */
  vlans?: { id: number; name?: string }[];
  /** OpenConfig network instance holding VLANs (default `default`). */
  networkInstance?: string;
  faults?: NetconfSimFaults;
}

export interface NetconfSimCounters {
  sessionsOpened: number;
  sessionsActive: number;
  /** RPCs received, by operation name. */
  rpcs: Record<string, number>;
  rpcErrors: number;
  commits: number;
  confirmedCommits: number;
  /** Confirmed commits reverted (timeout, cancel-commit, or session gone). */
  rollbacks: number;
  locksDenied: number;
}

/** One RPC as received. */
export interface NetconfTranscriptEntry {
  sessionId: number;
  operation: string;
  /** The `<rpc>` message as received. */
  xml: string;
  /** The error-tag answered, if any. */
  error?: string;
}

/** `switched-vlan/config` of an interface. */
export interface OcSwitchedVlan {
  interfaceMode?: "ACCESS" | "TRUNK";
  accessVlan?: number;
  nativeVlan?: number;
  trunkVlans: (number | string)[];
}

export interface OcInterface {
  description?: string;
  enabled?: boolean;
  mtu?: number;
  switchedVlan?: OcSwitchedVlan;
}

/** The OpenConfig view of a datastore, plain sorted data for `toEqual`. */
export interface OcState {
  interfaces: Record<string, OcInterface>;
  /** Network instance → VLAN id → config. */
  vlans: Record<string, Record<number, { name?: string; status?: string }>>;
}

export interface NetconfSim {
  readonly counters: NetconfSimCounters;
  readonly transcript: NetconfTranscriptEntry[];
  faults: NetconfSimFaults;
  /** The capability URIs the server announces. */
  readonly capabilities: string[];
  /** The OpenConfig view of a datastore. */
  state(datastore?: NetconfDatastore): OcState;
  /** A datastore's content as XML (what `get-config` without filter answers). */
  xml(datastore?: NetconfDatastore): string;
  /**
   * Changes a datastore behind the clients' back (a CLI user, a missed update):
   * `config` as the content of edit-config's `<config>`.
   */
  edit(datastore: NetconfDatastore, config: string, defaultOperation?: "merge" | "replace" | "none"): void;
  /** Session id holding each lock. */
  locks(): Partial<Record<NetconfDatastore, number>>;
  /** Whether a confirmed commit waits for confirmation. */
  readonly confirmPending: boolean;
}

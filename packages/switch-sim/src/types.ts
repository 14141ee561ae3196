/** The public contract of @ngs/switch-sim. */
import type { NetconfSim, NetconfSimOptions } from "./netconf/types.js";

export interface SimPortState {
  mode: "access" | "trunk" | "general" | "none";
  accessVlan: number | null;
  nativeVlan: number | null;
  allowedVlans: number[];
  shutdown: boolean;
}

export interface SimState {
  vlans: Map<number, { name: string | null }>;
  ports: Map<string, SimPortState>;
}

export interface SimCounters {
  sessionsOpened: number;
  /** Sessions open right now, and the most seen at once. */
  sessionsActive: number;
  sessionsPeak: number;
  commandsReceived: number;
  /** Bare returns typed at a prompt (prompt discovery, liveness probes); not commands. */
  emptyLines: number;
  /** Lines typed at a question (a password prompt, `[confirm]`, a login question); not commands. */
  answers: number;
  saves: number;
  commits: number;
  authFailures: number;
  /** SSH authentication requests of any method, `none` included (each one a round trip). */
  authRequests: number;
  /** Sessions refused because of `maxSessions`. */
  sessionsRejected: number;
}

export interface SimFaults {
  /** Added before every command's reply. */
  commandLatencyMs?: number;
  loginLatencyMs?: number;
  saveLatencyMs?: number;
  /** Like a switch's vty limit; further sessions are refused. */
  maxSessions?: number;
  /** Close the connection after this many commands in one session. */
  dropAfterCommands?: number;
  /** Reject every authentication attempt. */
  failAuth?: boolean;
  /** Commands matching a pattern get this error text instead of being applied. */
  errorOn?: { pattern: RegExp; output: string }[];
}

/**
 * What the simulator reads of a `Platform` built with
 * `@ngs/cli-session/platform-kit` (structurally: no dependency on it). A
 * platform the simulator has no model of is served by its family's model,
 * speaking the platform's prompts, commands, save dialogue and error text.
 */
export interface SimPlatform {
  readonly name: string;
  readonly kit?: {
    readonly family: string;
    readonly promptChars: { readonly user: string; readonly enabled: string };
    readonly errorText: string;
    readonly saveQuestion?: string;
  };
  readonly sessionPreparation?: readonly string[];
  readonly enable?: { readonly command: string };
  readonly config?: { readonly enter: string; readonly exit: string };
  readonly save?: { readonly command: string; readonly confirm?: readonly { readonly answer: unknown }[]; readonly mode?: string };
  readonly commit?: { readonly command: string; readonly success?: RegExp };
}

export interface SimSwitchOptions {
  /**
   * The dialect: a `Platform` object (a vendor's, or one built with the
   * platform-kit), or the name of a platform the simulator models
   * (`cisco_ios`, `juniper`, `linux`, ...; see `platforms`).
   */
  platform: string | SimPlatform;
  hostname?: string;
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  username?: string;
  password?: string;
  /** OpenSSH public key lines accepted for `username`. */
  authorizedKeys?: string[];
  secret?: string;
  /** Ports that exist at start (others are created on first mention). */
  ports?: string[];
  faults?: SimFaults;
  /** VLANs that exist at start (default: none). */
  vlans?: { id: number; name?: string | null }[];
  /** Host private key (OpenSSH or PEM); default: a fresh ed25519 key per switch. */
  hostKey?: string | Buffer;
  /**
   * Land in the privileged mode (`#`) right after login instead of the platform's
   * default (IOS `>`, NX-OS `#`, ...). Linux shells: behave as if logged in as root.
   */
  privileged?: boolean;
  /**
   * Ask the platform's first-login question before the first prompt, as some
   * devices do: Force10 banner `[y/n]`, Huawei and Ruijie password-change
   * questions, Comware `Press Y or ENTER to continue`.
   */
  loginQuestions?: boolean;
  /**
   * Dell PowerConnect logs in as the real switch does: SSH auth "none" is
   * accepted, then `User Name:` / `Password:` are asked in the shell
   * (netmiko's dell_powerconnect login). A client that authenticates over
   * SSH (password, key) gets the prompt directly. Default true; false =
   * SSH authentication only.
   */
  inbandLogin?: boolean;
  /** Text written before the first prompt (default: a per-platform banner). */
  banner?: string;
  /** Serve the `netconf` SSH subsystem with an OpenConfig model (see README, NETCONF). */
  netconf?: NetconfSimOptions;
}

export interface SimSwitch {
  readonly platform: string;
  readonly hostname: string;
  readonly host: string;
  readonly port: number;
  /** `SHA256:...` of the host key, for pinning tests. */
  readonly hostKeyFingerprint: string;
  readonly state: SimState;
  readonly counters: SimCounters;
  /** Every command line received, in order, across sessions. */
  readonly commandLog: string[];
  faults: SimFaults;
  /** `host:port`. */
  readonly address: string;
  /** The running state as plain sorted data, handy for `toEqual`. */
  snapshot(): SimSnapshot;
  /** The NETCONF server, when `netconf` was given. */
  readonly netconf: NetconfSim | undefined;
  /** Ends every open SSH connection from the switch's side (a reload, an idle exec-timeout); keeps listening. */
  disconnectAll(): void;
  close(): Promise<void>;
}

export interface SimSnapshot {
  vlans: { id: number; name: string | null }[];
  ports: Record<string, SimPortState>;
}

/** The public contract of @ngs/cli-session. Implementation lives beside it. */

export interface HostKeyPolicy {
  /** OpenSSH known_hosts file; the switch's key must be listed for its host[:port]. */
  knownHostsFile?: string;
  /** Pinned key fingerprint, `SHA256:<base64>` as `ssh-keygen -lf` prints it. */
  fingerprintSha256?: string;
}

export interface SessionLog {
  /** Receives transcript text with passwords and secrets already redacted. */
  write(text: string): void;
}

export interface SessionOptions {
  /**
   * The dialect: a `Platform` built with `@ngs/cli-session/platform-kit`
   * (vendor packages export theirs). A name is looked up among the
   * platforms built so far in this process (deprecated; `linux` always).
   */
  platform: string | Platform;
  host: string;
  port?: number;
  username: string;
  password?: string;
  /** Private key contents (OpenSSH/PEM). */
  privateKey?: string | Buffer;
  passphrase?: string;
  /** ssh-agent socket path (netmiko `allow_agent`/`use_keys` without a key file). */
  agent?: string;
  /** Enable / sudo password. */
  secret?: string;
  /** TCP connect deadline (default 10 s, netmiko `conn_timeout`). */
  connectTimeoutMs?: number;
  /**
   * The whole login up to the shell must be done by this time (ms since the
   * epoch): the TCP and SSH handshake deadlines are cut to fit. The caller's
   * overall connect budget (`ngs_ssh_connect_timeout`).
   */
  connectDeadline?: number;
  /** Deadline for authentication (default 10 s). */
  authTimeoutMs?: number;
  /** Deadline for the SSH banner/handshake (default 15 s). */
  bannerTimeoutMs?: number;
  /** Default deadline for one read-until-pattern (default 10 s). */
  readTimeoutMs?: number;
  /** Deadline for the save command and its dialogue (default 100 s, like netmiko). */
  saveTimeoutMs?: number;
  /** ssh2 `algorithms` removals: { kex: [...], cipher: [...], serverHostKey: [...], hmac: [...] }. */
  disabledAlgorithms?: Partial<Record<"kex" | "cipher" | "serverHostKey" | "hmac" | "compress", string[]>>;
  /** Absent: accept any host key (upstream's behaviour). */
  hostKey?: HostKeyPolicy;
  /**
   * A file path or a sink. A file gets each session's transcript as one
   * block, written when the session closes (parallel sessions never
   * interleave); a sink receives text as it arrives.
   */
  sessionLog?: string | SessionLog;
  /**
   * Debug log of the wire (pino-compatible): connect, login, each command
   * and the device's answer (secrets masked), save, commit, close, each
   * with its duration in ms. Called only when `isLevelEnabled("debug")`.
   */
  logger?: WireLogger;
}

/** The part of a pino logger the session uses. */
export interface WireLogger {
  debug(obj: Record<string, unknown>, msg: string): void;
  isLevelEnabled?(level: string): boolean;
}

export interface SendConfigSetOptions {
  enterConfigMode?: boolean;
  /** Default: the platform's `config.exitAfterConfigSet` (true except Nokia SRL and Huawei VRPv8). */
  exitConfigMode?: boolean;
  /** Override the platform's config-mode command (Junos: `configure private`). */
  configModeCommand?: string;
  readTimeoutMs?: number;
  /** Throw a CommandError when a line's output matches the platform's errorPatterns (default true). */
  checkErrors?: boolean;
  /** Extra error patterns (a driver's ERROR_MSG_PATTERNS); checked even when checkErrors is false. */
  errorPatterns?: RegExp[];
}

export interface SendCommandOptions {
  /** Regex source to read until instead of the prompt. */
  expect?: string;
  readTimeoutMs?: number;
  /** Throw a CommandError when the output matches the platform's errorPatterns (default true). */
  checkErrors?: boolean;
  errorPatterns?: RegExp[];
  /** Keep the echoed command line and the trailing prompt (default false: both stripped). */
  raw?: boolean;
}

/** A question the device may ask; `answer` is sent followed by the return character. */
export interface DialogueStep {
  prompt: RegExp;
  answer: string;
}

/** Questions before the first prompt (banner acknowledgements, in-band login). */
export interface LoginHandler {
  prompt: RegExp;
  /** Literal text, or one of the session's credentials (sent redacted). */
  answer: string | { credential: "username" | "password" | "secret" };
}

/**
 * One vendor CLI dialect, as data (scrapli-style). Every RegExp is tested
 * against the normalised (\n line endings, ANSI-stripped) tail of the output.
 */
export interface Platform {
  name: string;
  /**
   * Set by the platform-kit builders: the family the dialect belongs to and
   * the literal texts behind its patterns, so a simulator (or a check) can
   * speak the dialect without a table of names.
   */
  kit?: PlatformKit;
  /** Matches any prompt of this platform at the end of the buffer. */
  promptPattern: RegExp;
  /** Characters a prompt may end with (`#>`, `$#`, `>]`; default `#>`); used to build the base-prompt pattern. */
  promptTerminators?: string;
  /** Applied to the prompt line: group 1 is the base prompt. Default: the line minus terminator and spaces. */
  basePromptPattern?: RegExp;
  /** netmiko IOS keeps only the first 16 characters of the base prompt. */
  basePromptMaxLength?: number;
  /** Re-learn the prompt after enable/config changes (Linux: `sudo -s` changes user and prompt). */
  relearnPromptOnModeChange?: boolean;
  /** Lines shown just above the prompt that belong to it (Junos `[edit]`, SRL `--{ running }--`). */
  promptContextLines?: RegExp;
  loginHandlers?: LoginHandler[];
  /** Run enable() before sessionPreparation (PowerConnect, FastIron, Ruijie). */
  enableDuringLogin?: boolean;
  /** Lines sent once after login (paging off, width). */
  sessionPreparation: string[];
  /** Line terminator sent after each command (`\n`, or `\r` on Aruba). */
  returnChar: string;
  enable?: {
    command: string;
    passwordPrompt: RegExp;
    enabledPattern: RegExp;
    /** RADIUS-style enable asks for a user name first (FastIron). */
    usernamePrompt?: RegExp;
  };
  config?: {
    enter: string;
    exit: string;
    inConfigPattern: RegExp;
    /** Answers while leaving (Junos `Exit with uncommitted changes?` → `yes`). */
    exitConfirm?: DialogueStep[];
    /** Send `exit` until out of config mode, at most this many times (Mellanox). */
    exitRepeat?: number;
    /** Commands sent before `exit` when the prompt block matches `when` (SRL `discard stay`). */
    beforeExit?: { when: RegExp; command: string }[];
    /** Whether sendConfigSet leaves config mode by default (false on SRL and VRPv8, like netmiko). */
    exitAfterConfigSet?: boolean;
    /** Never leave config mode for this login user (Linux `root`: `exit` would log out). */
    noExitForUser?: string;
  };
  save?: {
    command: string;
    confirm?: DialogueStep[];
    /** Run enable() first (Cisco family; on Comware enable is `system-view`). */
    requiresEnable?: boolean;
    /** `exec`: leave config mode first; `config`: enter it first (Mellanox); `any`: as is. */
    mode?: "exec" | "config" | "any";
    /** Output meaning the save failed. */
    failure?: RegExp;
    /**
     * Output meaning the save completed (IOS `[OK]`): when the connection
     * drops after it, before the prompt came back, the save still counts.
     */
    success?: RegExp;
  };
  commit?: {
    command: string;
    success: RegExp;
    failure?: RegExp;
    /** Enter config mode first if not in it. */
    inConfigMode?: boolean;
  };
  /** Output lines that mean the device rejected a command. */
  errorPatterns: RegExp[];
  /** Sent on close (e.g. `exit`, `quit`); may be empty. */
  logout: string[];
}

/** The CLI families the platform-kit builds (`@ngs/cli-session/platform-kit`). */
export type PlatformFamily = "ios" | "junos" | "vrp" | "linux" | "srl" | "single-mode";

/** What a builder records beside the session patterns it derives. */
export interface PlatformKit {
  family: PlatformFamily;
  /** Prompt characters: unprivileged and privileged (IOS `>` / `#`). */
  promptChars: { user: string; enabled: string };
  /** What the device prints when it rejects a command (one line); the error patterns match it. */
  errorText: string;
  /** The save command's question, as the device prints it (its pattern is derived from it). */
  saveQuestion?: string;
}

/** What a caller (the CLI-switch base in @ngs/core) uses of a session. */
export interface CliSessionApi {
  readonly platform: Platform;
  readonly basePrompt: string;
  enable(): Promise<string>;
  configMode(command?: string): Promise<string>;
  exitConfigMode(): Promise<string>;
  sendConfigSet(lines: readonly string[], opts?: SendConfigSetOptions): Promise<string>;
  sendCommand(cmd: string, opts?: SendCommandOptions): Promise<string>;
  saveConfig(): Promise<string>;
  commit(): Promise<string>;
  isAlive(): Promise<boolean>;
  /** The connection is gone or close() was called (no round trip). */
  readonly isClosed: boolean;
  close(): Promise<void>;
}

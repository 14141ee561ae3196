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
  /** A platform name from the table (`cisco_ios`, `linux`, ...) or a platform object. */
  platform: string | Platform;
  host: string;
  port?: number;
  username: string;
  password?: string;
  /** Private key contents (OpenSSH/PEM). */
  privateKey?: string | Buffer;
  passphrase?: string;
  /** Enable / sudo password. */
  secret?: string;
  connectTimeoutMs?: number;
  authTimeoutMs?: number;
  bannerTimeoutMs?: number;
  /** Default deadline for one read-until-pattern. */
  readTimeoutMs?: number;
  /** ssh2 `algorithms` removals: { kex: [...], cipher: [...], serverHostKey: [...], hmac: [...] }. */
  disabledAlgorithms?: Partial<Record<"kex" | "cipher" | "serverHostKey" | "hmac" | "compress", string[]>>;
  /** Absent: accept any host key (upstream's behaviour). */
  hostKey?: HostKeyPolicy;
  /** A file path (appended to) or a sink. */
  sessionLog?: string | SessionLog;
}

export interface SendConfigSetOptions {
  enterConfigMode?: boolean;
  exitConfigMode?: boolean;
  /** Override the platform's config-mode command (Junos: `configure private`). */
  configModeCommand?: string;
  readTimeoutMs?: number;
}

export interface SendCommandOptions {
  /** Regex source to read until instead of the prompt. */
  expect?: string;
  readTimeoutMs?: number;
}

/**
 * One vendor CLI dialect, as data (scrapli-style). Every RegExp is tested
 * against the normalised (\n line endings, ANSI-stripped) tail of the output.
 */
export interface Platform {
  name: string;
  /** Matches any prompt of this platform at the end of the buffer. */
  promptPattern: RegExp;
  /** Lines sent once after login (paging off, width). */
  sessionPreparation: string[];
  /** Line terminator sent after each command (`\n`, or `\r` on Aruba). */
  returnChar: string;
  enable?: { command: string; passwordPrompt: RegExp; enabledPattern: RegExp };
  config?: { enter: string; exit: string; inConfigPattern: RegExp };
  save?: { command: string; confirm?: { prompt: RegExp; answer: string }[] };
  commit?: { command: string; success: RegExp };
  /** Output lines that mean the device rejected a command. */
  errorPatterns: RegExp[];
  /** Sent on close (e.g. `exit`, `quit`); may be empty. */
  logout: string[];
}

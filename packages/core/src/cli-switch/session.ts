/**
 * What the CLI-switch base needs from @ngs/cli-session (its minimal
 * engine API: docs/architecture.md#6-runner--session). Kept as an interface so a
 * vendor or a test can hand the base any session with this shape.
 */
export interface CliSessionLike {
  enable(): Promise<unknown>;
  sendConfigSet(
    lines: readonly string[],
    options?: {
      enterConfigMode?: boolean;
      exitConfigMode?: boolean;
      configModeCommand?: string;
      readTimeoutMs?: number;
      /** Extra patterns that mark a rejected line (the vendor's ERROR_MSG_PATTERNS). */
      errorPatterns?: RegExp[];
      checkErrors?: boolean;
    },
  ): Promise<string>;
  sendCommand(command: string, options?: { expect?: string; readTimeoutMs?: number; errorPatterns?: RegExp[]; checkErrors?: boolean }): Promise<string>;
  /** Throws SaveNotSupportedError when the platform has no save of its own. */
  saveConfig(): Promise<unknown>;
  commit(): Promise<unknown>;
  isAlive(): boolean | Promise<boolean>;
  /** Known dead without asking the device (optional: without it the pool always probes). */
  readonly isClosed?: boolean;
  close(): Promise<void>;
  /** `SHA256:…` of the host key the switch presented (SSH sessions). */
  readonly hostKeyFingerprint?: string;
}

/** True for @ngs/cli-session's SaveNotSupportedError (by name, so a second copy of the package still matches). */
export function isSaveNotSupported(e: unknown): boolean {
  return e instanceof Error && e.name === "SaveNotSupportedError";
}

/** True for @ngs/cli-session's AuthenticationError. */
export function isAuthenticationError(e: unknown): boolean {
  return e instanceof Error && e.name === "AuthenticationError";
}

/** @ngs/cli-session's EnableRefusedError: the enable (sudo) secret was not accepted. */
export function isEnableRefused(e: unknown): e is Error & { reason: string; output: string } {
  return e instanceof Error && e.name === "EnableRefusedError";
}

/** @ngs/cli-session's CommandError: the device answered a line with error output. */
export function isCommandError(e: unknown): e is Error & { command: string; output: string } {
  return e instanceof Error && e.name === "CommandError";
}

/** @ngs/cli-session's SessionConfigError: a bad transport value in the device section. */
export function isSessionConfigError(e: unknown): boolean {
  return e instanceof Error && e.name === "SessionConfigError";
}

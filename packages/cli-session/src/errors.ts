/**
 * Typed errors of @ngs/cli-session. This package sits below @ngs/core, so it
 * has its own family; core maps them onto GenericSwitch* errors.
 * Messages never contain passwords or secrets: output tails are scrubbed first.
 */

export interface CliSessionErrorOptions {
  cause?: unknown;
  host?: string;
  port?: number;
}

export class CliSessionError extends Error {
  readonly host: string | undefined;
  readonly port: number | undefined;

  constructor(message: string, options: CliSessionErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.host = options.host;
    this.port = options.port;
  }
}

/** TCP or SSH transport failure before the session was usable. Retryable. */
export class ConnectError extends CliSessionError {}

/** The switch refused the credentials. Not retryable: the same credentials fail again. */
export class AuthenticationError extends CliSessionError {}

/**
 * The switch refused the enable (or `sudo`) secret. Final, like a refused
 * login; the scrubbed device answer is kept in `output` for debug logs only.
 */
export class EnableRefusedError extends CliSessionError {
  constructor(
    /** The cause without the address: `enable secret rejected`. */
    readonly reason: string,
    message: string,
    readonly command: string,
    readonly output: string,
    options: CliSessionErrorOptions = {},
  ) {
    super(message, options);
  }
}

/** The switch presented a host key that the configured policy does not accept. */
export class HostKeyMismatchError extends CliSessionError {
  constructor(
    message: string,
    readonly expected: string[],
    readonly actual: string,
    options: CliSessionErrorOptions = {},
  ) {
    super(message, options);
  }
}

/** A read-until-pattern hit its deadline. `output` is the scrubbed tail (last ~500 chars). */
export class ReadTimeoutError extends CliSessionError {
  constructor(
    message: string,
    readonly pattern: string,
    readonly timeoutMs: number,
    readonly output: string,
    options: CliSessionErrorOptions = {},
  ) {
    super(message, options);
  }
}

/** The SSH connection or shell channel closed while the session was in use. */
export class ChannelClosedError extends CliSessionError {
  constructor(message: string, readonly output: string, options: CliSessionErrorOptions = {}) {
    super(message, options);
  }
}

/** The device answered a command with error output (or a mode change did not happen). */
export class CommandError extends CliSessionError {
  constructor(
    message: string,
    readonly command: string,
    readonly output: string,
    options: CliSessionErrorOptions = {},
  ) {
    super(message, options);
  }
}

/** The platform has no save command (netmiko's NotImplementedError); callers fall back. */
export class SaveNotSupportedError extends CliSessionError {
  constructor(readonly platform: string, options: CliSessionErrorOptions = {}) {
    super(
      `Saving the configuration is not supported for platform '${platform}'. ` +
        "To resolve this issue, send the platform's save commands with sendCommand(), or skip saving.",
      options,
    );
  }
}

/** Same for commit on platforms without a commit step. */
export class CommitNotSupportedError extends CliSessionError {
  constructor(readonly platform: string, options: CliSessionErrorOptions = {}) {
    super(`Platform '${platform}' has no commit step.`, options);
  }
}

export class UnknownPlatformError extends CliSessionError {
  constructor(readonly platform: string, readonly known: readonly string[]) {
    super(`Unknown CLI platform '${platform}'. Known platforms: ${known.join(", ")}.`);
  }
}

/** A bad value in a `[genericswitch:...]` section; `key` names the option. */
export class SessionConfigError extends CliSessionError {
  constructor(readonly key: string, message: string, options: CliSessionErrorOptions = {}) {
    super(`Invalid value for '${key}': ${message}`, options);
  }
}

/**
 * True for failures worth another connection attempt (upstream retries SSH
 * failures for `ngs_ssh_connect_timeout`). Authentication and host-key
 * failures are final.
 */
export function isRetryableConnectError(e: unknown): boolean {
  return e instanceof ConnectError;
}

import { pino, type Logger as PinoLogger, type DestinationStream, type LevelWithSilent } from "pino";

/** The logger every ngs component takes: a pino logger. */
export type Logger = PinoLogger;

/**
 * Field names whose values are masked wherever they appear (top level or
 * nested up to three levels), so a device config or an error's args can be
 * logged as an object without leaking credentials.
 */
export const REDACTED_FIELDS: readonly string[] = [
  "password",
  "secret",
  "key",
  "passphrase",
  "key_file",
  "alt_key_file",
  "private_key",
  "privateKey",
  "backend_url",
  "backendUrl",
];

function redactPaths(): string[] {
  const paths: string[] = [];
  for (const f of REDACTED_FIELDS) paths.push(f, `*.${f}`, `*.*.${f}`, `*.*.*.${f}`);
  return paths;
}

export interface CreateLoggerOptions {
  /** pino level; default `NGS_LOG_LEVEL` from the environment, else `info`. */
  level?: LevelWithSilent;
  /** Where log lines go (default stderr, so command output on stdout stays clean). */
  destination?: DestinationStream;
  /** Fixed fields on every line (e.g. `{ component: "driver" }`). */
  base?: Record<string, unknown>;
  /** Fields merged into every line at the time it is written (e.g. the request id of the operation in progress). */
  mixin?: () => Record<string, unknown>;
}

/** A pino logger with ngs's redaction rules. */
export function createLogger(opts: CreateLoggerOptions = {}): Logger {
  const level = opts.level ?? (process.env.NGS_LOG_LEVEL as LevelWithSilent | undefined) ?? "info";
  return pino(
    {
      level,
      base: opts.base ?? null,
      redact: { paths: redactPaths(), censor: "******" },
      ...(opts.mixin ? { mixin: opts.mixin } : {}),
    },
    opts.destination ?? pino.destination(2),
  );
}

/** The child logger one switch logs through: every line carries `switch`. */
export function switchLogger(parent: Logger, deviceName: string): Logger {
  return parent.child({ switch: deviceName });
}

let fallback: Logger | undefined;
/** The process-wide logger used when a caller passes none (warnings only, to stderr). */
export function defaultLogger(): Logger {
  fallback ??= createLogger({ level: (process.env.NGS_LOG_LEVEL as LevelWithSilent | undefined) ?? "warn" });
  return fallback;
}

/**
 * The one place the CLI imports @ngs/core from (keeps the surface it relies on
 * visible). Only what every command may need is loaded here: the device kit,
 * config and plugin loading. Coordination (`coordination.ts`) and the ML2
 * driver (`commands/demo.ts`) are imported where they are used, so a command
 * that does not use them never loads them.
 */
export * from "@ngs/core/device-kit";
export * from "@ngs/core/config";
export * from "@ngs/core/plugins";
import type { CreateLoggerOptions } from "@ngs/core/device-kit";
export type DestinationStream = NonNullable<CreateLoggerOptions["destination"]>;
export type LogLevel = NonNullable<CreateLoggerOptions["level"]>;

/** The one place the CLI imports @ngs/core from (keeps the surface it relies on visible). */
export * from "@ngs/core";
import type { CreateLoggerOptions } from "@ngs/core";
export type DestinationStream = NonNullable<CreateLoggerOptions["destination"]>;
export type LogLevel = NonNullable<CreateLoggerOptions["level"]>;

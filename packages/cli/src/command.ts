import type { ParseArgsConfig } from "node:util";

export interface GlobalOptions {
  configFiles: string[];
  configDirs: string[];
  pluginDirs: string[];
  logLevel?: string;
}

export interface CommandInput {
  /** Positionals after the command word. */
  positionals: string[];
  values: Record<string, unknown>;
  global: GlobalOptions;
}

/** What every `commands/*.ts` module exports. */
export interface CommandModule {
  options: NonNullable<ParseArgsConfig["options"]>;
  run(input: CommandInput): Promise<number>;
}

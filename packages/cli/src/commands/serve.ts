import type { CommandInput } from "../command.js";
import { UsageError } from "../errors.js";
import { HOST_PACKAGE_JSON, configSources, pluginDirs } from "../runtime.js";

export const options = {
  "host-ip": { type: "string" },
  port: { type: "string" },
  "auth-strategy": { type: "string" },
  "http-basic-auth-user-file": { type: "string" },
  "use-ssl": { type: "boolean" },
  "cert-file": { type: "string" },
  "key-file": { type: "string" },
  "shutdown-timeout": { type: "string" },
} as const;

/** `ngs serve`: the long-running service (@ngs/server), with this command's plugins. */
export async function run(input: CommandInput): Promise<number> {
  if (input.positionals.length) throw new UsageError(`unexpected argument '${input.positionals[0]}'`, "serve");
  const v = input.values;
  const timeout = v["shutdown-timeout"] as string | undefined;
  if (timeout !== undefined && !/^\d+$/.test(timeout)) throw new UsageError(`--shutdown-timeout: '${timeout}' is not a number of seconds`, "serve");
  const { serveUntilSignalled } = await import("@ngs/server");
  const listener = {
    ...(v["host-ip"] !== undefined ? { hostIp: v["host-ip"] as string } : {}),
    ...(v.port !== undefined ? { port: v.port as string } : {}),
    ...(v["auth-strategy"] !== undefined ? { authStrategy: v["auth-strategy"] as string } : {}),
    ...(v["http-basic-auth-user-file"] !== undefined ? { userFile: v["http-basic-auth-user-file"] as string } : {}),
    ...(v["use-ssl"] !== undefined ? { useSsl: v["use-ssl"] as boolean } : {}),
    ...(v["cert-file"] !== undefined ? { certFile: v["cert-file"] as string } : {}),
    ...(v["key-file"] !== undefined ? { keyFile: v["key-file"] as string } : {}),
  };
  const level = input.global.logLevel || process.env.NGS_LOG_LEVEL || "info";
  return serveUntilSignalled({
    ...configSources(input.global, "serve"),
    hostPackageJson: HOST_PACKAGE_JSON,
    pluginDirs: pluginDirs(input.global),
    listener,
    logLevel: level as "info",
    ...(timeout !== undefined ? { shutdownTimeoutMs: Number(timeout) * 1000 } : {}),
  });
}

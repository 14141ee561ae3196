import { isIP } from "node:net";
import { configFileList, GenericSwitchConfigException, isLoopbackHost, parseBool, parseOsloIni, type ConfigSources } from "@ngs/core";
import { readFileSync } from "node:fs";

/** Ironic's JSON-RPC listener section; ngs reads it from the same ini files as the switches. */
export const LISTENER_SECTION = "ironic_networking_json_rpc";
export const DEFAULT_PORT = 6190;

export type AuthStrategy = "noauth" | "http_basic";

export interface ListenerConfig {
  hostIp: string;
  port: number;
  authStrategy: AuthStrategy;
  /** The htpasswd file (http_basic). */
  userFile?: string;
  useSsl: boolean;
  certFile?: string;
  keyFile?: string;
}

/** Command-line overrides (`ngs serve --host-ip ... --port ...`). */
export type ListenerOverrides = Partial<{
  hostIp: string;
  port: string | number;
  authStrategy: string;
  userFile: string;
  useSsl: boolean;
  certFile: string;
  keyFile: string;
}>;

const KEYS = ["host_ip", "port", "auth_strategy", "http_basic_auth_user_file", "use_ssl", "cert_file", "key_file"];

/**
 * `[ironic_networking_json_rpc]` (with `auth_strategy` falling back to
 * `[DEFAULT]`, as in Ironic), then the overrides. Ironic's defaults: listen
 * on `::` port 6190, `auth_strategy` keystone, which ngs does not support
 * yet and refuses with a message saying what to set instead. Every problem
 * is reported at once.
 */
export function readListenerConfig(sources: ConfigSources, overrides: ListenerOverrides = {}): ListenerConfig {
  const problems: string[] = [];
  const values: Record<string, string> = {};
  let defaultAuth: string | undefined;
  for (const file of configFileList(sources, problems)) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue; // the switch config loader reports unreadable files
    }
    const parsed = parseOsloIni(text);
    const section = parsed.sections.get(LISTENER_SECTION);
    for (const [key, vals] of section?.values ?? []) {
      if (KEYS.includes(key)) values[key] = vals[vals.length - 1]!.value;
    }
    const dflt = parsed.sections.get("DEFAULT")?.values.get("auth_strategy");
    if (dflt?.length) defaultAuth = dflt[dflt.length - 1]!.value;
  }
  const where = `[${LISTENER_SECTION}]`;
  const hostIp = (overrides.hostIp ?? values.host_ip ?? "::").trim();
  const portText = String(overrides.port ?? values.port ?? DEFAULT_PORT).trim();
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 0 || port > 65535) problems.push(`${where} port: ${JSON.stringify(portText)} is not a TCP port (0-65535)`);
  if (!isIP(hostIp) && hostIp !== "localhost") problems.push(`${where} host_ip: ${JSON.stringify(hostIp)} is not an IP address`);
  const auth = (overrides.authStrategy ?? values.auth_strategy ?? defaultAuth ?? "keystone").trim();
  if (auth === "keystone") {
    problems.push(
      `${where} auth_strategy: keystone is not supported by ngs serve yet; set auth_strategy = http_basic with http_basic_auth_user_file (an htpasswd -B file), or noauth on a loopback host_ip`,
    );
  } else if (auth !== "http_basic" && auth !== "noauth") {
    problems.push(`${where} auth_strategy: ${JSON.stringify(auth)} is not one of http_basic, noauth, keystone`);
  }
  const userFile = overrides.userFile ?? values.http_basic_auth_user_file;
  if (auth === "http_basic" && !userFile) problems.push(`${where} http_basic_auth_user_file: required with auth_strategy = http_basic (an htpasswd file written by htpasswd -B)`);
  if (auth === "noauth" && !isLoopbackHost(hostIp)) {
    problems.push(`${where} auth_strategy: noauth is only allowed on a loopback host_ip (127.0.0.0/8, ::1), not ${hostIp}; use http_basic`);
  }
  const useSslText = overrides.useSsl !== undefined ? String(overrides.useSsl) : (values.use_ssl ?? "false");
  let useSsl = false;
  try {
    useSsl = parseBool("use_ssl", useSslText);
  } catch (e) {
    problems.push(`${where} ${(e as Error).message}`);
  }
  const certFile = overrides.certFile ?? values.cert_file;
  const keyFile = overrides.keyFile ?? values.key_file;
  if (useSsl && (!certFile || !keyFile)) problems.push(`${where} use_ssl = true needs cert_file and key_file`);
  if (problems.length) {
    throw new GenericSwitchConfigException({
      message: `Invalid listener configuration:\n${problems.map((p) => `  ${p}`).join("\n")}`,
      problems,
    });
  }
  return {
    hostIp,
    port,
    authStrategy: auth as AuthStrategy,
    ...(userFile ? { userFile } : {}),
    useSsl,
    ...(certFile ? { certFile } : {}),
    ...(keyFile ? { keyFile } : {}),
  };
}

/**
 * Maps the string values of an upstream `[genericswitch:...]` section onto
 * SessionOptions. Pure apart from reading `key_file`. Each bad value throws a
 * SessionConfigError naming its key (core maps it to GenericSwitchNetmikoConfigError).
 */
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { booleanFromString } from "./bool.js";
import { SessionConfigError } from "./errors.js";
import type { Platform, SessionOptions } from "./types.js";

/** ngs options this package reads from a device section (core registers them as known). */
export const SESSION_CONFIG_KEYS = [
  "ip",
  "host",
  "port",
  "username",
  "password",
  "secret",
  "key_file",
  "use_keys",
  "allow_agent",
  "passphrase",
  "conn_timeout",
  "auth_timeout",
  "banner_timeout",
  "read_timeout_override",
  "ngs_ssh_disabled_algorithms",
  "ngs_known_hosts_file",
  "ngs_host_key_fingerprint",
] as const;

/** paramiko `disabled_algorithms` type names → ssh2 `algorithms` keys. */
const ALGORITHM_TYPES: Record<string, "kex" | "cipher" | "serverHostKey" | "hmac" | "compress"> = {
  kex: "kex",
  ciphers: "cipher",
  keys: "serverHostKey",
  pubkeys: "serverHostKey",
  macs: "hmac",
  compression: "compress",
};

export function parseBool(key: string, value: string): boolean {
  const b = booleanFromString(value);
  if (b === undefined) throw new SessionConfigError(key, `'${value}' is not a boolean (use true or false).`);
  return b;
}

function seconds(key: string, value: string): number {
  const v = value.trim();
  const n = Number(v);
  if (v === "" || !Number.isFinite(n) || n <= 0) {
    throw new SessionConfigError(key, `'${value}' is not a positive number of seconds.`);
  }
  return Math.round(n * 1000);
}

function port(value: string): number {
  const v = value.trim();
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 1 || n > 65535) throw new SessionConfigError("port", `'${value}' is not a TCP port (1-65535).`);
  return n;
}

/** `kex:diffie-hellman-group1-sha1,ciphers:aes128-cbc` → `{ kex: [...], cipher: [...] }` (keys may repeat). */
export function parseDisabledAlgorithms(value: string): NonNullable<SessionOptions["disabledAlgorithms"]> {
  const key = "ngs_ssh_disabled_algorithms";
  const out: NonNullable<SessionOptions["disabledAlgorithms"]> = {};
  for (const item of value.split(",")) {
    const entry = item.trim();
    if (!entry) continue;
    const colon = entry.indexOf(":");
    const type = colon > 0 ? entry.slice(0, colon).trim() : "";
    const alg = colon > 0 ? entry.slice(colon + 1).trim() : "";
    const mapped = ALGORITHM_TYPES[type];
    if (!mapped || !alg) {
      throw new SessionConfigError(
        key,
        `'${entry}' is not 'type:algorithm' with type one of ${Object.keys(ALGORITHM_TYPES).join(", ")}.`,
      );
    }
    (out[mapped] ??= []).push(alg);
  }
  return out;
}

/** Default client keys netmiko/paramiko look for with `use_keys` and no `key_file`. */
const DEFAULT_KEYS = ["id_ed25519", "id_ecdsa", "id_rsa"];

export function sessionOptionsFromConfig(cfg: Record<string, string>, platform: string | Platform): SessionOptions {
  const host = (cfg.host ?? cfg.ip ?? "").trim();
  if (!host) throw new SessionConfigError("ip", "the switch address is missing (set 'ip' or 'host').");
  const username = cfg.username;
  if (username === undefined || username === "") throw new SessionConfigError("username", "it is missing.");

  const opts: SessionOptions = { platform, host, username };
  if (cfg.port !== undefined) opts.port = port(cfg.port);
  if (cfg.password !== undefined) opts.password = cfg.password;
  if (cfg.secret !== undefined) opts.secret = cfg.secret;
  if (cfg.passphrase !== undefined) opts.passphrase = cfg.passphrase;

  const useKeys = cfg.use_keys !== undefined ? parseBool("use_keys", cfg.use_keys) : false;
  const allowAgent = cfg.allow_agent !== undefined ? parseBool("allow_agent", cfg.allow_agent) : false;
  if (cfg.key_file !== undefined && cfg.key_file.trim() !== "") {
    try {
      opts.privateKey = readFileSync(cfg.key_file.trim());
    } catch (err) {
      throw new SessionConfigError("key_file", `cannot read '${cfg.key_file}': ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`, { cause: err });
    }
  } else if (useKeys) {
    const found = DEFAULT_KEYS.map((k) => join(homedir(), ".ssh", k)).find((p) => existsSync(p));
    if (found) opts.privateKey = readFileSync(found);
  }
  if ((useKeys || allowAgent) && process.env.SSH_AUTH_SOCK) opts.agent = process.env.SSH_AUTH_SOCK;

  if (cfg.conn_timeout !== undefined) opts.connectTimeoutMs = seconds("conn_timeout", cfg.conn_timeout);
  if (cfg.auth_timeout !== undefined) opts.authTimeoutMs = seconds("auth_timeout", cfg.auth_timeout);
  if (cfg.banner_timeout !== undefined) opts.bannerTimeoutMs = seconds("banner_timeout", cfg.banner_timeout);
  if (cfg.read_timeout_override !== undefined) {
    // netmiko: overrides every read deadline, the save included.
    opts.readTimeoutMs = seconds("read_timeout_override", cfg.read_timeout_override);
    opts.saveTimeoutMs = opts.readTimeoutMs;
  }
  if (cfg.ngs_ssh_disabled_algorithms !== undefined) {
    opts.disabledAlgorithms = parseDisabledAlgorithms(cfg.ngs_ssh_disabled_algorithms);
  }

  const knownHosts = cfg.ngs_known_hosts_file?.trim();
  const fp = cfg.ngs_host_key_fingerprint?.trim();
  if (knownHosts) {
    if (!existsSync(knownHosts)) throw new SessionConfigError("ngs_known_hosts_file", `file '${knownHosts}' does not exist.`);
    (opts.hostKey ??= {}).knownHostsFile = knownHosts;
  }
  if (fp) {
    if (!/^SHA256:[A-Za-z0-9+/]{43}=?$/.test(fp)) {
      throw new SessionConfigError("ngs_host_key_fingerprint", `'${fp}' is not a 'SHA256:<43 base64 characters>' fingerprint (ssh-keygen -lf).`);
    }
    (opts.hostKey ??= {}).fingerprintSha256 = fp;
  }
  return opts;
}

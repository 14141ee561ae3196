import { GenericSwitchConfigException } from "../errors.js";

/** What `[ngs_coordination] backend_url` says, parsed (docs/upstream.md#global-options). */
export interface BackendUrl {
  /** tooz driver name as written: `etcd3` (gRPC) or `etcd3gw` (HTTP gateway); both mean etcd v3 here. */
  driver: "etcd3" | "etcd3gw";
  protocol: "http" | "https";
  host: string;
  port: number;
  /** `http(s)://host:port`, what the etcd3 client connects to. */
  endpoint: string;
  /** From `user:pass@`; never logged. */
  auth?: { username: string; password: string };
  /** `ca_cert`, `cert_key`, `cert_cert` file paths (https). */
  tls?: { caCert?: string; certKey?: string; certCert?: string };
  /** tooz's `timeout` (seconds): the deadline of each etcd request. */
  timeoutS?: number;
  /** tooz's `lock_timeout` (seconds): the TTL of lock leases. */
  lockTimeoutS?: number;
  /** Query parameters ngs does not use (logged as a warning, like tooz ignores them). */
  ignored: string[];
  /** The URL with any credentials replaced by `***`: safe to print. */
  redacted: string;
}

const DRIVERS = ["etcd3", "etcd3gw"] as const;
/** Query keys ngs understands; `api_version` is accepted and unused (gRPC needs no API path). */
const KNOWN_PARAMS = new Set(["ca_cert", "cert_key", "cert_cert", "api_version", "timeout", "lock_timeout", "protocol"]);

/** Replace `user:pass@` (or `user@`) in any URL-like string with `***@`. */
export function redactUrl(url: string): string {
  return url.replace(/^([A-Za-z][\w+.-]*:\/\/)[^/?#]*@/, "$1***@");
}

function configError(url: string, problem: string): GenericSwitchConfigException {
  return new GenericSwitchConfigException({
    message: `[ngs_coordination] backend_url ${redactUrl(url)}: ${problem}`,
    option: "[ngs_coordination] backend_url",
    allowed_options: "etcd3+http, etcd3+https, etcd3gw+http, etcd3gw+https",
  });
}

/**
 * Split the query into key/value pairs. Besides `&`, a comma before `key=` also
 * separates (upstream's docs write `?api_version=v3,ca_cert=/path`).
 */
function queryPairs(query: string): [string, string][] {
  const out: [string, string][] = [];
  for (const part of query.split("&")) {
    if (!part) continue;
    for (const piece of part.split(/,(?=[A-Za-z_]+=)/)) {
      const eq = piece.indexOf("=");
      const key = decodeURIComponent(eq < 0 ? piece : piece.slice(0, eq));
      const value = eq < 0 ? "" : decodeURIComponent(piece.slice(eq + 1).replace(/\+/g, " "));
      out.push([key, value]);
    }
  }
  return out;
}

function positiveNumber(url: string, key: string, value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n <= 0) {
    throw configError(url, `${key}=${JSON.stringify(value)} is not a positive number of seconds`);
  }
  return n;
}

/**
 * Parse a tooz-style etcd URL: `etcd3+http://host:port`, `etcd3gw+https://…`
 * with `?ca_cert=&cert_key=&cert_cert=`, `?api_version=v3`, optional
 * `user:pass@`. Throws `GenericSwitchConfigException` naming the URL without
 * its credentials.
 */
export function parseBackendUrl(url: string): BackendUrl {
  const trimmed = url.trim();
  const redacted = redactUrl(trimmed);
  const m = /^([A-Za-z][\w.-]*)\+(https?):\/\/([^/?#]*)(\/[^?#]*)?(?:\?([^#]*))?(?:#.*)?$/.exec(trimmed);
  if (!m) {
    const scheme = /^([A-Za-z][\w+.-]*):/.exec(trimmed)?.[1];
    throw configError(
      trimmed,
      scheme
        ? `unsupported scheme "${scheme}"; ngs coordinates through etcd v3: use etcd3+http://host:2379 (or etcd3+https, etcd3gw+http, etcd3gw+https)`
        : "not a URL; expected etcd3+http://host:2379",
    );
  }
  const [, driverRaw, protocol, authority, , query] = m as unknown as [string, string, "http" | "https", string, string?, string?];
  const driver = driverRaw.toLowerCase();
  if (!(DRIVERS as readonly string[]).includes(driver)) {
    throw configError(
      trimmed,
      `unsupported scheme "${driverRaw}+${protocol}"; ngs coordinates through etcd v3: use etcd3+http://host:2379 (or etcd3+https, etcd3gw+http, etcd3gw+https)`,
    );
  }

  let hostPort = authority;
  let auth: BackendUrl["auth"];
  const at = authority.lastIndexOf("@");
  if (at >= 0) {
    const cred = authority.slice(0, at);
    hostPort = authority.slice(at + 1);
    const colon = cred.indexOf(":");
    auth = {
      username: decodeURIComponent(colon < 0 ? cred : cred.slice(0, colon)),
      password: decodeURIComponent(colon < 0 ? "" : cred.slice(colon + 1)),
    };
  }
  let host = hostPort;
  let port = 2379; // tooz's default
  const hp = /^(\[[^\]]+\]|[^:]*)(?::(\d*))?$/.exec(hostPort);
  if (!hp) throw configError(trimmed, `cannot read host and port from "${redactUrl(`x://${hostPort}`).slice(4)}"`);
  host = hp[1] || "localhost";
  if (hp[2] !== undefined && hp[2] !== "") {
    port = Number(hp[2]);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw configError(trimmed, `port ${hp[2]} is out of range 1-65535`);
  }

  const tls: NonNullable<BackendUrl["tls"]> = {};
  const ignored: string[] = [];
  let timeoutS: number | undefined;
  let lockTimeoutS: number | undefined;
  let proto = protocol;
  for (const [key, value] of queryPairs(query ?? "")) {
    if (!KNOWN_PARAMS.has(key)) {
      ignored.push(key);
      continue;
    }
    if (key === "ca_cert") tls.caCert = value;
    else if (key === "cert_key") tls.certKey = value;
    else if (key === "cert_cert") tls.certCert = value;
    else if (key === "timeout") timeoutS = positiveNumber(trimmed, key, value);
    else if (key === "lock_timeout") lockTimeoutS = positiveNumber(trimmed, key, value);
    else if (key === "protocol") {
      // tooz's etcd3gw driver takes the protocol as a parameter too.
      if (value !== "http" && value !== "https") throw configError(trimmed, `protocol=${JSON.stringify(value)}: expected http or https`);
      proto = value;
    }
    // api_version: etcd3gw's HTTP gateway path; gRPC needs none.
  }
  if ((tls.certKey === undefined) !== (tls.certCert === undefined)) {
    throw configError(trimmed, "cert_key and cert_cert must be given together (client certificate and its key)");
  }
  const hasTls = Object.keys(tls).length > 0;
  if (hasTls && proto !== "https") throw configError(trimmed, "ca_cert/cert_key/cert_cert need an https URL (etcd3+https://…)");

  const result: BackendUrl = {
    driver: driver as BackendUrl["driver"],
    protocol: proto,
    host,
    port,
    endpoint: `${proto}://${host}:${port}`,
    ignored,
    redacted,
  };
  if (auth) result.auth = auth;
  if (hasTls) result.tls = tls;
  if (timeoutS !== undefined) result.timeoutS = timeoutS;
  if (lockTimeoutS !== undefined) result.lockTimeoutS = lockTimeoutS;
  return result;
}

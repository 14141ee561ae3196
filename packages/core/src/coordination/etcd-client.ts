import { readFileSync } from "node:fs";
import type { Etcd3, IOptions } from "etcd3";
import { GenericSwitchConfigException, GenericSwitchException } from "../errors.js";
import { parseBackendUrl, type BackendUrl } from "./backend-url.js";

export interface EtcdClientOptions {
  /** Deadline of each etcd request (default: the URL's `timeout`, else 30 s, tooz's default). */
  requestTimeoutMs?: number;
  /** How long the startup reachability check may take (default 10 s). */
  connectTimeoutMs?: number;
}

/** An etcd3 client plus what it was built from. */
export interface EtcdConnection {
  client: Etcd3;
  backend: BackendUrl;
  requestTimeoutMs: number;
}

/**
 * A pass-through fault policy for each host. etcd3's default circuit breaker
 * keeps failing calls for 5 s after three errors, even once etcd is back; our
 * callers already retry on their own schedule, so errors come straight through.
 */
const passThrough = {
  onSuccess: () => ({ dispose() {} }),
  onFailure: () => ({ dispose() {} }),
  execute<T>(fn: (ctx: { signal: AbortSignal; attempt: number }) => PromiseLike<T> | T, signal?: AbortSignal): Promise<T> {
    return Promise.resolve().then(() => fn({ signal: signal ?? new AbortController().signal, attempt: 0 }));
  },
} as unknown as NonNullable<NonNullable<IOptions["faultHandling"]>["global"]>;

function readPem(backend: BackendUrl, key: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new GenericSwitchConfigException({
      message: `[ngs_coordination] backend_url ${backend.redacted}: cannot read ${key} ${path}: ${(e as Error).message}`,
      option: "[ngs_coordination] backend_url",
    });
  }
}

/**
 * etcd3 is an optional peer of core: the hosts (`@ngs/cli`, `@ngs/server`)
 * bring it, a plugin's install does not. Missing, it is a config problem
 * with a fix, not a stack trace.
 */
async function importEtcd3(backend: BackendUrl): Promise<typeof import("etcd3")> {
  try {
    return await import("etcd3");
  } catch (e) {
    if ((e as { code?: string }).code !== "ERR_MODULE_NOT_FOUND") throw e;
    throw new GenericSwitchConfigException({
      message: `[ngs_coordination] backend_url ${backend.redacted} needs the etcd3 package, which is not installed beside @ngs/core. To resolve this issue, install etcd3 (npm install etcd3@^1.1.2; @ngs/cli and @ngs/server bring it), or remove backend_url to coordinate within this host only.`,
      option: "[ngs_coordination] backend_url",
    });
  }
}

/**
 * Build (without contacting etcd) a client for a `backend_url`. etcd3 (gRPC,
 * protobufjs) is imported here, not at module load: hosts without a
 * backend_url never pay its ~0.5 s start-up cost.
 */
export async function createEtcdClient(url: string | BackendUrl, opts: EtcdClientOptions = {}): Promise<EtcdConnection> {
  const backend = typeof url === "string" ? parseBackendUrl(url) : url;
  const { Etcd3 } = await importEtcd3(backend);
  const requestTimeoutMs = opts.requestTimeoutMs ?? (backend.timeoutS ?? 30) * 1000;
  const options: IOptions = {
    hosts: backend.endpoint,
    dialTimeout: opts.connectTimeoutMs ?? 10_000,
    // Streams (watch, lease keep-alive) stay open; every unary call gets a deadline.
    defaultCallOptions: (ctx) => (ctx.isStream ? {} : { deadline: Date.now() + requestTimeoutMs }),
    faultHandling: { host: () => passThrough },
  };
  if (backend.auth) options.auth = { username: backend.auth.username, password: backend.auth.password };
  if (backend.tls) {
    const { caCert, certKey, certCert } = backend.tls;
    const credentials: NonNullable<IOptions["credentials"]> = {
      rootCertificate: caCert ? readPem(backend, "ca_cert", caCert) : Buffer.alloc(0),
    };
    if (certKey && certCert) {
      credentials.privateKey = readPem(backend, "cert_key", certKey);
      credentials.certChain = readPem(backend, "cert_cert", certCert);
    }
    // grpc takes an empty root as "use the system roots".
    if (!caCert) (credentials as { rootCertificate?: Buffer }).rootCertificate = undefined as unknown as Buffer;
    options.credentials = credentials;
  }
  return { client: new Etcd3(options), backend, requestTimeoutMs };
}

/**
 * Connect and prove etcd answers (a cheap status call), or throw a
 * `GenericSwitchException` naming the URL without its credentials. The
 * client is closed on failure.
 */
export async function connectEtcd(url: string | BackendUrl, opts: EtcdClientOptions = {}): Promise<EtcdConnection> {
  const conn = await createEtcdClient(url, opts);
  const connectTimeoutMs = opts.connectTimeoutMs ?? 10_000;
  try {
    await conn.client.get("/ngs/.probe").options({ deadline: Date.now() + connectTimeoutMs }).exec();
  } catch (e) {
    conn.client.close();
    const reason = cleanReason((e as Error).message ?? String(e));
    const fix = /certificate|ssl|tls|handshake/i.test(reason)
      ? "check ca_cert (the CA that signed etcd's certificate) and, if etcd asks for client certificates, cert_key and cert_cert in backend_url"
      : /auth|password|user|permission/i.test(reason)
        ? conn.backend.auth
          ? "check the user and password in backend_url (or remove them if etcd has authentication off)"
          : "add user:password@ to backend_url, as etcd requires authentication"
        : `check that etcd is running and reachable at ${conn.backend.endpoint}, or remove backend_url to coordinate within this host only`;
    throw new GenericSwitchException({
      message: `Cannot connect to the coordination backend [ngs_coordination] backend_url ${conn.backend.redacted}: ${reason}. To resolve this issue, ${fix}.`,
      method: "coordination startup",
      cause: e,
    });
  }
  return conn;
}

/** gRPC's error text, minus its status prefix, empty notes and OpenSSL source locations, on one line. */
function cleanReason(message: string): string {
  return message
    .replace(/^\d+ [A-Z_]+: /, "")
    .replace(/Resolution note: ?\.?/g, "")
    .replace(/:\.\.\/deps\/openssl\/\S+/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[.\s]+$/, "");
}

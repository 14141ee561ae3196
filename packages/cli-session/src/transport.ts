/** Transport: TCP + SSH (ssh2 Client) up to an interactive shell channel. Bytes only, no prompts. */
import { connect as tcpConnect, type Socket } from "node:net";
import type { AuthenticationType, ClientChannel, ConnectConfig } from "ssh2";
import { AuthenticationError, ConnectError, HostKeyMismatchError } from "./errors.js";
import { fingerprintSha256, verifyHostKey, type HostKeyVerdict } from "./hostkeys.js";
import type { SessionOptions } from "./types.js";


export interface Transport {
  client: import("ssh2").Client;
  shell: ClientChannel;
  /** `SHA256:...` of the key the server presented. */
  hostKeyFingerprint: string;
}

type AlgoKey = "kex" | "cipher" | "serverHostKey" | "hmac" | "compress";

function tcp(host: string, port: number, timeoutMs: number, cut: boolean): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const sock = tcpConnect({ host, port });
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new ConnectError(`TCP connection to ${host}:${port} timed out after ${timeoutMs} ms. ` +
        `To resolve this issue, check the address, port and any firewall, or raise ${cut ? "ngs_ssh_connect_timeout" : "conn_timeout"}.`, { host, port }));
    }, timeoutMs);
    sock.once("connect", () => {
      clearTimeout(timer);
      sock.setNoDelay(true);
      resolve(sock);
    });
    sock.once("error", (err) => {
      clearTimeout(timer);
      reject(new ConnectError(`TCP connection to ${host}:${port} failed: ${err.message}`, { cause: err, host, port }));
    });
  });
}

/**
 * `subsystem` opens that SSH subsystem (`netconf`) instead of an interactive
 * shell; `@ngs/netconf` shares this login, host-key and timeout handling.
 */
export async function openTransport(
  opts: Omit<SessionOptions, "platform">,
  subsystem?: string,
): Promise<Transport> {
  // ssh2 (and its crypto binding) loads on the first connection, not at import:
  // `--dry-run` and config checks never open one.
  const { Client } = (await import("ssh2")).default;
  const host = opts.host;
  const port = opts.port ?? 22;
  // Each phase gets its own deadline, cut to what is left of the overall one.
  const left = () => (opts.connectDeadline === undefined ? Infinity : Math.max(1, opts.connectDeadline - Date.now()));
  const tcpTimeout = opts.connectTimeoutMs ?? 10_000;
  const sock = await tcp(host, port, Math.min(tcpTimeout, left()), left() < tcpTimeout);
  const client = new Client();
  let verdict: HostKeyVerdict | undefined;
  let fingerprint = "";
  let verifyError: unknown;

  const algorithms: NonNullable<ConnectConfig["algorithms"]> = {};
  for (const [k, v] of Object.entries(opts.disabledAlgorithms ?? {})) {
    if (v && v.length) (algorithms as Record<AlgoKey, unknown>)[k as AlgoKey] = { remove: v };
  }

  const config: ConnectConfig = {
    sock,
    host,
    port,
    username: opts.username,
    ...(opts.password !== undefined ? { password: opts.password } : {}),
    ...(opts.privateKey !== undefined ? { privateKey: opts.privateKey } : {}),
    ...(opts.passphrase !== undefined ? { passphrase: opts.passphrase } : {}),
    ...(opts.agent !== undefined ? { agent: opts.agent } : {}),
    // Many switches only offer keyboard-interactive for passwords.
    tryKeyboard: opts.password !== undefined,
    authHandler: authOrder(opts),
    readyTimeout: Math.min((opts.bannerTimeoutMs ?? 15_000) + (opts.authTimeoutMs ?? 10_000), left()),
    algorithms,
    hostVerifier: (key: Buffer) => {
      try {
        verdict = opts.hostKey ? verifyHostKey(key, host, port, opts.hostKey) : { ok: true };
      } catch (err) {
        verifyError = err;
        verdict = { ok: false, reason: "unknown", expected: [], actual: fingerprintSha256(key) };
      }
      fingerprint = fingerprintSha256(key);
      return verdict.ok;
    },
  };

  return new Promise<Transport>((resolve, reject) => {
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      client.end();
      sock.destroy();
      reject(err);
    };
    client.on("keyboard-interactive", (_name, _instr, _lang, prompts, finish) => {
      finish(prompts.map(() => opts.password ?? ""));
    });
    client.once("ready", () => {
      client.setNoDelay(true);
      const opened = (err: Error | undefined, shell: ClientChannel) => {
        if (err) {
          const what = subsystem === undefined ? "shell" : `subsystem '${subsystem}'`;
          fail(new ConnectError(`SSH ${what} on ${host}:${port} could not be opened: ${err.message}`, { cause: err, host, port }));
          return;
        }
        settled = true;
        resolve({ client, shell, hostKeyFingerprint: fingerprint });
      };
      if (subsystem === undefined) client.shell({ term: "vt100", cols: 511, rows: 1000 }, opened);
      else client.subsys(subsystem, opened);
    });
    client.on("error", (err: Error & { level?: string }) => {
      if (verdict && !verdict.ok) {
        fail(hostKeyError(host, port, verdict, verifyError, opts.hostKey?.knownHostsFile));
      } else if (err.level === "client-authentication") {
        fail(new AuthenticationError(
          `Authentication to ${opts.username}@${host}:${port} failed: ${err.message}. ` +
            "To resolve this issue, check username, password or key_file for this switch.",
          { cause: err, host, port },
        ));
      } else {
        fail(new ConnectError(`SSH connection to ${host}:${port} failed: ${err.message}`, { cause: err, host, port }));
      }
    });
    client.on("close", () => {
      fail(new ConnectError(`SSH connection to ${host}:${port} closed during login.`, { host, port }));
    });
    try {
      client.connect(config);
    } catch (err) {
      // ssh2 throws synchronously on an unparseable private key.
      fail(new AuthenticationError(`SSH key for ${host}:${port} is unusable: ${(err as Error).message}`, { cause: err, host, port }));
    }
  });
}

/**
 * The configured methods first, as paramiko does (keys, agent, password),
 * and `none` only as the last resort for devices that log in in-band: ssh2's
 * default asks `none` first, one wasted round trip on every login.
 */
export function authOrder(opts: Pick<SessionOptions, "password" | "privateKey" | "agent">): AuthenticationType[] {
  const order: AuthenticationType[] = [];
  if (opts.privateKey !== undefined) order.push("publickey");
  if (opts.agent !== undefined) order.push("agent");
  if (opts.password !== undefined) order.push("password", "keyboard-interactive");
  order.push("none");
  return order;
}

function hostKeyError(
  host: string,
  port: number,
  v: Exclude<HostKeyVerdict, { ok: true }>,
  cause: unknown,
  knownHostsFile?: string,
): HostKeyMismatchError {
  const where = `${host}:${port}`;
  let msg: string;
  if (cause) {
    msg = `Host key of ${where} could not be checked: known_hosts file ${knownHostsFile} is unreadable (${(cause as Error).message}).`;
  } else if (v.reason === "unknown") {
    msg = `Host key of ${where} (${v.actual}) is not listed in ${knownHostsFile}; connection refused. ` +
      "To resolve this issue, add the switch's key to the known_hosts file (ssh-keyscan).";
  } else if (v.reason === "revoked") {
    msg = `Host key of ${where} (${v.actual}) is marked @revoked in ${knownHostsFile}; connection refused.`;
  } else {
    msg = `Host key mismatch for ${where}: expected ${v.expected.join(" or ")}, got ${v.actual}; connection refused. ` +
      "To resolve this issue, verify the switch's identity, then update the pinned fingerprint or known_hosts entry.";
  }
  return new HostKeyMismatchError(msg, v.expected, v.actual, { host, port, ...(cause ? { cause } : {}) });
}

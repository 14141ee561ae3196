import { createHash, timingSafeEqual } from "node:crypto";
import type { AddressInfo } from "node:net";
import ssh2 from "ssh2";
import type { Connection, ParsedKey, AuthContext } from "ssh2";
import type { SwitchContext } from "./dialect.js";
import { dialectFor } from "./platforms/index.js";
import { createState, snapshotState } from "./state.js";
import { generateKeyPair } from "./keys.js";
import { Terminal } from "./terminal.js";
import { NetconfService } from "./netconf/service.js";
import type { SimCounters, SimFaults, SimSnapshot, SimState, SimSwitch, SimSwitchOptions } from "./types.js";

const { Server, utils } = ssh2;

/** `SHA256:<base64 without padding>` of an SSH public key blob, as OpenSSH prints it. */
export function fingerprintOf(publicKeyBlob: Buffer): string {
  return "SHA256:" + createHash("sha256").update(publicKeyBlob).digest("base64").replace(/=+$/, "");
}

function parseOrThrow(data: string | Buffer, what: string): ParsedKey {
  const k = utils.parseKey(data);
  if (k instanceof Error) throw new Error(`switch-sim: cannot parse ${what}: ${k.message}`);
  return Array.isArray(k) ? (k[0] as ParsedKey) : k;
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Starts one simulated switch listening on `host:port` (default 127.0.0.1, a free port). */
export async function startSwitch(options: SimSwitchOptions): Promise<SimSwitch> {
  const dialect = dialectFor(options.platform);
  const hostname = options.hostname ?? dialect.defaultHostname;
  const username = options.username ?? "admin";
  const host = options.host ?? "127.0.0.1";
  const hostKey = options.hostKey ?? generateKeyPair().private;
  const hostKeyFingerprint = fingerprintOf(parseOrThrow(hostKey, "host key").getPublicSSH());
  const authorized = (options.authorizedKeys ?? [])
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"))
    .map((l) => parseOrThrow(l, "authorized key"));
  if (options.password === undefined && authorized.length === 0) {
    throw new Error("switch-sim: give a password and/or authorizedKeys, otherwise nobody can log in");
  }

  const state: SimState = createState(options.ports ?? [], options.vlans ?? []);
  const counters: SimCounters = {
    sessionsOpened: 0,
    sessionsActive: 0,
    sessionsPeak: 0,
    commandsReceived: 0,
    saves: 0,
    commits: 0,
    authFailures: 0,
    sessionsRejected: 0,
    emptyLines: 0,
    answers: 0,
    authRequests: 0,
  };
  const commandLog: string[] = [];
  let faults: SimFaults = { ...(options.faults ?? {}) };
  const extra = new Map<string, unknown>();
  // PowerConnect asks for credentials inside the shell, as the real switch
  // does (netmiko's dell_powerconnect uses SSH auth "none"); on by default.
  const inbandLogin = dialect.platform === "dell_powerconnect" && (options.inbandLogin ?? true);
  const ctx: SwitchContext = {
    platform: dialect.platform,
    hostname,
    state,
    counters,
    get faults() {
      return faults;
    },
    secret: options.secret,
    password: options.password,
    privileged: options.privileged ?? false,
    loginQuestions: options.loginQuestions ?? false,
    inbandLogin: false,
    username,
    banner: options.banner,
    extra,
  };
  const connections = new Set<Connection>();
  const netconf = options.netconf ? new NetconfService(options.netconf) : undefined;

  const checkAuth = (auth: AuthContext): boolean => {
    if (faults.failAuth || auth.username !== username) return false;
    if (auth.method === "password") {
      return options.password !== undefined && sameBytes(Buffer.from(auth.password), Buffer.from(options.password));
    }
    if (auth.method === "publickey") {
      const key = authorized.find((k) => sameBytes(k.getPublicSSH(), auth.key.data));
      if (!key) return false;
      // Without a signature the client only asks whether the key would do.
      return auth.signature === undefined || (auth.blob !== undefined && key.verify(auth.blob, auth.signature, auth.hashAlgo) === true);
    }
    return false;
  };

  const server = new Server({ hostKeys: [hostKey], ident: "SSH-2.0-ngs_switch_sim" }, (client) => {
    connections.add(client);
    // Without this, Nagle + delayed ACK make every round trip ~40 ms.
    (client as Connection & { setNoDelay(v: boolean): void }).setNoDelay(true);
    let counted = false;
    let rejected = false;
    let terminal: Terminal | null = null;
    /** Authenticated with SSH "none": the shell asks for the credentials (PowerConnect). */
    let askInband = false;

    client.on("authentication", (auth) => {
      counters.authRequests++;
      const methods: ("password" | "publickey")[] = [];
      if (options.password !== undefined) methods.push("password");
      if (authorized.length > 0) methods.push("publickey");
      if (auth.method === "none") {
        if (inbandLogin && !faults.failAuth) {
          askInband = true;
          return auth.accept();
        }
        return auth.reject(methods);
      }
      const ok = checkAuth(auth);
      const isProbe = auth.method === "publickey" && auth.signature === undefined;
      if (!ok) {
        counters.authFailures++;
        return auth.reject(methods);
      }
      const latency = faults.loginLatencyMs ?? 0;
      if (latency > 0 && !isProbe) void delay(latency).then(() => auth.accept());
      else auth.accept();
    });

    client.on("ready", () => {
      const max = faults.maxSessions;
      if (max !== undefined && counters.sessionsActive >= max) {
        rejected = true;
        counters.sessionsRejected++;
        // Some clients never open a shell; do not keep them forever.
        const t = setTimeout(() => client.end(), 1000);
        t.unref();
      } else {
        counted = true;
        counters.sessionsOpened++;
        counters.sessionsActive++;
        counters.sessionsPeak = Math.max(counters.sessionsPeak, counters.sessionsActive);
      }
      client.on("session", (accept) => {
        const session = accept();
        session.on("pty", (ok) => ok?.());
        session.on("window-change", (ok) => ok?.());
        session.on("env", (ok) => ok?.());
        session.on("exec", (_ok, reject) => reject?.());
        session.on("subsystem", (ok, reject, info) => {
          if (!netconf || info.name !== "netconf" || rejected) return reject?.();
          netconf.attach(ok(), () => client.end());
        });
        session.on("shell", (ok) => {
          const channel = ok();
          if (rejected) {
            channel.write(`% Connection refused: maximum number of sessions (${max}) reached\r\n`);
            channel.exit(1);
            channel.end();
            client.end();
            return;
          }
          if (terminal) {
            channel.end();
            return;
          }
          // Per connection: only a client that skipped SSH authentication is asked in-band.
          const connCtx: SwitchContext = askInband ? Object.create(ctx, { inbandLogin: { value: true } }) : ctx;
          terminal = new Terminal(channel, connCtx, dialect, username, {
            onCommand: (line) => commandLog.push(line),
            close: () => {
              channel.exit(0);
              channel.end();
              client.end();
            },
          });
          channel.on("data", (d: Buffer) => terminal?.input(d));
          channel.on("close", () => terminal?.shutdown());
          terminal.start();
        });
      });
    });

    client.on("error", () => {
      // A client vanishing mid-session is normal for a switch.
    });
    client.on("close", () => {
      connections.delete(client);
      terminal?.shutdown();
      if (counted) {
        counters.sessionsActive--;
        counted = false;
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  const disconnectAll = (): void => {
    for (const c of connections) c.end();
  };
  const sim: SimSwitch = {
    platform: dialect.platform,
    hostname,
    host,
    port,
    address: `${host.includes(":") ? `[${host}]` : host}:${port}`,
    hostKeyFingerprint,
    state,
    counters,
    commandLog,
    get faults() {
      return faults;
    },
    set faults(f: SimFaults) {
      faults = { ...f };
    },
    snapshot: (): SimSnapshot => snapshotState(state),
    netconf,
    disconnectAll,
    close: async () => {
      netconf?.shutdown();
      disconnectAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return sim;
}

/** Starts several switches at once; if one fails, the others are closed again. */
export async function startSwitches(list: readonly SimSwitchOptions[]): Promise<SimSwitch[]> {
  const results = await Promise.allSettled(list.map((o) => startSwitch(o)));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) {
    await Promise.all(results.map((r) => (r.status === "fulfilled" ? r.value.close() : undefined)));
    throw failed.reason;
  }
  return results.map((r) => (r as PromiseFulfilledResult<SimSwitch>).value);
}

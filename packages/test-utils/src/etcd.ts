import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { get } from "node:http";
import { get as httpsGet, type RequestOptions } from "node:https";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A real etcd server on loopback, private to one test file. */
export interface EtcdFixture {
  /** `127.0.0.1:<client port>`. */
  readonly endpoint: string;
  /** `http(s)://127.0.0.1:<client port>` (what the etcd3 client takes as a host). */
  readonly clientUrl: string;
  /** `etcd3+http(s)://127.0.0.1:<client port>`: an ngs `[ngs_coordination] backend_url` (add TLS params yourself). */
  readonly url: string;
  readonly dataDir: string;
  /** Process id of the running etcd (undefined while stopped). */
  readonly pid: number | undefined;
  /** SIGTERM, wait for exit, remove the data dir. Safe to call twice. */
  stop(): Promise<void>;
  /** SIGKILL and wait for exit; keeps the data dir so `restart()` brings the same data back. */
  kill(): Promise<void>;
  /** Start again on the same ports and data dir (after `kill()` or `pause()`). */
  restart(): Promise<void>;
}

export interface StartEtcdOptions {
  /** How long to wait for `/health` (default 15 s). */
  readyTimeoutMs?: number;
  /** The etcd binary (default `etcd` on PATH). */
  binary?: string;
  /** Serve clients over TLS (see `createTestPki`); with `clientCertAuth` clients must show a cert signed by `caFile`. */
  tls?: { certFile: string; keyFile: string; caFile: string; clientCertAuth?: boolean; clientCertFile?: string; clientKeyFile?: string };
}

/** A throwaway CA with a server cert for 127.0.0.1 and a client cert, as PEM files in `dir`. */
export interface TestPki {
  dir: string;
  caFile: string;
  serverCertFile: string;
  serverKeyFile: string;
  clientCertFile: string;
  clientKeyFile: string;
}

/** Make a test PKI with openssl (throws if openssl is missing). */
export async function createTestPki(dir?: string): Promise<TestPki> {
  const d = dir ?? (await mkdtemp(join(tmpdir(), "ngs-pki-")));
  const run = (args: string[]) =>
    new Promise<void>((resolve, reject) => {
      const c = spawn("openssl", args, { cwd: d, stdio: ["ignore", "ignore", "pipe"] });
      let err = "";
      c.stderr!.on("data", (b: Buffer) => (err += b.toString()));
      c.once("error", reject);
      c.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`openssl ${args[0]} failed (${code}): ${err}`))));
    });
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  await run(["req", "-x509", ...ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=ngs test CA"]);
  for (const [name, ext] of [
    ["server", "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth"],
    ["client", "extendedKeyUsage=clientAuth"],
  ] as const) {
    await run(["req", ...ec, "-keyout", `${name}.key`, "-out", `${name}.csr`, "-subj", `/CN=ngs-${name}`]);
    await writeFile(join(d, `${name}.ext`), `${ext}\n`);
    await run(["x509", "-req", "-in", `${name}.csr`, "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", `${name}.pem`, "-days", "2", "-extfile", `${name}.ext`]);
  }
  return {
    dir: d,
    caFile: join(d, "ca.pem"),
    serverCertFile: join(d, "server.pem"),
    serverKeyFile: join(d, "server.key"),
    clientCertFile: join(d, "client.pem"),
    clientKeyFile: join(d, "client.key"),
  };
}

/** A port nobody listens on right now (the kernel picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function healthy(clientUrl: string, tls?: StartEtcdOptions["tls"]): Promise<boolean> {
  return new Promise((resolve) => {
    const options: RequestOptions = { timeout: 1000 };
    if (tls) {
      options.ca = readFileSync(tls.caFile);
      if (tls.clientCertFile && tls.clientKeyFile) {
        options.cert = readFileSync(tls.clientCertFile);
        options.key = readFileSync(tls.clientKeyFile);
      }
    }
    const req = (tls ? httpsGet : get)(`${clientUrl}/health`, options, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve(res.statusCode === 200 && /"health"\s*:\s*"true"/.test(body)));
    });
    req.on("error", () => resolve(false));
    req.on("timeout", () => {
      req.destroy();
      resolve(false);
    });
  });
}

function waitExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/**
 * Start etcd 3.4 on two free loopback ports with a temp data dir and the fast
 * election timings (ready in ~100 ms). Throws, never skips, when etcd is
 * missing or does not become healthy in time.
 */
export async function startEtcd(opts: StartEtcdOptions = {}): Promise<EtcdFixture> {
  const readyTimeoutMs = opts.readyTimeoutMs ?? 15_000;
  const binary = opts.binary ?? "etcd";
  const dataDir = await mkdtemp(join(tmpdir(), "ngs-etcd-"));
  const scheme = opts.tls ? "https" : "http";
  let child: ChildProcess | undefined;
  let clientPort = 0;
  let peerPort = 0;
  let stopped = false;

  const launch = async (): Promise<void> => {
    const clientUrl = `${scheme}://127.0.0.1:${clientPort}`;
    const peerUrl = `http://127.0.0.1:${peerPort}`;
    const args = [
      "--name", "ngs-test",
      "--data-dir", join(dataDir, "data"),
      "--listen-client-urls", clientUrl,
      "--advertise-client-urls", clientUrl,
      "--listen-peer-urls", peerUrl,
      "--initial-advertise-peer-urls", peerUrl,
      "--initial-cluster", `ngs-test=${peerUrl}`,
      "--initial-cluster-state", "new",
      "--heartbeat-interval", "10",
      "--election-timeout", "100",
      "--logger", "zap",
      "--log-outputs", join(dataDir, "etcd.log"),
    ];
    if (opts.tls) {
      args.push("--cert-file", opts.tls.certFile, "--key-file", opts.tls.keyFile, "--trusted-ca-file", opts.tls.caFile);
      if (opts.tls.clientCertAuth) args.push("--client-cert-auth");
    }
    const c = spawn(binary, args, { stdio: "ignore" });
    child = c;
    const spawnError = new Promise<Error>((resolve) => c.once("error", resolve));
    const exited = new Promise<string>((resolve) => c.once("exit", (code, sig) => resolve(`exited (${sig ?? code})`)));
    const deadline = Date.now() + readyTimeoutMs;
    for (;;) {
      const outcome = await Promise.race([
        spawnError.then((e) => `could not be started: ${e.message}`),
        exited,
        healthy(clientUrl, opts.tls).then((ok) => (ok ? "ok" : "")),
      ]);
      if (outcome === "ok") return;
      if (outcome) throw new Error(`etcd (${binary}) ${outcome}; see ${join(dataDir, "etcd.log")}`);
      if (Date.now() > deadline) {
        c.kill("SIGKILL");
        await waitExit(c);
        throw new Error(`etcd did not become healthy within ${readyTimeoutMs} ms; see ${join(dataDir, "etcd.log")}`);
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  // A port picked by the kernel can be taken before etcd binds it; retry with new ones.
  for (let attempt = 1; ; attempt++) {
    clientPort = await freePort();
    peerPort = await freePort();
    try {
      await launch();
      break;
    } catch (e) {
      if (attempt >= 3 || /could not be started/.test(String(e))) {
        await rm(dataDir, { recursive: true, force: true });
        throw e;
      }
      await rm(join(dataDir, "data"), { recursive: true, force: true });
    }
  }

  const clientUrl = `${scheme}://127.0.0.1:${clientPort}`;
  const halt = async (signal: NodeJS.Signals): Promise<void> => {
    const c = child;
    child = undefined;
    if (!c) return;
    c.kill(signal);
    await waitExit(c);
  };
  return {
    endpoint: `127.0.0.1:${clientPort}`,
    clientUrl,
    url: `etcd3+${clientUrl}`,
    dataDir,
    get pid() {
      return child?.pid;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await halt("SIGTERM");
      await rm(dataDir, { recursive: true, force: true });
    },
    kill: () => halt("SIGKILL"),
    async restart() {
      if (stopped) throw new Error("etcd fixture was stopped; start a new one");
      await halt("SIGKILL");
      await launch();
    },
  };
}

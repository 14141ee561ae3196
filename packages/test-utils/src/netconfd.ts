/**
 * A real NETCONF server: Debian's netconfd (yuma123) behind a fixture sshd,
 * with minimal OpenConfig-shaped YANG modules (../yang) and a temp data dir.
 *
 * netconfd speaks to SSH clients only through `netconf-subsystem`, which
 * sshd starts per session and which reaches netconfd over a UNIX socket
 * chosen by the SSH port it was reached on; netconfd itself accepts only the
 * ports given with --port. So: sshd first (its port is picked at start), a
 * wrapper script maps that port to this netconfd's socket, then netconfd.
 * Needs root (sshd fixture) and /usr/sbin/netconfd; throws (never skips)
 * when something is missing or does not start.
 *
 * Known netconfd 2.13 behaviour clients meet here: a <validate> of the
 * candidate before <commit> makes that commit answer <ok/> and drop the
 * validated edits; `remove` is refused on base:1.0 sessions (a 1.1
 * operation). :validate cannot be switched off without breaking
 * edit-config (--with-validate=false makes it reject its own default
 * test-option), so it stays announced.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startSshd, type Sshd } from "./sshd.js";

export const NETCONFD_PATH = "/usr/sbin/netconfd";
const SUBSYSTEM_PATH = "/usr/sbin/netconf-subsystem";
/** The OpenConfig subset (same namespaces and paths as the OpenConfig models). */
export const NETCONFD_YANG_DIR = fileURLToPath(new URL("../yang/", import.meta.url));
const MODULES = ["openconfig-interfaces", "openconfig-if-ethernet", "openconfig-network-instance", "openconfig-vlan"];

export interface StartNetconfdOptions {
  /** `candidate` (default): :candidate, commit, confirmed commit. `running`: :writable-running only. */
  target?: "candidate" | "running";
  /** Announce :startup (copy-config to startup saves); default true. */
  withStartup?: boolean;
  /** NETCONF versions offered; default both (1.1 = chunked framing). */
  protocols?: ("netconf1.0" | "netconf1.1")[];
  /** Login user, created if missing (default `ngs-netconf`). */
  username?: string;
  /** Its password (default: random). */
  password?: string;
  /** Deadline for sshd and netconfd to be ready (default 15 s). */
  startTimeoutMs?: number;
}

export interface Netconfd {
  host: string;
  /** The SSH port serving the `netconf` subsystem. */
  port: number;
  username: string;
  password: string;
  privateKey: string;
  /** `SHA256:...` of sshd's host key. */
  hostKeyFingerprint: string;
  /** Temp directory with netconfd's socket, startup file and `netconfd.log`. */
  dir: string;
  /** netconfd's pid (sshd has its own: `sshd.pid`). */
  pid: number;
  sshd: Sshd;
  /** netconfd's log so far (for failure messages). */
  log(): Promise<string>;
  /** Stops netconfd and sshd by pid and removes their temp directories. */
  stop(): Promise<void>;
}

function socketReady(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(path);
    s.once("connect", () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
  });
}

export async function startNetconfd(options: StartNetconfdOptions = {}): Promise<Netconfd> {
  for (const bin of [NETCONFD_PATH, SUBSYSTEM_PATH]) {
    if (!existsSync(bin)) throw new Error(`startNetconfd: ${bin} not found. Install it: apt-get install -y netconfd.`);
  }
  const username = options.username ?? "ngs-netconf";
  const password = options.password ?? `nc-${randomBytes(9).toString("base64url")}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 15_000);
  const dir = await mkdtemp(join(tmpdir(), "ngs-netconfd-"));
  let sshd: Sshd | undefined;
  let proc: ReturnType<typeof spawn> | undefined;
  const logPath = join(dir, "netconfd.log");
  const log = () => readFile(logPath, "utf8").catch(() => "");
  const cleanup = async () => {
    if (proc && proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise((r) => proc!.once("exit", r));
      proc.kill("SIGTERM");
      const killTimer = setTimeout(() => proc!.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(killTimer);
    }
    await sshd?.stop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    // The subsystem runs as the login user: it must reach the script and the socket.
    await chmod(dir, 0o711);
    const sock = join(dir, "ncxserver.sock");
    const script = join(dir, "netconf-subsystem.sh");
    await writeFile(script, `#!/bin/sh\nexec ${SUBSYSTEM_PATH} "--ncxserver-sockname=\${SSH_CONNECTION##* }@${sock}"\n`, { mode: 0o755 });
    await chmod(script, 0o755);
    const startup = join(dir, "startup-cfg.xml");
    await writeFile(startup, '<config xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"/>\n');

    sshd = await startSshd({
      users: [{ name: username, password }],
      extraConfig: [`Subsystem netconf ${script}`],
      startTimeoutMs: Math.max(1_000, deadline - Date.now()),
    });
    const args = [
      `--modpath=${NETCONFD_YANG_DIR}:/usr/share/yuma/modules`,
      ...MODULES.map((m) => `--module=${m}`),
      `--ncxserver-sockname=${sock}`,
      `--port=${sshd.port}`,
      `--startup=${startup}`,
      `--target=${options.target ?? "candidate"}`,
      `--with-startup=${options.withStartup ?? true}`,
      `--protocols=${(options.protocols ?? ["netconf1.0", "netconf1.1"]).join(" ")}`,
      // The fixture user bypasses NACM; the test is about the protocol, not access rules.
      `--superuser=${username}`,
      "--log-level=info",
      `--log=${logPath}`,
    ];
    const child = spawn(NETCONFD_PATH, args, { stdio: "ignore", cwd: dir, env: { ...process.env, HOME: dir } });
    proc = child;
    child.once("error", () => undefined);
    while (child.exitCode === null && child.signalCode === null && Date.now() < deadline && !(await socketReady(sock))) {
      // Condition poll with a deadline: a missing socket fails at once, so pace the retries.
      await new Promise((r) => setTimeout(r, 50));
    }
    if (child.exitCode !== null || child.signalCode !== null || !(await socketReady(sock))) {
      throw new Error(`startNetconfd: netconfd did not start (socket ${sock}). netconfd log:\n${await log()}`);
    }
    await chmod(sock, 0o666);
    const s = sshd;
    return {
      host: s.host,
      port: s.port,
      username,
      password,
      privateKey: s.privateKey,
      hostKeyFingerprint: s.hostKeyFingerprint,
      dir,
      pid: child.pid!,
      sshd: s,
      log,
      stop: cleanup,
    };
  } catch (err) {
    await cleanup().catch(() => undefined);
    throw err;
  }
}

/**
 * A private, real Open vSwitch for tests: its own ovsdb-server and
 * ovs-vswitchd under a temporary OVS_RUNDIR/OVS_DBDIR, the userspace
 * "dummy" datapath (no kernel module, no host network devices), one bridge
 * with internal ports. Throws (never skips) when OVS is missing or does not
 * come up. See toolchain.md §7 for the recipe and its pitfalls.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { access, chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { constants } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface StartOvsOptions {
  /** Bridge to create (default `genericswitch`, upstream's `ngs_ovs_bridge` default). */
  bridge?: string;
  /** Internal ports to add to the bridge. */
  ports?: string[];
  /** Local users (non-root) that may use the database socket directly, e.g. an SSH test user without sudo. */
  allowUsers?: string[];
  /**
   * Users whose `sudo` keeps OVS_RUNDIR/OVS_DBDIR/OVS_LOGDIR and HOME (a sudoers drop-in,
   * removed by `stop()`): a login that runs `sudo -s` as upstream's OVS device
   * does still reaches this private instance.
   */
  sudoKeepEnvFor?: string[];
}

export interface OvsInstance {
  readonly bridge: string;
  readonly ports: readonly string[];
  /** The private run directory (db.sock, control sockets, pid files). */
  readonly rundir: string;
  readonly dbdir: string;
  readonly logdir: string;
  /** Environment that points OVS tools at this instance. */
  readonly env: Readonly<Record<"OVS_RUNDIR" | "OVS_DBDIR" | "OVS_LOGDIR", string>>;
  /** Run `ovs-vsctl` against this instance; resolves with trimmed stdout. */
  vsctl(...args: string[]): Promise<string>;
  /** Let a local user read and write the database socket (gives the socket to that user's primary group). */
  allowUser(user: string): Promise<void>;
  /** Stop both daemons (`ovs-appctl … exit --cleanup`), wait until they are gone, remove the temp dir. */
  stop(): Promise<void>;
}

const SCHEMA_CANDIDATES = ["/usr/share/openvswitch/vswitch.ovsschema", "/usr/local/share/openvswitch/vswitch.ovsschema"];
const BINARIES = ["ovsdb-tool", "ovsdb-server", "ovs-vswitchd", "ovs-vsctl", "ovs-appctl"];
const SEARCH_PATH = ["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin", "/sbin", "/bin"];

function run(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 15_000,
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env, timeout: timeoutMs }, (err, stdout, stderr) => {
      if (err) {
        const e = new Error(`${file} ${args.join(" ")} failed: ${err.message}${stderr ? `\n${stderr.trim()}` : ""}`, {
          cause: err,
        });
        reject(e);
      } else resolve({ stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

async function which(bin: string): Promise<string | undefined> {
  const dirs = [...(process.env.PATH ?? "").split(":").filter(Boolean), ...SEARCH_PATH];
  for (const d of dirs) {
    const p = join(d, bin);
    try {
      await access(p, constants.X_OK);
      return p;
    } catch {
      // keep looking
    }
  }
  return undefined;
}

async function exists(p: string): Promise<boolean> {
  try {
    await access(p);
    return true;
  } catch {
    return false;
  }
}

/** Poll a condition until it holds or the deadline passes. */
async function waitFor(what: string, cond: () => Promise<boolean>, deadlineMs = 10_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  let delay = 5;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out after ${deadlineMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 100);
  }
}

async function pidAlive(pidFile: string): Promise<number | undefined> {
  let pid: number;
  try {
    pid = Number((await readFile(pidFile, "utf8")).trim());
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

async function tail(file: string, lines = 20): Promise<string> {
  try {
    return (await readFile(file, "utf8")).trim().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/** Names that end up as OVS object names and on command lines. */
const SAFE_NAME = /^[A-Za-z0-9_.-]{1,15}$/;

export async function startOvs(opts: StartOvsOptions = {}): Promise<OvsInstance> {
  const bridge = opts.bridge ?? "genericswitch";
  const ports = [...(opts.ports ?? [])];
  for (const n of [bridge, ...ports]) {
    if (!SAFE_NAME.test(n)) throw new Error(`startOvs: invalid bridge/port name ${JSON.stringify(n)}`);
  }

  const bins: Record<string, string> = {};
  const missing: string[] = [];
  for (const b of BINARIES) {
    const p = await which(b);
    if (p) bins[b] = p;
    else missing.push(b);
  }
  let schema: string | undefined;
  for (const s of SCHEMA_CANDIDATES) if (await exists(s)) schema = s;
  if (missing.length > 0 || !schema) {
    throw new Error(
      `Open vSwitch is not installed (missing: ${[...missing, ...(schema ? [] : ["vswitch.ovsschema"])].join(", ")}). ` +
        "To resolve this issue install it: apt-get install -y openvswitch-switch",
    );
  }

  const base = await mkdtemp(join(tmpdir(), "ngs-ovs-"));
  // Other local users (the SSH test user) must be able to reach run/db.sock.
  await chmod(base, 0o755);
  const rundir = join(base, "run");
  const dbdir = join(base, "db");
  const logdir = join(base, "log");
  const env = { OVS_RUNDIR: rundir, OVS_DBDIR: dbdir, OVS_LOGDIR: logdir };
  const procEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const d of [rundir, dbdir, logdir]) await mkdir(d, { mode: 0o755 });
  await chmod(rundir, 0o755);

  const dbSock = join(rundir, "db.sock");
  const dbPid = join(rundir, "ovsdb-server.pid");
  const vsPid = join(rundir, "ovs-vswitchd.pid");
  const dbCtl = join(rundir, "ovsdb-server.ctl");
  const vsCtl = join(rundir, "ovs-vswitchd.ctl");

  const vsctl = async (...args: string[]): Promise<string> =>
    (await run(bins["ovs-vsctl"]!, [`--db=unix:${dbSock}`, "--timeout=10", ...args], procEnv)).stdout.trim();

  const sudoersFiles: string[] = [];
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await Promise.all(sudoersFiles.map((f) => rm(f, { force: true })));
    // --cleanup removes the dummy datapath's ports; then ovsdb-server.
    for (const [ctl, pidFile] of [
      [vsCtl, vsPid],
      [dbCtl, dbPid],
    ] as const) {
      const pid = await pidAlive(pidFile);
      if (pid === undefined) continue;
      const args = ctl === vsCtl ? ["-t", ctl, "exit", "--cleanup"] : ["-t", ctl, "exit"];
      await run(bins["ovs-appctl"]!, args, procEnv, 5_000).catch(() => undefined);
      try {
        await waitFor(`pid ${pid} to exit`, async () => (await pidAlive(pidFile)) !== pid, 5_000);
      } catch {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
    }
    await rm(base, { recursive: true, force: true });
  };

  try {
    await run(bins["ovsdb-tool"]!, ["create", join(dbdir, "conf.db"), schema], procEnv);
    await run(
      bins["ovsdb-server"]!,
      [
        join(dbdir, "conf.db"),
        `--remote=punix:${dbSock}`,
        `--pidfile=${dbPid}`,
        `--unixctl=${dbCtl}`,
        `--log-file=${join(logdir, "ovsdb-server.log")}`,
        "--detach",
        "-vconsole:off",
      ],
      procEnv,
    ).catch(async (e: unknown) => {
      throw new Error(`ovsdb-server did not start: ${(e as Error).message}\n${await tail(join(logdir, "ovsdb-server.log"))}`);
    });
    await waitFor("ovsdb-server's db.sock", () => exists(dbSock));
    // Without ovs-vswitchd running, a waiting ovs-vsctl would hang: --no-wait here.
    await vsctl("--no-wait", "init");
    await run(
      bins["ovs-vswitchd"]!,
      [
        `unix:${dbSock}`,
        "--enable-dummy=override",
        `--pidfile=${vsPid}`,
        `--unixctl=${vsCtl}`,
        `--log-file=${join(logdir, "ovs-vswitchd.log")}`,
        "--detach",
        "-vconsole:off",
      ],
      procEnv,
    ).catch(async (e: unknown) => {
      throw new Error(`ovs-vswitchd did not start: ${(e as Error).message}\n${await tail(join(logdir, "ovs-vswitchd.log"))}`);
    });
    await vsctl("add-br", bridge, "--", "set", "bridge", bridge, "datapath_type=dummy");
    for (const p of ports) await vsctl("add-port", bridge, p, "--", "set", "interface", p, "type=internal");
    for (const u of opts.allowUsers ?? []) await allowUserNow(u);
    for (const u of opts.sudoKeepEnvFor ?? []) {
      checkUser(u);
      // sudoers.d ignores file names containing '.'.
      const file = `/etc/sudoers.d/ngs_test_ovs_env_${process.pid}_${randomBytes(4).toString("hex")}`;
      // HOME too: `sudo -s` then reads the login user's rc files, not root's (which may be slow on a dev box).
      const text = `Defaults:${u} env_keep += "OVS_RUNDIR OVS_DBDIR OVS_LOGDIR HOME"\n`;
      // A broken sudoers file would break sudo machine-wide: check it before installing.
      const draft = join(base, "sudoers-draft");
      await writeFile(draft, text, { mode: 0o440 });
      await run("/usr/sbin/visudo", ["-c", "-q", "-f", draft], procEnv);
      await mkdir("/etc/sudoers.d", { recursive: true, mode: 0o755 });
      sudoersFiles.push(file);
      await writeFile(file, text, { mode: 0o440 });
    }
  } catch (e) {
    await stop();
    throw e;
  }

  function checkUser(user: string): void {
    if (!/^[a-z_][a-z0-9_-]{0,31}$/.test(user)) throw new Error(`startOvs: invalid user name ${JSON.stringify(user)}`);
  }

  async function allowUserNow(user: string): Promise<void> {
    checkUser(user);
    const { stdout } = await run("/usr/bin/id", ["-g", user], procEnv);
    const gid = Number(stdout.trim());
    // db.sock is root:root 0750 by default; the SSH user's group gets rw.
    await chown(dbSock, 0, gid);
    await chmod(dbSock, 0o770);
  }

  return {
    bridge,
    ports,
    rundir,
    dbdir,
    logdir,
    env,
    vsctl,
    allowUser: allowUserNow,
    stop,
  };
}

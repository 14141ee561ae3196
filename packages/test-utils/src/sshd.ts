/**
 * A real OpenSSH sshd on 127.0.0.1 with a free port, a temp config and
 * key-authenticated local users. Needs root (it creates users) and
 * /usr/sbin/sshd; throws a clear error (never skips) when either is missing.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export const SSHD_PATH = "/usr/sbin/sshd";
const SSH_KEYGEN = "/usr/bin/ssh-keygen";
const SUDO = "/usr/bin/sudo";

export interface SshdUserSpec {
  name: string;
  /** Also allow password login (sets the account's password; same name ⇒ same password across fixtures). */
  password?: string;
  /** Passwordless sudo (`true`/`"nopasswd"`), or sudo that asks for the account password (`"password"`). */
  sudo?: boolean | "nopasswd" | "password";
}

export interface StartSshdOptions {
  /** Users to create or reuse (default: one user `ngs-sshtest`). The first is the default login. */
  users?: (string | SshdUserSpec)[];
  /** `SetEnv` lines: environment for every login (e.g. `OVS_RUNDIR`). */
  setEnv?: Record<string, string>;
  /** Extra sshd_config lines, appended last. */
  extraConfig?: string[];
  /** Deadline for sshd to accept connections (default 10 s). */
  startTimeoutMs?: number;
  /** The sshd binary (default `/usr/sbin/sshd`; sshd refuses to start from a relative path). */
  sshdPath?: string;
}

export interface SshdUser {
  username: string;
  password: string | undefined;
  /** OpenSSH private key (ed25519, no passphrase). */
  privateKey: string;
  privateKeyPath: string;
  publicKey: string;
}

export interface Sshd {
  host: string;
  port: number;
  /** The first user's credentials. */
  username: string;
  password: string | undefined;
  privateKey: string;
  privateKeyPath: string;
  /** `SHA256:...` of the server's host key, as `ssh-keygen -lf` prints it. */
  hostKeyFingerprint: string;
  /** The server's public host key line (`ssh-ed25519 AAAA...`), for known_hosts files. */
  hostPublicKey: string;
  users: SshdUser[];
  /** Temp directory holding config, keys and `sshd.log`. */
  dir: string;
  pid: number;
  /** Kills sshd by pid and removes the temp directory and any sudoers file it wrote. */
  stop(): Promise<void>;
}

function normaliseUsers(users: StartSshdOptions["users"]): SshdUserSpec[] {
  const list = (users ?? ["ngs-sshtest"]).map((u) => (typeof u === "string" ? { name: u } : u));
  if (list.length === 0) throw new Error("startSshd: 'users' must name at least one user.");
  for (const u of list) {
    if (!/^[a-z_][a-z0-9_-]{0,30}$/.test(u.name)) throw new Error(`startSshd: '${u.name}' is not a valid user name.`);
  }
  return list;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function ensureUser(u: SshdUserSpec): Promise<void> {
  if (u.name === "root") return;
  const exists = await run("getent", ["passwd", u.name]).then(() => true, () => false);
  if (!exists) {
    // Another fixture may create the same user concurrently: exit code 9 ("already exists") is fine.
    await run("useradd", ["-m", "-s", "/bin/bash", u.name]).catch((err: { code?: number; stderr?: string }) => {
      if (err.code !== 9) throw new Error(`startSshd: useradd ${u.name} failed: ${err.stderr ?? String(err)}`);
    });
  }
  if (u.password !== undefined) {
    await new Promise<void>((resolve, reject) => {
      const p = spawn("chpasswd", [], { stdio: ["pipe", "ignore", "pipe"] });
      let err = "";
      p.stderr.on("data", (d: Buffer) => (err += d.toString()));
      p.on("error", reject);
      p.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`startSshd: chpasswd for ${u.name} failed: ${err}`))));
      p.stdin.end(`${u.name}:${u.password}\n`);
    });
    return;
  }
  // useradd leaves the password field '!', which sshd treats as a locked account when UsePAM is off.
  const { stdout } = await run("getent", ["shadow", u.name]);
  const hash = stdout.split(":")[1] ?? "";
  if (hash.startsWith("!")) await run("usermod", ["-p", "*", u.name]);
}

async function fingerprintOf(pubPath: string): Promise<string> {
  const { stdout } = await run(SSH_KEYGEN, ["-lf", pubPath, "-E", "sha256"]);
  const fp = stdout.split(/\s+/)[1];
  if (!fp?.startsWith("SHA256:")) throw new Error(`startSshd: unexpected ssh-keygen output: ${stdout}`);
  return fp;
}

/** Resolves once something on host:port sends an SSH banner. */
function probe(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: "127.0.0.1", port });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(2_000, () => done(false));
    s.once("data", (d: Buffer) => done(d.toString("latin1").startsWith("SSH-")));
    s.once("error", () => done(false));
  });
}

export async function startSshd(options: StartSshdOptions = {}): Promise<Sshd> {
  const sshdPath = options.sshdPath ?? SSHD_PATH;
  if (!existsSync(sshdPath)) {
    throw new Error(`startSshd: OpenSSH server not found at ${sshdPath}. Install it: apt-get install -y openssh-server.`);
  }
  if (!existsSync(SSH_KEYGEN)) throw new Error(`startSshd: ${SSH_KEYGEN} not found. Install openssh-client.`);
  if (process.getuid?.() !== 0) throw new Error("startSshd: must run as root (it creates local test users and runs sshd).");
  const specs = normaliseUsers(options.users);
  if (specs.some((u) => u.sudo) && !existsSync(SUDO)) {
    throw new Error(`startSshd: sudo was requested but ${SUDO} is missing. Install it: apt-get install -y sudo.`);
  }
  for (const u of specs) {
    if (u.sudo === "password" && u.password === undefined) {
      throw new Error(`startSshd: user '${u.name}' has sudo "password" but no password.`);
    }
  }

  // Privilege-separation directory; absent on machines where sshd never ran.
  await mkdir("/run/sshd", { recursive: true, mode: 0o755 });
  const dir = await mkdtemp(join(tmpdir(), "ngs-sshd-"));
  const sudoersFiles: string[] = [];
  let child: ChildProcess | undefined;
  const cleanup = async () => {
    await Promise.all(sudoersFiles.map((f) => rm(f, { force: true })));
    await rm(dir, { recursive: true, force: true });
  };

  try {
    // Logins read authorized keys as the user: the directory must be traversable.
    await chmod(dir, 0o711);
    const akDir = join(dir, "authorized_keys");
    await mkdir(akDir, { mode: 0o755 });
    await chmod(akDir, 0o755);
    await run(SSH_KEYGEN, ["-q", "-t", "ed25519", "-N", "", "-C", "ngs-test-host", "-f", join(dir, "host_ed25519")]);
    const hostPublicKey = (await readFile(join(dir, "host_ed25519.pub"), "utf8")).trim().split(/\s+/).slice(0, 2).join(" ");
    const hostKeyFingerprint = await fingerprintOf(join(dir, "host_ed25519.pub"));

    const users: SshdUser[] = [];
    for (const spec of specs) {
      await ensureUser(spec);
      const keyPath = join(dir, `client_${spec.name}`);
      await run(SSH_KEYGEN, ["-q", "-t", "ed25519", "-N", "", "-C", `ngs-test-${spec.name}`, "-f", keyPath]);
      const publicKey = (await readFile(`${keyPath}.pub`, "utf8")).trim();
      await writeFile(join(akDir, spec.name), publicKey + "\n", { mode: 0o644 });
      await chmod(join(akDir, spec.name), 0o644);
      if (spec.sudo) {
        const nopasswd = spec.sudo === true || spec.sudo === "nopasswd";
        // sudoers.d skips names containing '.', so none here.
        const file = `/etc/sudoers.d/ngs_test_${spec.name.replace(/-/g, "_")}_${process.pid}_${randomBytes(4).toString("hex")}`;
        await mkdir("/etc/sudoers.d", { recursive: true, mode: 0o755 });
        // HOME stays the test user's: `sudo -s` starts an interactive root shell, and a root
        // ~/.bashrc on the machine (pyenv init, say) can stall it for seconds or hang on a lock.
        const rule = `${spec.name} ALL=(ALL:ALL) ${nopasswd ? "NOPASSWD: " : ""}ALL\n`;
        await writeFile(file, `Defaults:${spec.name} env_keep += "HOME"\n${rule}`, { mode: 0o440 });
        sudoersFiles.push(file);
      }
      users.push({
        username: spec.name,
        password: spec.password,
        privateKey: await readFile(keyPath, "utf8"),
        privateKeyPath: keyPath,
        publicKey,
      });
    }

    const passwords = specs.some((u) => u.password !== undefined);
    const deadline = Date.now() + (options.startTimeoutMs ?? 10_000);
    const log = join(dir, "sshd.log");
    for (let attempt = 0; ; attempt++) {
      const port = await freePort();
      const lines = [
        `Port ${port}`,
        "ListenAddress 127.0.0.1",
        `HostKey ${join(dir, "host_ed25519")}`,
        `PidFile ${join(dir, "sshd.pid")}`,
        `AuthorizedKeysFile ${akDir}/%u`,
        // The temp dir lives under world-writable /tmp, which StrictModes rejects.
        "StrictModes no",
        "PubkeyAuthentication yes",
        `PasswordAuthentication ${passwords ? "yes" : "no"}`,
        "KbdInteractiveAuthentication no",
        "UsePAM no",
        `PermitRootLogin ${specs.some((u) => u.name === "root") ? "prohibit-password" : "no"}`,
        `AllowUsers ${specs.map((u) => u.name).join(" ")}`,
        "PrintMotd no",
        "PrintLastLog no",
        "MaxStartups 100",
        "MaxSessions 100",
        // One line: sshd keeps only the first SetEnv directive. A value with spaces is quoted whole.
        ...(Object.keys(options.setEnv ?? {}).length
          ? [`SetEnv ${Object.entries(options.setEnv!).map(([k, v]) => (/[\s"]/.test(v) ? JSON.stringify(`${k}=${v}`) : `${k}=${v}`)).join(" ")}`]
          : []),
        ...(options.extraConfig ?? []),
      ];
      const cfg = join(dir, "sshd_config");
      await writeFile(cfg, lines.join("\n") + "\n", { mode: 0o600 });
      try {
        await run(sshdPath, ["-t", "-f", cfg]);
      } catch (err) {
        throw new Error(`startSshd: sshd rejected the generated config: ${(err as { stderr?: string }).stderr ?? String(err)}`);
      }
      const proc = spawn(sshdPath, ["-D", "-f", cfg, "-E", log], { stdio: "ignore" });
      child = proc;
      let exited = false;
      const exitedP = new Promise<void>((resolve) => proc.once("exit", () => ((exited = true), resolve())));
      proc.once("error", () => undefined);
      while (!exited && Date.now() < deadline && !(await probe(port))) {
        // Condition poll with a deadline: connection refused returns at once, so pace the retries.
        await new Promise((r) => setTimeout(r, 20));
      }
      if (!exited && (await probe(port))) {
        const pid = proc.pid!;
        const first = users[0]!;
        return {
          host: "127.0.0.1",
          port,
          username: first.username,
          password: first.password,
          privateKey: first.privateKey,
          privateKeyPath: first.privateKeyPath,
          hostKeyFingerprint,
          hostPublicKey,
          users,
          dir,
          pid,
          stop: async () => {
            if (!exited) {
              proc.kill("SIGTERM");
              const killTimer = setTimeout(() => proc.kill("SIGKILL"), 5_000);
              await exitedP;
              clearTimeout(killTimer);
            }
            await cleanup();
          },
        };
      }
      if (!exited) {
        proc.kill("SIGKILL");
        await exitedP;
      }
      const text = await readFile(log, "utf8").catch(() => "");
      // Another process took the port between the probe and sshd's bind: try another.
      if (/Address already in use/i.test(text) && attempt < 5 && Date.now() < deadline) continue;
      throw new Error(`startSshd: sshd did not accept connections on 127.0.0.1:${port}. sshd log:\n${text}`);
    }
  } catch (err) {
    if (child && child.exitCode === null) child.kill("SIGKILL");
    await cleanup();
    throw err;
  }
}

// The `linux` platform against a real OpenSSH sshd (key and password users, real sudo).
import { createHmac, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AuthenticationError,
  ChannelClosedError,
  CliSession,
  CommandError,
  EnableRefusedError,
  ConnectError,
  HostKeyMismatchError,
  ReadTimeoutError,
  isRetryableConnectError,
  type SessionOptions,
} from "@ngs/cli-session";
import { startSshd, type Sshd } from "@ngs/test-utils";

// Unique per run so a leaked transcript from another run cannot satisfy or break the assertions.
const PASSWORD = `Pw-${randomBytes(6).toString("hex")}`;
let sshd: Sshd;
let tmp: string;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "ngs-cli-session-test-"));
  sshd = await startSshd({
    users: [{ name: "ngs-clitest", password: PASSWORD, sudo: "password" }, { name: "ngs-clikey" }],
    setEnv: { NGS_TEST_MARK: "from-sshd-config" },
  });
});

afterAll(async () => {
  await sshd?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

function opts(extra: Partial<SessionOptions> = {}): SessionOptions {
  return { platform: "linux", host: sshd.host, port: sshd.port, username: sshd.username, privateKey: sshd.privateKey, ...extra };
}

describe("linux platform on a real OpenSSH sshd", () => {
  it("logs in with a key, learns the prompt and runs commands (env from SetEnv)", async () => {
    const s = await CliSession.open(opts());
    try {
      expect(s.basePrompt).toMatch(/^ngs-clitest@/);
      expect(await s.sendCommand("echo $NGS_TEST_MARK; id -un")).toBe("from-sshd-config\nngs-clitest");
      expect(await s.isAlive()).toBe(true);
    } finally {
      await s.close();
    }
    expect(await s.isAlive()).toBe(false);
  });

  it("logs in with a password and keyboard-free password auth", async () => {
    const s = await CliSession.open(opts({ privateKey: undefined, password: PASSWORD }));
    try {
      expect(await s.sendCommand("id -un")).toBe("ngs-clitest");
    } finally {
      await s.close();
    }
  });

  it("enable() is sudo -s answering the real sudo password prompt; config set runs as root and leaves the root shell", async () => {
    const s = await CliSession.open(opts({ secret: PASSWORD }));
    try {
      await s.enable();
      expect(s.basePrompt).toMatch(/^root@/);
      expect(await s.sendCommand("id -u")).toBe("0");
      const out = await s.sendConfigSet(["id -un", "cd /tmp"], { enterConfigMode: false });
      expect(out).toContain("root");
      // exitConfigMode left the sudo shell: back to the login user and its prompt.
      expect(s.basePrompt).toMatch(/^ngs-clitest@/);
      expect(await s.sendCommand("id -un")).toBe("ngs-clitest");
    } finally {
      await s.close();
    }
  });

  it("a wrong sudo secret is an EnableRefusedError with one clean cause, and the session stays usable", async () => {
    const s = await CliSession.open(opts({ secret: "not-the-password" }));
    try {
      const err = await s.enable().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EnableRefusedError);
      expect((err as Error).message).toMatch(/^enable secret rejected by 127\.0\.0\.1:\d+$/);
      expect(await s.sendCommand("id -un")).toBe("ngs-clitest");
    } finally {
      await s.close();
    }
  });

  it("detects error output (command not found) as CommandError naming the command", async () => {
    const s = await CliSession.open(opts());
    try {
      const err = await s.sendConfigSet(["frobnicate-vlan 42"], { enterConfigMode: false }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CommandError);
      expect((err as CommandError).command).toBe("frobnicate-vlan 42");
      expect((err as Error).message).toMatch(/command not found/);
      // The same output is returned untouched when checking is off.
      expect(await s.sendCommand("frobnicate-vlan 42", { checkErrors: false })).toMatch(/command not found/);
    } finally {
      await s.close();
    }
  });

  it("a read past its deadline is a ReadTimeoutError carrying the last output", async () => {
    const s = await CliSession.open(opts({ readTimeoutMs: 400 }));
    try {
      const err = await s.sendCommand("echo started-slow-thing; sleep 30").catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ReadTimeoutError);
      expect((err as ReadTimeoutError).output).toContain("started-slow-thing");
    } finally {
      await s.close();
    }
  });

  it("the shell going away mid-command is a ChannelClosedError", async () => {
    const s = await CliSession.open(opts());
    try {
      const err = await s.sendCommand("kill -9 $$").catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ChannelClosedError);
      expect(await s.isAlive()).toBe(false);
    } finally {
      await s.close();
    }
  });

  it("a wrong password is an AuthenticationError, not retryable", async () => {
    const err = await CliSession.open(opts({ privateKey: undefined, password: "wrong-password" })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(isRetryableConnectError(err)).toBe(false);
    expect((err as Error).message).not.toContain("wrong-password");
  });

  it("a closed port is a retryable ConnectError", async () => {
    const err = await CliSession.open(opts({ port: 1 })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectError);
    expect(isRetryableConnectError(err)).toBe(true);
  });

  it("accepts the host key when pinned or listed in known_hosts (plain, [host]:port and hashed entries)", async () => {
    const pinned = await CliSession.open(opts({ hostKey: { fingerprintSha256: sshd.hostKeyFingerprint } }));
    expect(pinned.hostKeyFingerprint).toBe(sshd.hostKeyFingerprint);
    await pinned.close();

    const name = `[${sshd.host}]:${sshd.port}`;
    const salt = randomBytes(20);
    const hashed = `|1|${salt.toString("base64")}|${createHmac("sha1", salt).update(name).digest("base64")}`;
    for (const entry of [`${name} ${sshd.hostPublicKey}`, `${hashed} ${sshd.hostPublicKey}`, `other.example,${name} ${sshd.hostPublicKey}`]) {
      const file = join(tmp, "known_hosts");
      writeFileSync(file, `# test\nunrelated.example ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEqwZ4bLpv3fsxMGhuk6zs8XjCMxk0JtUDxSgd8aC4xJ\n${entry}\n`);
      const s = await CliSession.open(opts({ hostKey: { knownHostsFile: file } }));
      expect(await s.sendCommand("echo ok")).toBe("ok");
      await s.close();
    }
  });

  it("refuses a host key that does not match, naming host and both fingerprints", async () => {
    const wrong = "SHA256:" + "A".repeat(43);
    const err = await CliSession.open(opts({ hostKey: { fingerprintSha256: wrong } })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostKeyMismatchError);
    expect((err as Error).message).toContain(`${sshd.host}:${sshd.port}`);
    expect((err as Error).message).toContain(wrong);
    expect((err as Error).message).toContain(sshd.hostKeyFingerprint);
    expect(isRetryableConnectError(err)).toBe(false);

    // A known_hosts file listing another key for this host, and one not listing it at all.
    const other = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEqwZ4bLpv3fsxMGhuk6zs8XjCMxk0JtUDxSgd8aC4xJ";
    const file = join(tmp, "known_hosts_wrong");
    writeFileSync(file, `[${sshd.host}]:${sshd.port} ${other}\n`);
    await expect(CliSession.open(opts({ hostKey: { knownHostsFile: file } }))).rejects.toThrow(/mismatch/);
    writeFileSync(file, `unrelated.example ${other}\n`);
    await expect(CliSession.open(opts({ hostKey: { knownHostsFile: file } }))).rejects.toThrow(HostKeyMismatchError);
  });

  it("never writes the password or secret to the transcript file or into errors", async () => {
    const logFile = join(tmp, "session.log");
    const s = await CliSession.open(opts({ privateKey: undefined, password: PASSWORD, secret: PASSWORD, sessionLog: logFile, readTimeoutMs: 1500 }));
    const errors: string[] = [];
    try {
      await s.enable();
      // The device itself prints the secret: the transcript and the error must still not show it.
      expect(await s.sendCommand(`echo ${PASSWORD} | rev | rev`)).toBe(PASSWORD);
      await s.sendCommand(`echo x${PASSWORD}y; sleep 30`).catch((e: Error) => errors.push(e.message, String((e as ReadTimeoutError).output)));
    } finally {
      await s.close();
    }
    const transcript = readFileSync(logFile, "utf8");
    expect(transcript).toContain("rev | rev");
    expect(transcript).toContain("********");
    expect(transcript).not.toContain(PASSWORD);
    expect(errors.length).toBe(2);
    for (const e of errors) expect(e).not.toContain(PASSWORD);
  });
});

// The startSshd fixture itself (@ngs/test-utils): sudo, SetEnv, extra config, cleanup, clear failure.
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CliSession } from "@ngs/cli-session";
import { startSshd, type Sshd } from "@ngs/test-utils";

describe("startSshd", () => {
  let sshd: Sshd;
  beforeAll(async () => {
    sshd = await startSshd({
      users: [{ name: "ngs-clisudo", sudo: true }],
      setEnv: { NGS_A: "1", NGS_B: "two words" },
      extraConfig: ["ClientAliveInterval 30"],
    });
  });
  afterAll(async () => sshd?.stop());

  it("gives a key-authenticated user with passwordless sudo and the requested environment", async () => {
    const s = await CliSession.open({ platform: "linux", host: sshd.host, port: sshd.port, username: sshd.username, privateKey: sshd.privateKey });
    try {
      expect(await s.sendCommand('echo "$NGS_A|$NGS_B"')).toBe("1|two words");
      // No secret configured: NOPASSWD sudo must not ask.
      await s.enable();
      expect(await s.sendCommand("id -u")).toBe("0");
      // A read that ends on a question instead of the prompt.
      await s.exitConfigMode();
      expect(await s.sendCommand('read -p "Continue? [y/n] " a', { expect: "\\[y/n\\] $" })).toBe("");
      expect(await s.sendCommand("y")).toBe("");
      expect(await s.sendCommand("echo got-$a")).toBe("got-y");
    } finally {
      await s.close();
    }
  });

  it("stop() kills sshd by pid and removes its files", async () => {
    const other = await startSshd({ users: ["ngs-clitmp"] });
    expect(existsSync(other.privateKeyPath)).toBe(true);
    await other.stop();
    expect(existsSync(other.dir)).toBe(false);
    expect(() => process.kill(other.pid, 0)).toThrow();
  });

  it("fails with a clear error (never a skip) when sshd is missing", async () => {
    await expect(startSshd({ sshdPath: "/nonexistent/sbin/sshd" })).rejects.toThrow(/OpenSSH server not found at \/nonexistent\/sbin\/sshd/);
  });
});

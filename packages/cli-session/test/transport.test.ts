// Transport options against switch-sim: disabled algorithms reach ssh2, login faults map to typed errors.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sshNativeCrypto, authOrder, CliSession, ConnectError, isRetryableConnectError, sessionOptionsFromConfig } from "@ngs/cli-session";
import { iosLike } from "@ngs/cli-session/platform-kit";
import { startSwitch, type SimSwitch } from "@ngs/switch-sim";

let sim: SimSwitch;
beforeAll(async () => {
  sim = await startSwitch({ platform: "cisco_ios", username: "admin", password: "pw-transport", secret: "en-transport" });
});
afterAll(async () => sim?.close());

/** The simulated switch is a Cisco IOS; an IOS-like dialect of the test's own speaks to it. */
const IOS = iosLike({ name: "cisco_ios", basePromptMaxLength: 16, save: { command: "write mem" } });

const section = (extra: Record<string, string> = {}) =>
  sessionOptionsFromConfig({ ip: sim.host, port: String(sim.port), username: "admin", password: "pw-transport", secret: "en-transport", ...extra }, IOS);

describe("transport", () => {
  it("connects from an upstream-style section with legacy algorithms disabled", async () => {
    const s = await CliSession.open(section({ ngs_ssh_disabled_algorithms: "kex:diffie-hellman-group1-sha1,ciphers:aes128-cbc,macs:hmac-md5" }));
    await s.enable();
    expect(s.basePrompt).toBe(sim.hostname);
    await s.close();
  });

  it("disabling the only host-key algorithm the switch offers fails the handshake (the list reaches ssh2)", async () => {
    const err = await CliSession.open(section({ ngs_ssh_disabled_algorithms: "keys:ssh-ed25519" })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectError);
    expect(isRetryableConnectError(err)).toBe(true);
  });

  it("a login slower than the auth deadline is a retryable ConnectError", async () => {
    sim.faults.loginLatencyMs = 3_000;
    try {
      const err = await CliSession.open({ ...section(), readTimeoutMs: 300, authTimeoutMs: 300, bannerTimeoutMs: 300 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConnectError);
      expect(isRetryableConnectError(err)).toBe(true);
    } finally {
      sim.faults.loginLatencyMs = 0;
    }
  });

  it("sessions beyond the switch's vty limit are refused with a retryable ConnectError", async () => {
    sim.faults.maxSessions = 1;
    const first = await CliSession.open(section());
    try {
      const err = await CliSession.open(section()).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConnectError);
      expect(isRetryableConnectError(err)).toBe(true);
    } finally {
      sim.faults.maxSessions = undefined;
      await first.close();
    }
  });

  it("serialises concurrent calls on one session", async () => {
    const s = await CliSession.open(section());
    try {
      await s.enable();
      const outs = await Promise.all([1, 2, 3].map((n) => s.sendConfigSet([`vlan ${200 + n}`, `name c${n}`])));
      outs.forEach((o, i) => expect(o).toContain(`vlan ${201 + i}`));
      expect([...sim.state.vlans.keys()]).toEqual(expect.arrayContaining([201, 202, 203]));
    } finally {
      await s.close();
    }
  });
});

describe("authentication order", () => {
  it("tries the configured methods first (keys before the password, as paramiko) and 'none' only last", () => {
    expect(authOrder({ password: "x" })).toEqual(["password", "keyboard-interactive", "none"]);
    expect(authOrder({ privateKey: "k", password: "x" })).toEqual(["publickey", "password", "keyboard-interactive", "none"]);
    expect(authOrder({ agent: "/run/agent.sock" })).toEqual(["agent", "none"]);
    expect(authOrder({})).toEqual(["none"]);
  });

  it("a password login takes one authentication request (no 'none' probe first)", async () => {
    const before = sim.counters.authRequests;
    const s = await CliSession.open(section());
    expect(s.basePrompt).toBe(sim.hostname);
    expect(sim.counters.authRequests - before).toBe(1);
    await s.close();
  });
});

describe("ssh2's native crypto binding", () => {
  it("is reported as loaded exactly when the install built it", () => {
    // Resolve ssh2 the way @ngs/cli-session does (pnpm keeps it beside the package).
    const fromSession = createRequire(new URL("../package.json", import.meta.url));
    const built = join(dirname(fromSession.resolve("ssh2")), "protocol", "crypto", "build", "Release", "sshcrypto.node");
    expect(sshNativeCrypto()).toBe(existsSync(built));
  });
});

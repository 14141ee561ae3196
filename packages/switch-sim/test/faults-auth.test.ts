import { createHash } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { generateKeyPair, startSwitch, startSwitches, type SimSwitch } from "@ngs/switch-sim";
import { closedAfterEach, Term } from "./helpers.js";

const { sims, terms } = closedAfterEach();

async function sw(extra: Record<string, unknown> = {}) {
  const sim = await startSwitch({ platform: "cisco_ios", password: "pw", privileged: true, ...extra });
  sims.push(sim);
  return sim;
}
async function term(sim: SimSwitch, cfg: Record<string, unknown> = { password: "pw" }) {
  const t = await Term.open(sim, cfg);
  terms.push(t);
  return t;
}
const P = /sw1(\([\w-]+\))?#$/;

describe("fault knobs", () => {
  it("commandLatencyMs delays each reply, and can be changed live", async () => {
    const sim = await sw({ faults: { commandLatencyMs: 150 } });
    const t = await term(sim);
    await t.expect(P);
    let start = performance.now();
    await t.cmd("show vlan brief", P);
    expect(performance.now() - start).toBeGreaterThanOrEqual(140);
    sim.faults = { commandLatencyMs: 0 };
    expect(sim.faults.commandLatencyMs).toBe(0);
    start = performance.now();
    await t.cmd("show vlan brief", P);
    expect(sim.commandLog).toEqual(["show vlan brief", "show vlan brief"]);
  });

  it("loginLatencyMs delays authentication and saveLatencyMs delays the save", async () => {
    const sim = await sw({ faults: { loginLatencyMs: 150, saveLatencyMs: 150 } });
    let start = performance.now();
    const t = await term(sim);
    expect(performance.now() - start).toBeGreaterThanOrEqual(140);
    await t.expect(P);
    start = performance.now();
    expect(await t.cmd("write mem", P)).toContain("[OK]");
    expect(performance.now() - start).toBeGreaterThanOrEqual(140);
    expect(sim.counters.saves).toBe(1);
  });

  it("maxSessions refuses sessions beyond the limit after auth, with a message, and counts them", async () => {
    const sim = await sw({ faults: { maxSessions: 1 } });
    const t1 = await term(sim);
    await t1.expect(P);
    const t2 = await term(sim);
    await t2.waitClosed();
    expect(t2.transcript).toContain("maximum number of sessions (1) reached");
    expect(sim.counters).toMatchObject({ sessionsOpened: 1, sessionsActive: 1, sessionsPeak: 1, sessionsRejected: 1 });
    t1.write("exit\n");
    await t1.waitClosed();
    await vi.waitFor(() => expect(sim.counters.sessionsActive).toBe(0), { timeout: 5000, interval: 5 });
    const t3 = await term(sim);
    await t3.expect(P);
    expect(sim.counters.sessionsOpened).toBe(2);
  });

  it("dropAfterCommands closes the connection after the Nth reply", async () => {
    const sim = await sw({ faults: { dropAfterCommands: 2 } });
    const t = await term(sim);
    await t.expect(P);
    await t.cmd("terminal length 0", P);
    t.write("show vlan brief\n");
    await t.waitClosed();
    expect(t.transcript).toContain("VLAN Name");
    expect(t.transcript.endsWith("sw1#")).toBe(false);
    expect(sim.counters.commandsReceived).toBe(2);
    await vi.waitFor(() => expect(sim.counters.sessionsActive).toBe(0), { timeout: 5000, interval: 5 });
  });

  it("disconnectAll ends every session from the switch's side and keeps listening", async () => {
    const sim = await sw();
    const [a, b] = [await term(sim), await term(sim)];
    await Promise.all([a.expect(P), b.expect(P)]);
    sim.disconnectAll();
    await Promise.all([a.waitClosed(), b.waitClosed()]);
    await vi.waitFor(() => expect(sim.counters.sessionsActive).toBe(0), { timeout: 5000, interval: 5 });
    const c = await term(sim);
    await c.expect(P);
    expect(sim.counters.sessionsOpened).toBe(3);
  });

  it("bare returns and answers to questions get a prompt and are counted apart from commands", async () => {
    const sim = await sw({ secret: "en-secret" });
    const t = await term(sim);
    await t.expect(P);
    await t.cmd("", P);
    await t.cmd("show vlan brief", P);
    await t.cmd("", P);
    t.write("disable\n");
    await t.expect(/>$/);
    await t.cmd("enable", /Password: ?$/);
    await t.cmd("en-secret", P);
    expect(sim.counters).toMatchObject({ emptyLines: 2, commandsReceived: 3, answers: 1 });
    expect(sim.commandLog).toEqual(["show vlan brief", "disable", "enable"]);
  });

  it("failAuth rejects every login and counts the failures", async () => {
    const sim = await sw({ faults: { failAuth: true } });
    await expect(Term.open(sim, { password: "pw" })).rejects.toThrow(/authentication/i);
    expect(sim.counters.authFailures).toBeGreaterThanOrEqual(1);
    expect(sim.counters.sessionsOpened).toBe(0);
    sim.faults = {};
    const t = await term(sim);
    await t.expect(P);
  });

  it("errorOn answers matching commands with the given text and does not apply them", async () => {
    const sim = await sw({ faults: { errorOn: [{ pattern: /^vlan 666$/, output: "% VLAN 666 is reserved" }] } });
    const t = await term(sim);
    await t.expect(P);
    await t.cmd("configure terminal", P);
    expect(await t.cmd("vlan 666", P)).toContain("% VLAN 666 is reserved");
    await t.cmd("vlan 10", P);
    expect([...sim.state.vlans.keys()]).toEqual([10]);
    expect(sim.commandLog).toContain("vlan 666");
  });
});

describe("authentication and host key", () => {
  it("accepts an authorized public key (signature verified) and refuses others", async () => {
    const good = generateKeyPair();
    const bad = generateKeyPair();
    const sim = await sw({ password: undefined, authorizedKeys: [good.public] });
    const t = await term(sim, { privateKey: good.private });
    await t.expect(P);
    await expect(Term.open(sim, { privateKey: bad.private })).rejects.toThrow(/authentication/i);
    await expect(Term.open(sim, { password: "pw" })).rejects.toThrow(/authentication/i);
    expect(sim.counters.authFailures).toBeGreaterThanOrEqual(2);
  });

  it("refuses a wrong password and a wrong user", async () => {
    const sim = await sw();
    await expect(Term.open(sim, { password: "nope" })).rejects.toThrow(/authentication/i);
    await expect(Term.open(sim, { username: "eve", password: "pw" })).rejects.toThrow(/authentication/i);
    expect(sim.counters.authFailures).toBeGreaterThanOrEqual(2);
    expect(sim.counters.sessionsOpened).toBe(0);
  });

  it("exposes the SHA256 fingerprint the client sees, and uses a given host key", async () => {
    const key = generateKeyPair();
    const [a, b] = await startSwitches([
      { platform: "cisco_ios", password: "pw", hostKey: key.private },
      { platform: "juniper", password: "pw" },
    ]);
    sims.push(a!, b!);
    let seen = "";
    const t = await term(a!, {
      password: "pw",
      hostVerifier: (k: Buffer) => {
        seen = "SHA256:" + createHash("sha256").update(k).digest("base64").replace(/=+$/, "");
        return true;
      },
    });
    await t.expect(/sw1>$/);
    expect(seen).toBe(a!.hostKeyFingerprint);
    const blob = Buffer.from(key.public.split(" ")[1]!, "base64");
    expect(a!.hostKeyFingerprint).toBe("SHA256:" + createHash("sha256").update(blob).digest("base64").replace(/=+$/, ""));
    expect(b!.hostKeyFingerprint).not.toBe(a!.hostKeyFingerprint);
    expect(a!.hostKeyFingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });
});

describe("counters", () => {
  it("counts sessions, peak, commands and keeps a command log across sessions", async () => {
    const sim = await sw();
    const [t1, t2] = await Promise.all([term(sim), term(sim)]);
    await Promise.all([t1!.expect(P), t2!.expect(P)]);
    expect(sim.counters.sessionsActive).toBe(2);
    await t1!.cmd("show vlan", P);
    await t2!.cmd("terminal length 0", P);
    t1!.write("\n");
    await t1!.expect(P);
    t1!.close();
    t2!.close();
    await vi.waitFor(() => expect(sim.counters.sessionsActive).toBe(0), { timeout: 5000, interval: 5 });
    expect(sim.counters).toMatchObject({ sessionsOpened: 2, sessionsPeak: 2, commandsReceived: 2, authFailures: 0 });
    expect(sim.commandLog).toEqual(["show vlan", "terminal length 0"]);
  });
});

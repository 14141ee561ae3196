// Every built-in platform against @ngs/switch-sim over real SSH (ssh2 on both ends).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AuthenticationError,
  ChannelClosedError,
  CliSession,
  CommandError,
  HostKeyMismatchError,
  ReadTimeoutError,
  SaveNotSupportedError,
  isRetryableConnectError,
  type SessionOptions,
} from "@ngs/cli-session";
import { getPlatform, platformNames } from "./built-in-platforms.js";
import { generateKeyPair, startSwitch, type SimSwitch } from "@ngs/switch-sim";
import { SIM_PASSWORD as PASSWORD, SIM_SECRET as SECRET } from "@ngs/test-utils";

const key = generateKeyPair();

/** Per platform: a config set upstream NGS sends (create VLAN 100) and a harmless command. */
interface Case {
  config: string[];
  /** Extra options for sendConfigSet (Junos: upstream enters `configure private` itself). */
  configMode?: string;
  harmless: string;
}
const IOS_VLAN = ["vlan 100", "name net100"];
const cases: Record<string, Case> = {
  cisco_ios: { config: IOS_VLAN, harmless: "terminal length 0" },
  cisco_nxos: { config: [...IOS_VLAN, "exit"], harmless: "terminal length 0" },
  cisco_s300: { config: ["vlan 100"], harmless: "terminal datadump" },
  arista_eos: { config: IOS_VLAN, harmless: "terminal length 0" },
  dell_os10: { config: ["interface vlan 100", "description net100", "exit"], harmless: "terminal length 0" },
  dell_force10: { config: ["interface vlan 100", "description net100", "exit"], harmless: "terminal length 0" },
  dell_powerconnect: { config: ["vlan database", "vlan 100", "exit"], harmless: "terminal length 0" },
  juniper: { config: ["set vlans net100 vlan-id 100"], configMode: "configure private", harmless: "set cli screen-length 0" },
  huawei: { config: ["vlan 100"], harmless: "screen-length 0 temporary" },
  huawei_vrpv8: { config: ["vlan 100", "commit"], harmless: "screen-length 0 temporary" },
  hp_comware: { config: ["vlan 100"], harmless: "screen-length disable" },
  brocade_fastiron: { config: ["vlan 100 by port", "name net100"], harmless: "skip-page-display" },
  mellanox_mlnxos: { config: IOS_VLAN, harmless: "no cli session paging enable" },
  linux: { config: ["echo configured"], harmless: "true" },
  ovs_linux: { config: ["ovs-vsctl add-br genericswitch"], harmless: "true" },
  supermicro_smis: { config: IOS_VLAN, harmless: "terminal width 511" },
  nokia_srl: {
    config: [
      "set tunnel-interface vxlan0 vxlan-interface 100 type bridged",
      "set network-instance mac-vrf-100 type mac-vrf",
    ],
    harmless: "environment cli-engine type basic",
  },
  pluribus: { config: ["vlan-create id 100 scope fabric ports none description net100 auto-vxlan"], harmless: "pager off" },
  aruba_aoscx: { config: IOS_VLAN, harmless: "no page" },
  ruijie_os: { config: IOS_VLAN, harmless: "terminal length 0" },
  cumulus: { config: ["net add vlan 100"], harmless: "true" },
  cumulus_nvue: { config: ["nv set bridge domain br_default vlan 100"], harmless: "true" },
  sonic: { config: ["config vlan add 100"], harmless: "true" },
  fake: { config: ["echo configured"], harmless: "true" },
};

it("the test table covers every platform", () => {
  expect(Object.keys(cases).sort()).toEqual([...platformNames].sort());
});

/** True when `sub` appears in `list` as a contiguous run. */
function containsRun(list: string[], sub: string[]): boolean {
  for (let i = 0; i + sub.length <= list.length; i++) if (sub.every((s, j) => list[i + j] === s)) return true;
  return false;
}

describe.each(platformNames)("%s against switch-sim", (name) => {
  const c = cases[name]!;
  const platform = getPlatform(name);
  let sim: SimSwitch;
  const base = (extra: Partial<SessionOptions> = {}): SessionOptions => ({
    platform,
    host: sim.host,
    port: sim.port,
    username: "admin",
    password: PASSWORD,
    secret: SECRET,
    readTimeoutMs: 5_000,
    ...extra,
  });

  beforeAll(async () => {
    sim = await startSwitch({ platform: name, username: "admin", password: PASSWORD, secret: SECRET, authorizedKeys: [key.public] });
  });
  afterAll(async () => {
    await sim?.close();
  });

  it("password login, enable with the secret, a config set with the prompt after each line, save or commit; no secret in the transcript", async () => {
    const transcript: string[] = [];
    const s = await CliSession.open(base({ sessionLog: { write: (t) => transcript.push(t) } }));
    const before = sim.commandLog.length;
    try {
      expect(s.basePrompt.length).toBeGreaterThan(0);
      await s.enable();
      if (platform.enable) expect(platform.enable.enabledPattern.test(await lastPrompt(s))).toBe(true);
      if (c.configMode) await s.configMode(c.configMode);
      const out = await s.sendConfigSet(c.config, c.configMode ? { exitConfigMode: false } : {});
      for (const line of c.config) expect(out).toContain(line);
      const log = sim.commandLog.slice(before);
      expect(containsRun(log, c.config)).toBe(true);
      const cfg = platform.config;
      if (cfg && !c.configMode && platform.kit?.family !== "linux") {
        // Entered config mode right before the set, and (unless the platform stays) left right after.
        expect(log[log.indexOf(c.config[0]!) - 1]).toBe(cfg.enter);
        if (cfg.exitAfterConfigSet !== false) expect(log[log.lastIndexOf(c.config[c.config.length - 1]!) + 1]).toBe(cfg.exit);
      }

      if (platform.commit) {
        const commits = sim.counters.commits;
        await s.commit();
        expect(sim.counters.commits).toBeGreaterThan(commits);
      }
      if (platform.save) {
        const saves = sim.counters.saves;
        await s.saveConfig();
        expect(sim.counters.saves).toBe(saves + 1);
        expect(sim.commandLog).toContain(platform.save.command);
      } else {
        await expect(s.saveConfig()).rejects.toBeInstanceOf(SaveNotSupportedError);
      }
      expect(await s.isAlive()).toBe(true);
    } finally {
      await s.close();
    }
    const text = transcript.join("");
    expect(text).toContain(c.config[0]!);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(SECRET);
  });

  it("logs in with a key", async () => {
    const s = await CliSession.open(base({ password: undefined, privateKey: key.private }));
    try {
      expect(await s.isAlive()).toBe(true);
      await s.sendCommand(c.harmless);
    } finally {
      await s.close();
    }
  });

  it("detects the device's error output as a CommandError", async () => {
    const s = await CliSession.open(base());
    try {
      await s.enable();
      const err = await s.sendConfigSet(["frobnicate 42"]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CommandError);
      expect((err as CommandError).command).toBe("frobnicate 42");
      // The session is still in step with the device afterwards.
      expect(await s.isAlive()).toBe(true);
    } finally {
      await s.close();
    }
  });

  it("a slow reply past the deadline is a ReadTimeoutError with the output so far", async () => {
    const s = await CliSession.open(base());
    try {
      sim.faults.commandLatencyMs = 5_000;
      const err = await s.sendCommand(c.harmless, { readTimeoutMs: 200 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ReadTimeoutError);
      expect((err as ReadTimeoutError).output).toContain(c.harmless);
    } finally {
      sim.faults.commandLatencyMs = 0;
      await s.close();
    }
  });

  it("a connection dropped by the device is a ChannelClosedError", async () => {
    const before = sim.commandLog.length;
    const s = await CliSession.open(base());
    try {
      sim.faults.dropAfterCommands = sim.commandLog.length - before + 1;
      const err = await s.sendCommand(c.harmless).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ChannelClosedError);
      expect(await s.isAlive()).toBe(false);
    } finally {
      sim.faults.dropAfterCommands = undefined;
      await s.close();
    }
  });

  it("a wrong password is a non-retryable AuthenticationError", async () => {
    const err = await CliSession.open(base({ password: "wrong-password" })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(isRetryableConnectError(err)).toBe(false);
  });

  it("refuses a host key that does not match the pinned fingerprint, accepts the right one", async () => {
    const wrong = "SHA256:" + "B".repeat(43);
    const err = await CliSession.open(base({ hostKey: { fingerprintSha256: wrong } })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostKeyMismatchError);
    expect((err as Error).message).toContain(sim.hostKeyFingerprint);
    expect((err as Error).message).toContain(wrong);
    const ok = await CliSession.open(base({ hostKey: { fingerprintSha256: sim.hostKeyFingerprint } }));
    expect(ok.hostKeyFingerprint).toBe(sim.hostKeyFingerprint);
    await ok.close();
  });
});

/** The current prompt line as the device prints it (one extra round trip). */
async function lastPrompt(s: CliSession): Promise<string> {
  const raw = await s.sendCommand("", { raw: true, checkErrors: false });
  return raw.split("\n").pop() ?? "";
}

describe("a connection dropped right after the save answered", () => {
  it("cisco_ios: `write mem` answered [OK], then the device hung up before its prompt: the save completed", async () => {
    const sim = await startSwitch({ platform: "cisco_ios", username: "admin", password: PASSWORD, secret: SECRET });
    try {
      const s = await CliSession.open({ platform: "cisco_ios", host: sim.host, port: sim.port, username: "admin", password: PASSWORD, secret: SECRET, readTimeoutMs: 5_000 });
      await s.enable();
      // The only session on this switch: hang up right after the next command's answer (the save's "[OK]").
      sim.faults.dropAfterCommands = sim.commandLog.length + 1;
      const out = await s.saveConfig();
      expect(out).toContain("[OK]");
      expect(sim.counters.saves).toBe(1);
      expect(await s.isAlive()).toBe(false);
      await s.close();
    } finally {
      await sim.close();
    }
  });
});


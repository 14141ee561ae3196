/**
 * Issue 12: what an operator sees. `ngs` as a child process (and the device
 * library where the issue names it) against simulated switches: refusals
 * that send nothing, one clean error line, the wire at debug, --json,
 * command-line mistakes, the host key, and PowerConnect's in-band login.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ssh2 from "ssh2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSwitch, type SimSwitch } from "@ngs/switch-sim";
import { createLogger, GenericSwitchInvalidValue, GenericSwitchNotSupported } from "@ngs/core";
import HuaweiVrp from "@ngs/device-huawei/vrp";
import { SIM_PASSWORD as PASSWORD, SIM_SECRET as SECRET, simSection as section } from "@ngs/test-utils";
import { BIN, freePort, ngs, startNgsSim, writeConfigIn, type Result } from "./run-ngs.js";

const NET_ID = "7d1c0f7e-2222-4a5b-9c9d-0123456789ab";

let dir: string;
let ios: SimSwitch;
let ios2: SimSwitch;
let huawei: SimSwitch;
let sonic: SimSwitch;
let config: string;

const writeConfig = (name: string, text: string) => writeConfigIn(dir, name, text);

const noSecrets = (...texts: string[]) => {
  for (const t of texts) {
    expect(t).not.toContain(PASSWORD);
    expect(t).not.toContain(SECRET);
  }
};

/** Lines of stderr that are not JSON log lines: what a person reads. */
const humanLines = (r: Result) => r.stderr.split("\n").filter((l) => l !== "" && !l.startsWith("{"));
const jsonLogLines = (r: Result) =>
  r.stderr
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ngs-ops-test-"));
  const creds = { username: "admin", password: PASSWORD, secret: SECRET };
  ios = await startSwitch({ platform: "cisco_ios", hostname: "leaf1", ...creds });
  ios2 = await startSwitch({ platform: "cisco_ios", hostname: "leaf2", ...creds });
  huawei = await startSwitch({ platform: "huawei", hostname: "hw1", ...creds });
  sonic = await startSwitch({ platform: "sonic", hostname: "sonic1", ...creds, ports: ["Ethernet0", "PortChannel10"] });
  config = writeConfig(
    "ngs.ini",
    [
      section("leaf1", "netmiko_cisco_ios", ios, ["ngs_allowed_ports = Gi1/0/1,Gi1/0/2", "ngs_allowed_vlans = 100,101"]),
      section("leaf2", "netmiko_cisco_ios", ios2, ["ngs_manage_vlans = false"]),
      section("hw1", "netmiko_huawei", huawei),
      section("sonic1", "netmiko_sonic", sonic),
    ].join("\n"),
  );
});

afterAll(async () => {
  await Promise.all([ios?.close(), ios2?.close(), huawei?.close(), sonic?.close()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("1. no silent no-ops", () => {
  it("trunk add and port plug --subport on a switch without trunk templates exit 1 naming the device type; nothing is sent", async () => {
    const trunk = await ngs(["trunk", "add", "hw1", "GigabitEthernet0/0/1", "101", "--config-file", config]);
    expect(trunk.code).toBe(1);
    expect(humanLines(trunk)).toEqual([
      "ngs: error: hw1: add trunk VLANs 101 on GigabitEthernet0/0/1 failed: Requested feature trunks is not supported by networking-generic-switch on the netmiko_huawei switch hw1. Trunks are not supported on ports.",
    ]);
    expect(trunk.stdout).toBe("");
    const plug = await ngs(["port", "plug", "hw1", "GigabitEthernet0/0/1", "100", "--subport", "101", "--config-file", config]);
    expect(plug.code).toBe(1);
    expect(humanLines(plug)[0]).toContain("on the netmiko_huawei switch hw1. Trunks are not supported on ports.");
    const dry = await ngs(["trunk", "add", "hw1", "GigabitEthernet0/0/1", "101", "--dry-run", "--config-file", config]);
    expect(dry.code).toBe(1);
    expect(dry.stdout).toBe("");
    expect(huawei.counters.sessionsOpened).toBe(0);
    expect(huawei.commandLog).toEqual([]);
  });

  it("the device library refuses the same way (the entry point a service calls)", async () => {
    const dev = new HuaweiVrp(
      { device_type: "netmiko_huawei", ip: huawei.host, port: String(huawei.port), username: "admin", password: PASSWORD },
      "hw1",
      { logger: createLogger({ level: "silent" }) },
    );
    const err = await dev.addSubportsOnTrunk({}, "GigabitEthernet0/0/1", [{ segmentation_id: 101 }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GenericSwitchNotSupported);
    expect((err as Error).message).toBe(
      "Requested feature trunks is not supported by networking-generic-switch on the netmiko_huawei switch hw1. Trunks are not supported on ports.",
    );
    await expect(dev.plugPortToNetwork("GigabitEthernet0/0/1", 100, { trunkDetails: { sub_ports: [{ segmentation_id: 101 }] } })).rejects.toThrow(
      GenericSwitchNotSupported,
    );
    expect(huawei.counters.sessionsOpened).toBe(0);
  });

  it("ngs_manage_vlans = false says skipped, not ok, and sends nothing", async () => {
    const r = await ngs(["network", "add", "leaf2", "300", NET_ID, "--config-file", config, "--log-level", "warn"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`leaf2: add network VLAN 300 (${NET_ID}): skipped (ngs_manage_vlans = false)\n`);
    const dry = await ngs(["network", "add", "leaf2", "300", NET_ID, "--config-file", config, "--dry-run"]);
    expect(JSON.parse(dry.stdout)).toMatchObject({ commands: [], skipped: "ngs_manage_vlans = false" });
    expect(ios2.commandLog).toEqual([]);
  });
});

describe("2. ngs_allowed_ports / ngs_allowed_vlans in the device layer", () => {
  it("the CLI refuses a port or VLAN outside the allowed set with exit 2, naming switch, value and set; nothing sent", async () => {
    const before = ios.counters.sessionsOpened;
    const port = await ngs(["port", "plug", "leaf1", "Gi1/0/9", "100", "--config-file", config]);
    expect(port.code).toBe(2);
    expect(humanLines(port)).toEqual(["ngs: error: Invalid port Gi1/0/9: switch leaf1 allows only ngs_allowed_ports = Gi1/0/1,Gi1/0/2"]);
    const vlan = await ngs(["port", "plug", "leaf1", "Gi1/0/1", "102", "--config-file", config]);
    expect(vlan.code).toBe(2);
    expect(humanLines(vlan)).toEqual(['ngs: error: Invalid VLAN 102: switch leaf1 allows only ngs_allowed_vlans = 100,101']);
    const sub = await ngs(["port", "plug", "leaf1", "Gi1/0/1", "100", "--subport", "555", "--config-file", config, "--dry-run"]);
    expect(sub.code).toBe(2);
    expect(sub.stdout).toBe("");
    const trunk = await ngs(["trunk", "add", "leaf1", "Gi1/0/1", "555", "--config-file", config]);
    expect(trunk.code).toBe(2);
    expect(ios.counters.sessionsOpened).toBe(before);
    expect(ios.commandLog.filter((c) => c.includes("Gi1/0/9") || c.includes("102") || c.includes("555"))).toEqual([]);
  });

  it("the library refuses with GenericSwitchInvalidValue", async () => {
    const { default: CiscoIos } = await import("@ngs/device-cisco/ios");
    const dev = new CiscoIos(
      { device_type: "netmiko_cisco_ios", ip: ios.host, port: String(ios.port), username: "admin", password: PASSWORD, ngs_allowed_ports: "Gi1/0/1" },
      "leaf1",
      { logger: createLogger({ level: "silent" }) },
    );
    const err = await dev.plugPortToNetwork("Gi1/0/7", 100).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GenericSwitchInvalidValue);
    expect((err as GenericSwitchInvalidValue).args).toMatchObject({ switch: "leaf1", value: "Gi1/0/7", allowed: ["Gi1/0/1"] });
  });
});

describe("3. SONiC bond trunk subports through ngs", () => {
  it("trunk add --bond makes the PortChannel a member of each VLAN", async () => {
    const r = await ngs(["trunk", "add", "sonic1", "PortChannel10", "101", "102", "--bond", "--config-file", config, "--log-level", "warn"]);
    expect(r.code).toBe(0);
    expect(sonic.commandLog).toEqual(expect.arrayContaining(["config vlan member add 101 PortChannel10", "config vlan member add 102 PortChannel10"]));
    expect([...sonic.state.ports.get("PortChannel10")!.allowedVlans].sort()).toEqual([101, 102]);
  });
});

describe("8. one error, said once", () => {
  it("a wrong enable secret: one human line with one clean cause, no JSON error lines, no raw prompt text, no secret", async () => {
    const bad = writeConfig("bad-secret.ini", section("leaf1", "netmiko_cisco_ios", ios).replace(`secret = ${SECRET}`, "secret = Wrong-en-secret-4"));
    const r = await ngs(["port", "plug", "leaf1", "Gi1/0/1", "100", "--config-file", bad]);
    expect(r.code).toBe(1);
    expect(humanLines(r)).toEqual([
      `ngs: error: leaf1: plug port Gi1/0/1 into VLAN 100 failed: Netmiko connection error: leaf1 (127.0.0.1:${ios.port}), error: enable secret rejected`,
    ]);
    expect(jsonLogLines(r).filter((l) => Number(l.level) >= 50)).toEqual([]);
    expect(r.stdout).toBe("");
    noSecrets(r.stdout, r.stderr);
    expect(r.stderr).not.toContain("Wrong-en-secret-4");
    expect(ios.commandLog).not.toContain("interface Gi1/0/1");
  });
});

describe("9. the wire at debug level, transcripts per session", () => {
  it("--log-level debug logs connect, login, each command with the answer, save and close, with switch and timings; no secret", async () => {
    const r = await ngs(["port", "plug", "leaf1", "Gi1/0/2", "101", "--config-file", config, "--log-level", "debug"]);
    expect(r.code).toBe(0);
    const wire = jsonLogLines(r).filter((l) => String(l.msg).startsWith("cli-session:"));
    const msgs = wire.map((l) => l.msg);
    for (const m of ["cli-session: connecting", "cli-session: SSH connected and authenticated", "cli-session: logged in", "cli-session: save", "cli-session: closed"]) {
      expect(msgs).toContain(m);
    }
    expect(wire.every((l) => l.switch === "leaf1")).toBe(true);
    const sent = wire.find((l) => l.command === "switchport access vlan 101");
    expect(sent).toMatchObject({ msg: "cli-session: sent", ms: expect.any(Number), answer: expect.any(String) });
    expect(wire.find((l) => l.msg === "cli-session: save")).toMatchObject({ command: "write mem", ms: expect.any(Number) });
    noSecrets(r.stdout, r.stderr);
  });

  it("parallel sessions write session_log_file one block per session, never interleaved, without secrets", async () => {
    const log = join(dir, "sessions.log");
    const f = writeConfig(
      "transcript.ini",
      [section("leaf1", "netmiko_cisco_ios", ios), section("leaf2", "netmiko_cisco_ios", ios2), `[ngs]\nsession_log_file = ${log}\n`].join("\n"),
    );
    // check runs every switch at once.
    const r = await ngs(["check", "--config-file", f]);
    expect(r.code).toBe(0);
    const text = readFileSync(log, "utf8");
    noSecrets(text);
    const blocks = text.split(/(?==== ngs cli-session #)/).filter((b) => b.startsWith("=== ngs cli-session #"));
    expect(blocks).toHaveLength(2);
    for (const b of blocks) {
      expect(b).toMatch(/=== ngs cli-session closed /);
      // One switch's prompts only in each block.
      expect(b.includes("leaf1#") && b.includes("leaf2#")).toBe(false);
    }
  });
});

describe("10. --json, NGS_LOG_LEVEL, did you mean, negative VLANs, --plugin-dir, duplicate subports", () => {
  it("--json gives one JSON document for check, network, port, trunk and plugins check", async () => {
    const runs = [
      ["check", "leaf1"],
      ["network", "add", "leaf1", "100", NET_ID],
      ["port", "plug", "leaf1", "Gi1/0/1", "100"],
      ["trunk", "add", "hw1", "GigabitEthernet0/0/1", "101"],
      ["port", "plug", "leaf1", "Gi1/0/1", "100", "--dry-run"],
    ];
    for (const args of runs) {
      const r = await ngs([...args, "--json", "--config-file", config, "--log-level", "silent"]);
      const doc = JSON.parse(r.stdout) as { command: string; ok: boolean; results: { switch: string; status: string }[] };
      expect(doc.command).toBe(args[0]);
      expect(doc.results.length).toBe(1);
      expect(doc.ok).toBe(r.code === 0);
    }
    const failed = JSON.parse((await ngs(["trunk", "add", "hw1", "GigabitEthernet0/0/1", "101", "--json", "--config-file", config])).stdout);
    expect(failed.results[0]).toMatchObject({ switch: "hw1", status: "failed", error: { type: "GenericSwitchNotSupported" } });
    const check = JSON.parse((await ngs(["check", "leaf1", "--json", "--config-file", config])).stdout);
    expect(check.results[0]).toMatchObject({ status: "ok", host_key_fingerprint: ios.hostKeyFingerprint });
    const plugins = await ngs(["plugins", "check", "--json"]);
    expect(plugins.code).toBe(0);
    expect(JSON.parse(plugins.stdout)).toMatchObject({ command: "plugins check", ok: true });
    const usage = await ngs(["port", "plug", "leaf1", "Gi1/0/1", "4095", "--json", "--config-file", config]);
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout)).toMatchObject({ ok: false, exit_code: 2, error: { message: 'Invalid VLAN "4095": expected an integer from 1 to 4094' } });
  });

  it("on a terminal, logs are coloured unless NO_COLOR is set", async () => {
    // `script` (util-linux) gives ngs a pseudo-terminal, where its logs are pretty-printed.
    const onTty = (env: Record<string, string>) =>
      new Promise<string>((resolve, reject) => {
        const cmd = [process.execPath, BIN, "port", "plug", "leaf1", "Gi1/0/1", "100", "--config-file", config].join(" ");
        execFile("script", ["-qec", cmd, "/dev/null"], { env: { ...process.env, NGS_LOG_LEVEL: "", ...env } }, (err, stdout) =>
          err ? reject(err) : resolve(stdout),
        );
      });
    const ESC = "\u001b[";
    expect(await onTty({})).toContain(ESC);
    const plain = await onTty({ NO_COLOR: "1" });
    expect(plain).toContain("INFO: plug port Gi1/0/1 into VLAN 100: starting");
    expect(plain).not.toContain(ESC);
  });

  it("NGS_LOG_LEVEL=verbose gets the same clean exit 2 as --log-level verbose", async () => {
    const env = await ngs(["switches", "--config-file", config], { NGS_LOG_LEVEL: "verbose" });
    const opt = await ngs(["switches", "--config-file", config, "--log-level", "verbose"]);
    expect(env.code).toBe(2);
    expect(opt.code).toBe(2);
    expect(humanLines(env)[0]).toBe("ngs: error: NGS_LOG_LEVEL: 'verbose' is not one of trace, debug, info, warn, error, fatal, silent");
    expect(humanLines(opt)[0]).toBe("ngs: error: --log-level: 'verbose' is not one of trace, debug, info, warn, error, fatal, silent");
  });

  it("an unknown command or option gets 'did you mean'", async () => {
    const cmd = await ngs(["chek"]);
    expect(cmd.code).toBe(2);
    expect(humanLines(cmd)[0]).toContain("unknown command 'chek' (did you mean 'check'?)");
    const opt = await ngs(["port", "plug", "leaf1", "Gi1/0/1", "100", "--subprt", "5", "--config-file", config]);
    expect(opt.code).toBe(2);
    expect(humanLines(opt)[0]).toBe("ngs: error: unknown option '--subprt' (did you mean '--subport'?)");
  });

  it("-5 is an invalid VLAN, a missing --plugin-dir is an error, and a repeated --subport is refused; nothing sent", async () => {
    const before = ios.commandLog.length;
    const neg = await ngs(["port", "plug", "leaf1", "Gi1/0/1", "-5", "--config-file", config]);
    expect(neg.code).toBe(2);
    expect(humanLines(neg)[0]).toBe('ngs: error: Invalid VLAN "-5": expected an integer from 1 to 4094');
    const negSub = await ngs(["port", "plug", "leaf1", "Gi1/0/1", "100", "--subport", "-5", "--config-file", config]);
    expect(humanLines(negSub)[0]).toBe('ngs: error: Invalid --subport VLAN "-5": expected an integer from 1 to 4094');
    const pd = await ngs(["switches", "--plugin-dir", join(dir, "no-such-dir"), "--config-file", config]);
    expect(pd.code).toBe(2);
    expect(humanLines(pd)[0]).toBe(`ngs: error: --plugin-dir: ${join(dir, "no-such-dir")} does not exist or is not a directory`);
    const dup = await ngs(["port", "plug", "leaf1", "Gi1/0/1", "100", "--subport", "101", "--subport", "101", "--config-file", config]);
    expect(dup.code).toBe(2);
    expect(humanLines(dup)[0]).toBe("ngs: error: --subport VLAN 101 is given more than once");
    expect(ios.commandLog.length).toBe(before);
  });
});

describe("11. ngs check shows the host key", () => {
  it("prints the fingerprint the switch presented, ready for ngs_host_key_fingerprint", async () => {
    const r = await ngs(["check", "leaf1", "--config-file", config]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`leaf1: ok (host key ${ios.hostKeyFingerprint})\n`);
    const pinned = writeConfig("pinned.ini", section("leaf1", "netmiko_cisco_ios", ios, [`ngs_host_key_fingerprint = ${ios.hostKeyFingerprint}`]));
    expect((await ngs(["check", "--config-file", pinned])).code).toBe(0);
  });
});

describe("12. ngs sim serves Dell PowerConnect as the real switch logs in", () => {
  it("SSH auth none then User Name:/Password: in the shell; ngs's own client still logs in", async () => {
    const port = await freePort();
    const f = writeConfig("pc.ini", section("pc1", "netmiko_dell_powerconnect", { host: "127.0.0.1", port }));
    const sim = await startNgsSim(f);
    try {
      // A client that logs in as netmiko's dell_powerconnect does: SSH "none", then in-band.
      const client = new ssh2.Client();
      const transcript = await new Promise<string>((resolve, reject) => {
        let text = "";
        client.on("error", reject);
        client.on("ready", () => {
          client.shell((err, stream) => {
            if (err) return reject(err);
            stream.on("data", (d: Buffer) => {
              text += d.toString();
              if (/User Name:\s*$/.test(text)) stream.write("admin\n");
              else if (/Password:\s*$/.test(text)) stream.write(`${PASSWORD}\n`);
              else if (/pc1>\s*$/.test(text)) resolve(text);
            });
          });
        });
        client.connect({ host: "127.0.0.1", port, username: "admin", authHandler: ["none"], hostVerifier: () => true, readyTimeout: 10_000 });
      }).finally(() => client.end());
      expect(transcript).toContain("User Name:");
      expect(transcript).not.toContain(PASSWORD);
      const check = await ngs(["check", "--config-file", f]);
      expect(check.code).toBe(0);
      expect(check.stdout).toMatch(/^pc1: ok \(host key SHA256:/);
    } finally {
      expect(await sim.stop()).toBe(0);
    }
  });
});

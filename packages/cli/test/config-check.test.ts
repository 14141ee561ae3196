/**
 * Config values checked when the config loads, through `ngs` as a child
 * process: every command refuses a bad value before anything connects (the
 * simulated switch sees no connection), malformed lines never echo a
 * credential, and `ngs config check` reports every problem of every file.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSwitch, type SimSwitch } from "@ngs/switch-sim";
import { ngs, type Result } from "./run-ngs.js";

const SECRET = "SimPassw0rd";
const NET_ID = "7d1c0f7e-1111-4a5b-9c9d-0123456789ab";

function noSecret(r: Result): void {
  expect(r.stdout).not.toContain(SECRET);
  expect(r.stderr).not.toContain(SECRET);
}

let dir: string;
let sim: SimSwitch;
let n = 0;

/** A config file; `lines` are the section's lines after the header, `ip`, `port`. */
function config(lines: string[], header = "[genericswitch:sw1]"): string {
  const f = join(dir, `c${n++}.ini`);
  writeFileSync(f, [header, `ip = ${sim.host}`, `port = ${sim.port}`, ...lines, ""].join("\n"));
  return f;
}

const IOS = ["device_type = netmiko_cisco_ios", "username = admin", `password = ${SECRET}`];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ngs-config-check-"));
  sim = await startSwitch({ platform: "cisco_ios", hostname: "sw1", username: "admin", password: SECRET });
});
afterAll(async () => {
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("every command refuses a bad value when the config loads", () => {
  const COMMANDS: [string, string[]][] = [
    ["switches", ["switches"]],
    ["config check", ["config", "check"]],
    ["check", ["check"]],
    ["port plug --dry-run", ["port", "plug", "sw1", "Gi1/0/1", "100", "--dry-run"]],
    ["network add --dry-run", ["network", "add", "sw1", "100", NET_ID, "--dry-run"]],
    ["trunk add", ["trunk", "add", "sw1", "Gi1/0/1", "101"]],
  ];

  it.each(COMMANDS)("ngs_trunk_ports = Po1;reload: %s exits 2 naming file, section, key and value; nothing connects", async (_name, args) => {
    const f = config([...IOS, "ngs_trunk_ports = Po1;reload"]);
    const before = sim.counters.authRequests;
    const r = await ngs([...args, "--config-file", f]);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toContain(
      `${f}: [genericswitch:sw1] ngs_trunk_ports: Invalid ngs_trunk_ports entry "Po1;reload": only letters, digits, / . : - _ and one inner space are allowed (line 7)`,
    );
    expect(sim.counters.authRequests).toBe(before);
    noSecret(r);
  });

  it("vendor options are checked at load too (ngs_bgp_asn, ngs_bum_replication_mode, ngs_vxlan_interface on EOS)", async () => {
    const f = config([
      "device_type = netmiko_arista_eos",
      "username = admin",
      `password = ${SECRET}`,
      "ngs_bgp_asn = 65x",
      "ngs_bum_replication_mode = flood",
      "ngs_vxlan_interface = Vxlan1;reload",
    ]);
    const r = await ngs(["switches", "--config-file", f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${f}: [genericswitch:sw1] ngs_bgp_asn: invalid value "65x": expected a BGP AS number (65000 or 1.10) (line 7)`);
    expect(r.stderr).toContain(`${f}: [genericswitch:sw1] ngs_bum_replication_mode: ngs_bum_replication_mode must be one of: ingress-replication, multicast (line 8)`);
    expect(r.stderr).toContain(`${f}: [genericswitch:sw1] ngs_vxlan_interface: Invalid ngs_vxlan_interface "Vxlan1;reload": `);
    noSecret(r);
  });

  it("port = 99999 is refused", async () => {
    const f = join(dir, "port.ini");
    writeFileSync(f, ["[genericswitch:sw1]", "ip = 127.0.0.1", "port = 99999", ...IOS, ""].join("\n"));
    const r = await ngs(["switches", "--config-file", f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${f}: [genericswitch:sw1] port: invalid value "99999": expected a TCP port from 1 to 65535 (line 3)`);
  });

  it("an ip holding a NUL is refused (ngs check exits instead of hanging)", async () => {
    const f = join(dir, "nul.ini");
    writeFileSync(f, ["[genericswitch:sw1]", `ip = ${sim.host}\u0000x`, `port = ${sim.port}`, ...IOS, ""].join("\n"));
    const before = sim.counters.authRequests;
    const r = await ngs(["check", "--config-file", f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${f}: [genericswitch:sw1] ip: invalid value "${sim.host}\\u0000x": expected an IP address or a host name (line 2)`);
    expect(r.stderr).not.toContain("\u0000");
    expect(sim.counters.authRequests).toBe(before);
  });

  it("a section name with an ANSI escape is refused and never printed raw", async () => {
    const f = join(dir, "ansi.ini");
    writeFileSync(f, ["[genericswitch:sw\u001b[2J1]", "ip = 127.0.0.1", ...IOS, ""].join("\n"));
    const r = await ngs(["switches", "--config-file", f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${f}: line 1: section name "genericswitch:sw\\u001b[2J1" has a control or invisible character; the section is ignored`);
    expect(r.stderr).not.toContain("\u001b");
    expect(r.stdout).not.toContain("\u001b");
  });

  it("a 10 MB ngs_trunk_ports is refused at load, in a short message", async () => {
    const f = config([...IOS, `ngs_trunk_ports = ${"Gi1/0/1,".repeat(1_310_720)}`]);
    const r = await ngs(["port", "plug", "sw1", "Gi1/0/2", "100", "--dry-run", "--config-file", f]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`${f}: line 7: the value of "ngs_trunk_ports" is longer than 16384 characters (10485760); it is ignored`);
    expect(r.stderr.length).toBeLessThan(2000);
  });
});

describe("malformed lines never echo a credential", () => {
  it("`password SimPassw0rd` (no '=') is reported without quoting the line", async () => {
    const f = config(["device_type = netmiko_cisco_ios", "username = admin", `password ${SECRET}`]);
    const r = await ngs(["switches", "--config-file", f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${f}: line 6: expected "key = value" (the line is not shown: it may hold a credential)`);
    noSecret(r);
  });

  it("an indented `password = …` is flagged instead of joining the username", async () => {
    const f = config(["device_type = netmiko_cisco_ios", "username = admin", ` password = ${SECRET}`]);
    for (const args of [["switches", "--json"], ["check"], ["config", "check"]]) {
      const before = sim.counters.authRequests;
      const r = await ngs([...args, "--config-file", f]);
      expect(r.code).toBe(2);
      expect(r.stdout + r.stderr).toContain(
        `line 6: indented line "password = …" would continue the value of "username" (oslo.config reads a line starting with a blank as a continuation): remove the leading blank`,
      );
      expect(sim.counters.authRequests).toBe(before);
      noSecret(r);
    }
  });

  it("a misspelt `passwrod` is refused at load with a suggestion; its value is never shown and nothing connects", async () => {
    const f = config(["device_type = netmiko_cisco_ios", "username = admin", `passwrod = ${SECRET}`]);
    const before = sim.counters.authRequests;
    for (const args of [["check"], ["port", "plug", "sw1", "Gi1/0/1", "100"], ["config", "check"]]) {
      const r = await ngs([...args, "--config-file", f]);
      expect(r.code).toBe(2);
      expect(r.stdout + r.stderr).toContain(
        `${f}: [genericswitch:sw1] passwrod: unknown option (did you mean 'password'?); it is not passed to the switch (line 6)`,
      );
      noSecret(r);
    }
    expect(sim.counters.authRequests).toBe(before);
  });
});

describe("ngs config check", () => {
  it("reports every problem of every file at once, errors and warnings apart, and exits 2", async () => {
    const a = join(dir, "a.conf");
    const b = join(dir, "b.conf");
    writeFileSync(
      a,
      [
        "[genericswitch:leaf1]", // 1
        "device_type = netmiko_cisco_ios", // 2
        "ip = 192.0.2.10", // 3
        "username = ngs", // 4
        `password = ${SECRET}`, // 5
        "", // 6
        "[genericswitch:leaf2]", // 7
        "device_type = netmiko_cisco_iso", // 8
        "ip = 192.0.2.11", // 9
        "username = ngs", // 10
        `password = ${SECRET} # the lab one`, // 11
        "ngs_trunk_port = Po1", // 12
        "",
      ].join("\n"),
    );
    writeFileSync(
      b,
      [
        "[genericswitch:leaf1]", // 1
        "device_type = netmiko_cisco_ios", // 2
        "ip = 192.0.2.300", // 3
        `password = ${SECRET}`, // 4
        "ngs_physical_networks = physnet1 ; physnet2", // 5
        "ngs_trunk_port = Po1", // 6
        "",
      ].join("\n"),
    );
    const r = await ngs(["config", "check", "--config-file", a, "--config-file", b]);
    expect(r.code).toBe(2);
    expect(r.stdout.split("\n")).toEqual([
      `error: ${a}: [genericswitch:leaf2] device_type: unknown device type "netmiko_cisco_iso" (did you mean 'netmiko_cisco_ios'?) (line 8)`,
      `warning: ${a}: [genericswitch:leaf2] password: the value holds " #" or " ;": oslo.config has no inline comments, so that text is part of the value; put the comment on a line of its own (starting with # or ;) (line 11)`,
      `warning: ${b}: [genericswitch:leaf1] replaces the section from ${a} (keys are not merged)`,
      `error: ${b}: [genericswitch:leaf1] username: missing: the switch login needs a username`,
      `error: ${b}: [genericswitch:leaf1] ip: invalid value "192.0.2.300": expected an IP address or a host name (line 3)`,
      `warning: ${b}: [genericswitch:leaf1] ngs_physical_networks: "physnet1 ; physnet2" holds " #" or " ;": oslo.config has no inline comments, so that text is part of the value; put the comment on a line of its own (starting with # or ;) (line 5)`,
      `warning: ${b}: [genericswitch:leaf1] ngs_trunk_port: unknown option, ignored (did you mean 'ngs_trunk_ports'?) (line 6)`,
      "3 errors, 4 warnings in 2 files",
      "",
    ]);
    noSecret(r);

    const j = await ngs(["config", "check", "--json", "--config-file", a, "--config-file", b]);
    expect(j.code).toBe(2);
    const doc = JSON.parse(j.stdout) as { ok: boolean; files: string[]; switches: string[]; errors: number; warnings: number; issues: Record<string, unknown>[] };
    expect(doc).toMatchObject({ ok: false, files: [a, b], switches: ["leaf1", "leaf2"], errors: 3, warnings: 4 });
    expect(doc.issues[0]).toEqual({
      severity: "error",
      file: a,
      section: "genericswitch:leaf2",
      key: "device_type",
      line: 8,
      message: `unknown device type "netmiko_cisco_iso" (did you mean 'netmiko_cisco_ios'?)`,
    });
    noSecret(j);
  });

  it("reports each bad declared vendor option with file, section, key and line (Junos, SONiC)", async () => {
    const f = join(dir, "vendor-options.ini");
    writeFileSync(
      f,
      [
        "[genericswitch:mx1]", // 1
        "device_type = netmiko_juniper", // 2
        "ip = 192.0.2.10", // 3
        "username = admin", // 4
        `password = ${SECRET}`, // 5
        "ngs_commit_timeout = soon", // 6
        "ngs_evpn_vni_config = y", // 7
        "ngs_bgp_asn = 0", // 8
        "[genericswitch:sonic1]", // 9
        "device_type = netmiko_sonic", // 10
        "ip = 192.0.2.11", // 11
        "username = admin", // 12
        `password = ${SECRET}`, // 13
        "vtep_name = vtep 1", // 14
        "ngs_bum_replication_mode = multicast", // 15
        "",
      ].join("\n"),
    );
    const r = await ngs(["config", "check", "--config-file", f]);
    expect(r.code).toBe(2);
    expect(r.stdout.split("\n")).toEqual([
      `error: ${f}: [genericswitch:mx1] ngs_commit_timeout: invalid value "soon": expected a number >= 0 (line 6)`,
      `error: ${f}: [genericswitch:mx1] ngs_evpn_vni_config: invalid value "y": expected a boolean (true/yes/on/1 or false/no/off/0) (line 7)`,
      `error: ${f}: [genericswitch:mx1] ngs_bgp_asn: invalid value "0": expected a BGP AS number (65000 or 1.10) (line 8)`,
      `error: ${f}: [genericswitch:sonic1] vtep_name: Invalid vtep_name "vtep 1": only letters, digits and / . : - _ are allowed, and it must not start with '-' (line 14)`,
      `error: ${f}: [genericswitch:sonic1] ngs_bum_replication_mode: ngs_bum_replication_mode must be one of: ingress-replication (line 15)`,
      "5 errors, 0 warnings in 1 file",
      "",
    ]);
    noSecret(r);
  });

  it("a clean config exits 0; a config with warnings only exits 0 too", async () => {
    const clean = config(IOS);
    const r = await ngs(["config", "check", "--config-file", clean]);
    expect(r).toEqual({ code: 0, stdout: "ok: 1 file, 1 switch, no problems\n", stderr: "" });
    const warned = config([...IOS, "fast_cli = true"]);
    const w = await ngs(["config", "check", "--config-file", warned]);
    expect(w.code).toBe(0);
    expect(w.stdout).toBe(`warning: ${warned}: [genericswitch:sw1] fast_cli: a netmiko option ngs does not use, ignored (line 7)\n0 errors, 1 warning in 1 file\n`);
  });

  it("is in --help", async () => {
    const r = await ngs(["--help"]);
    expect(r.stdout).toContain("config check              report every problem of every config file at once");
    const h = await ngs(["help", "config"]);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain("Usage: ngs config check [--json] --config-file FILE");
  });
});

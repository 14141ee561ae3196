/**
 * `ngs` as a child process: every command, exit codes, --dry-run output,
 * bad configs, `ngs sim` and `ngs demo`. Switches are simulated on loopback.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSwitch, type SimSwitch } from "@ngs/switch-sim";
import { SIM_PASSWORD as PASSWORD, SIM_SECRET as SECRET, switchSection } from "@ngs/test-utils";
import { freePort, ngs, startNgsSim, writeConfigIn, type Result } from "./run-ngs.js";

const NET_ID = "7d1c0f7e-1111-4a5b-9c9d-0123456789ab";

let dir: string;
let sw1: SimSwitch;
let sw2: SimSwitch;
/** Switches only dry runs and refused configs point at: they must never see a session. */
let dry1: SimSwitch;
let dry2: SimSwitch;
let configFile: string;
let dryConfig: string;

function section(name: string, deviceType: string, sim: { host: string; port: number }, extra: string[] = [], password = PASSWORD): string {
  return switchSection(name, deviceType, sim, { password, secret: SECRET }, extra);
}

const writeConfig = (name: string, text: string) => writeConfigIn(dir, name, text);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ngs-cli-test-"));
  sw1 = await startSwitch({ platform: "cisco_ios", hostname: "sw1", username: "admin", password: PASSWORD, secret: SECRET });
  sw2 = await startSwitch({ platform: "arista_eos", hostname: "sw2", username: "admin", password: PASSWORD, secret: SECRET });
  dry1 = await startSwitch({ platform: "cisco_ios", hostname: "sw1", username: "admin", password: PASSWORD, secret: SECRET });
  dry2 = await startSwitch({ platform: "arista_eos", hostname: "sw2", username: "admin", password: PASSWORD, secret: SECRET });
  dryConfig = writeConfig(
    "dry.ini",
    section("sw1", "netmiko_cisco_ios", dry1, ["ngs_physical_networks = physnet1, physnet2"]) + "\n" + section("sw2", "netmiko_arista_eos", dry2),
  );
  configFile = writeConfig(
    "ngs.ini",
    section("sw1", "netmiko_cisco_ios", sw1, ["ngs_physical_networks = physnet1, physnet2"]) + "\n" + section("sw2", "netmiko_arista_eos", sw2),
  );
});

afterAll(async () => {
  // Nothing that only planned or was refused ever opened a session.
  expect(dry1.counters.sessionsOpened + dry2.counters.sessionsOpened).toBe(0);
  expect([...dry1.commandLog, ...dry2.commandLog]).toEqual([]);
  await Promise.all([sw1?.close(), sw2?.close(), dry1?.close(), dry2?.close()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const noSecrets = (r: Result) => {
  for (const s of [PASSWORD, SECRET]) {
    expect(r.stdout).not.toContain(s);
    expect(r.stderr).not.toContain(s);
  }
};

describe.concurrent("help and usage", () => {
  it("prints the command list with --help (exit 0) and without a command (exit 2)", async () => {
    const help = await ngs(["--help"]);
    expect(help.code).toBe(0);
    expect((await ngs(["--version"])).stdout).toMatch(/^ngs \d+\.\d+\.\d+\n$/);
    for (const c of ["demo", "plugins", "switches", "check", "network", "port", "trunk", "sim"]) expect(help.stdout).toContain(`  ${c}`);
    const none = await ngs([]);
    expect(none.code).toBe(2);
  });

  it.each(["demo", "plugins", "switches", "check", "network", "port", "trunk", "sim", "help"])("has help for %s", async (cmd) => {
    const a = await ngs(["help", cmd]);
    const b = await ngs([cmd, "--help"]);
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/^Usage: ngs /);
    expect(b.stdout).toBe(a.stdout);
  });

  it("exits 2 on an unknown command, an unknown option or a bad argument", async () => {
    const unknown = await ngs(["frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    const badOpt = await ngs(["port", "plug", "sw1", "Gi0/1", "100", "--frob", "--config-file", dryConfig]);
    expect(badOpt.code).toBe(2);
    expect(badOpt.stderr).toContain("--frob");
    const badVlan = await ngs(["port", "plug", "sw1", "Gi0/1", "4095", "--config-file", dryConfig]);
    expect(badVlan.code).toBe(2);
    expect(badVlan.stderr).toContain('Invalid VLAN "4095"');
    const badNet = await ngs(["network", "add", "sw1", "100", "not-a-uuid", "--config-file", dryConfig]);
    expect(badNet.code).toBe(2);
    const missing = await ngs(["port", "plug", "sw1", "Gi0/1", "--config-file", dryConfig]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("ngs help port");
  });
});

describe.concurrent("plugins", () => {
  it("lists device types from manifests with package and version", async () => {
    const r = await ngs(["plugins", "list", "--json"]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { device_type: string; package: string; version: string }[];
    expect(rows).toContainEqual(expect.objectContaining({ device_type: "netmiko_cisco_ios", package: "@ngs/device-cisco" }));
    expect(rows).toContainEqual(expect.objectContaining({ device_type: "netmiko_fake", package: "@ngs/device-fake" }));
    expect(rows.every((x) => /^\d+\.\d+\.\d+/.test(x.version))).toBe(true);
    const table = await ngs(["plugins", "list"]);
    expect(table.stdout).toMatch(/netmiko_juniper\s+@ngs\/device-juniper\s+\d/);
  });

  it("check imports every device type", async () => {
    const r = await ngs(["plugins", "check"]);
    expect(r.stdout).toMatch(/^netmiko_cisco_ios \(@ngs\/device-cisco@[\d.]+\): ok$/m);
    expect(r.code).toBe(0);
  });
});

describe.concurrent("switches and bad configs", () => {
  it("lists switches without credentials", async () => {
    const r = await ngs(["switches", "--config-file", dryConfig]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/sw1\s+netmiko_cisco_ios\s+127\.0\.0\.1\s+\d+\s+physnet1,physnet2/);
    expect(r.stdout).toMatch(/sw2\s+netmiko_arista_eos\s+127\.0\.0\.1\s+\d+\s+\(all\)/);
    noSecrets(r);
    const json = await ngs(["switches", "--json"], { NGS_CONFIG_FILE: dryConfig });
    expect(JSON.parse(json.stdout)).toEqual([
      { name: "sw1", device_type: "netmiko_cisco_ios", host: "127.0.0.1", port: dry1.port, physical_networks: ["physnet1", "physnet2"] },
      { name: "sw2", device_type: "netmiko_arista_eos", host: "127.0.0.1", port: dry2.port, physical_networks: [] },
    ]);
  });

  it("reads --config-file then every *.conf of --config-dir (the shipped examples)", async () => {
    const examples = fileURLToPath(new URL("../../../examples/", import.meta.url));
    const r = await ngs(["switches", "--json", "--config-file", join(examples, "ml2_conf_genericswitch.ini"), "--config-dir", join(examples, "conf.d")]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { name: string }[]).map((x) => x.name)).toEqual(["leaf1", "leaf2", "spine-junos", "leaf3"]);
    expect(r.stdout).not.toContain("CHANGE-ME");
  });

  it("exits 2 without any config", async () => {
    const r = await ngs(["switches"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--config-file");
  });

  it("exits 2 naming a missing config file", async () => {
    const r = await ngs(["switches", "--config-file", join(dir, "nope.ini")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("nope.ini: cannot read config file: no such file or directory");
  });

  it("exits 2 on a missing config dir and on a bad --log-level", async () => {
    const [noDir, badLevel] = await Promise.all([
      ngs(["switches", "--config-dir", join(dir, "no-such-dir")]),
      ngs(["switches", "--config-file", dryConfig, "--log-level", "loud"]),
    ]);
    expect(noDir.code).toBe(2);
    expect(noDir.stderr).toContain("no-such-dir: cannot read config dir");
    expect(badLevel.code).toBe(2);
    expect(badLevel.stderr).toContain("--log-level: 'loud' is not one of");
  });

  it("exits 2 naming a bad section", async () => {
    const f = writeConfig("bad-section.ini", "[genericswitch:broken]\nip = 127.0.0.1\n");
    const r = await ngs(["switches", "--config-file", f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("[genericswitch:broken] device_type: missing");
  });

  it("exits 2 on an unknown device type, listing the known ones", async () => {
    const f = writeConfig("unknown-type.ini", section("odd", "netmiko_acme_os", dry1));
    const r = await ngs(["port", "plug", "odd", "Gi0/1", "100", "--config-file", f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("netmiko_acme_os");
    expect(r.stderr).toContain("netmiko_cisco_ios");
    noSecrets(r);
  });

  it("exits 2 on a transport value that does not cast, naming the key, before connecting", async () => {
    const f = writeConfig("bad-port.ini", "[genericswitch:sw1]\ndevice_type = netmiko_cisco_ios\nip = 127.0.0.1\nport = abc\nusername = u\npassword = hunter2\n");
    const r = await ngs(["port", "plug", "sw1", "Gi0/1", "100", "--dry-run", "--config-file", f]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`${f}: [genericswitch:sw1] port: invalid value "abc": expected a TCP port from 1 to 65535 (line 4)`);
    expect(r.stderr).not.toContain("hunter2");
  });

  it("exits 2 on an unknown switch name, listing the configured ones", async () => {
    const r = await ngs(["network", "add", "sw9", "100", NET_ID, "--config-file", dryConfig]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown switch 'sw9': configured switches are 'sw1', 'sw2'");
  });
});

describe.concurrent("--dry-run", () => {
  it("prints one JSON object per switch and connects to nothing", async () => {
    const c = ["--config-file", dryConfig];
    const [plug, trunk, all, unplug, bond, sub, del] = await Promise.all([
      ngs(["port", "plug", "sw1", "Gi0/1", "100", "--dry-run", ...c]),
      ngs(["port", "plug", "sw1", "Gi0/2", "100", "--subport", "101", "--dry-run", ...c]),
      ngs(["network", "add", "--all", "100", NET_ID, "--dry-run", ...c]),
      ngs(["port", "unplug", "sw2", "Ethernet3", "100", "--dry-run", ...c]),
      ngs(["port", "plug", "sw2", "Port-Channel1", "100", "--bond", "--dry-run", ...c]),
      ngs(["trunk", "add", "sw2", "Ethernet4", "101", "102", "--dry-run", ...c]),
      ngs(["network", "delete", "sw1", "100", NET_ID, "--dry-run", ...c]),
    ]);
    expect(plug.code).toBe(0);
    expect(JSON.parse(plug.stdout)).toEqual({
      switch: "sw1",
      device_type: "netmiko_cisco_ios",
      operation: "plug port",
      queries: [],
      commands: ["interface Gi0/1", "switchport mode access", "switchport access vlan 100"],
      save: ["write mem"],
    });

    const t = JSON.parse(trunk.stdout) as { commands: string[] };
    expect(t.commands).toContain("switchport trunk native vlan 100");
    expect(t.commands).toContain("switchport trunk allowed vlan add 101");

    expect(all.code).toBe(0);
    const lines = all.stdout.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.switch, l.operation])).toEqual([
      ["sw1", "add network"],
      ["sw2", "add network"],
    ]);
    for (const l of lines) expect(Object.keys(l)).toEqual(["switch", "device_type", "operation", "queries", "commands", "save"]);
    expect(lines[0]!.commands).toEqual(["vlan 100", "name 7d1c0f7e11114a5b9c9d0123456789ab"]);

    expect(JSON.parse(unplug.stdout)).toMatchObject({ switch: "sw2", operation: "unplug port" });
    expect(JSON.parse(bond.stdout)).toMatchObject({ operation: "plug bond" });
    expect(JSON.parse(sub.stdout)).toMatchObject({
      operation: "add trunk subports",
      commands: ["interface Ethernet4", "switchport trunk allowed vlan add 101", "interface Ethernet4", "switchport trunk allowed vlan add 102"],
    });
    expect(JSON.parse(del.stdout)).toMatchObject({ operation: "delete network", commands: ["no vlan 100"] });
    // afterAll checks that dry1/dry2 never saw a session.
  });

  it("shows NVUE's apply line as the last command, as it is sent; the save step separately", async () => {
    // Points at dry1: afterAll checks that no session was opened.
    const f = writeConfig("nvue-dry.ini", section("leaf1", "netmiko_cumulus_nvue", dry1));
    const r = await ngs(["port", "plug", "leaf1", "swp1", "100", "--dry-run", "--config-file", f]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      switch: "leaf1",
      device_type: "netmiko_cumulus_nvue",
      operation: "plug port",
      queries: [],
      commands: [
        "nv unset interface swp1 bridge domain br_default untagged",
        "nv set interface swp1 bridge domain br_default access 100",
        "nv config apply --assume-yes",
      ],
      save: ["nv config save"],
    });
  });

  it("lists the read-only query a vendor runs first (Brocade's port query), still connecting to nothing", async () => {
    // Points at dry1: afterAll checks that no session was opened.
    const f = writeConfig("brocade-dry.ini", section("icx1", "netmiko_brocade_fastiron", dry1));
    const r = await ngs(["port", "plug", "icx1", "1/1/7", "100", "--dry-run", "--config-file", f]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      switch: "icx1",
      operation: "plug port",
      queries: ["show interfaces ether 1/1/7 | include VLAN"],
      commands: ["vlan 100 by port", "untagged ether 1/1/7"],
    });
  });

  it("rejects an injection attempt in a port name before anything is sent (exit 2, no JSON)", async () => {
    const r = await ngs(["port", "plug", "sw1", "Gi0/1\nreload", "100", "--dry-run", "--config-file", dryConfig]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/Invalid port/i);
    const real = await ngs(["port", "plug", "sw1", "Gi0/1;reload", "100", "--config-file", dryConfig]);
    expect(real.code).toBe(2);
  });
});

describe("operations against simulated switches", () => {
  it("check logs in, enters config mode and reports ok per switch", async () => {
    const r = await ngs(["check", "--config-file", configFile]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("sw1: ok");
    expect(r.stdout).toContain("sw2: ok");
  });

  it("check reports a refused login per switch and exits 1, never printing the password", async () => {
    const f = writeConfig("wrong-pw.ini", section("sw1", "netmiko_cisco_ios", sw1, [], "Wrong-pw-555") + "\n" + section("sw2", "netmiko_arista_eos", sw2));
    const r = await ngs(["check", "--config-file", f]);
    expect(r.code).toBe(1);
    // One human line on stderr for the failure, said once; stdout has the switch that passed.
    expect(r.stderr).toBe(
      `ngs: error: sw1: check failed: Netmiko connection error: sw1 (127.0.0.1:${sw1.port}), error: authentication as admin rejected (check username, password or key_file; not retried)\n`,
    );
    expect(r.stdout).toMatch(/^sw2: ok \(host key SHA256:[A-Za-z0-9+/]{43}\)\n$/);
    expect(r.stdout + r.stderr).not.toContain("Wrong-pw-555");
  });

  it("network add, port plug, trunk add, port unplug and network delete change the switch", async () => {
    const args = ["--config-file", configFile, "--log-level", "warn"];
    expect((await ngs(["network", "add", "sw1", "210", NET_ID, ...args])).code).toBe(0);
    expect(sw1.state.vlans.has(210)).toBe(true);
    const plug = await ngs(["port", "plug", "sw1", "Gi0/21", "210", ...args]);
    expect(plug.code).toBe(0);
    expect(plug.stdout).toBe("sw1: plug port Gi0/21 into VLAN 210: ok\n");
    expect(sw1.state.ports.get("Gi0/21")).toMatchObject({ mode: "access", accessVlan: 210 });

    expect((await ngs(["port", "plug", "sw1", "Gi0/22", "210", "--subport", "211", ...args])).code).toBe(0);
    expect(sw1.state.ports.get("Gi0/22")).toMatchObject({ mode: "trunk", nativeVlan: 210 });
    expect((await ngs(["trunk", "add", "sw1", "Gi0/22", "212", "213", ...args])).code).toBe(0);
    expect(sw1.state.ports.get("Gi0/22")!.allowedVlans).toEqual(expect.arrayContaining([210, 211, 212, 213]));
    expect((await ngs(["trunk", "remove", "sw1", "Gi0/22", "212", ...args])).code).toBe(0);
    expect(sw1.state.ports.get("Gi0/22")!.allowedVlans).not.toContain(212);

    expect((await ngs(["port", "unplug", "sw1", "Gi0/21", "210", ...args])).code).toBe(0);
    expect(sw1.state.ports.get("Gi0/21")?.accessVlan ?? null).toBeNull();
    expect((await ngs(["network", "delete", "--all", "210", NET_ID, ...args])).code).toBe(0);
    expect(sw1.state.vlans.has(210)).toBe(false);
  });

  it("exits 1 when the switch rejects a command, and says which switch", async () => {
    sw2.faults = { errorOn: [{ pattern: /^vlan 220/, output: "% Invalid input detected at '^' marker." }] };
    const r = await ngs(["network", "add", "--all", "220", NET_ID, "--config-file", configFile, "--log-level", "silent"]).finally(() => {
      sw2.faults = {};
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("sw1: add network VLAN 220");
    expect(r.stderr).toContain("ngs: error: sw2: add network VLAN 220");
    expect(sw1.state.vlans.has(220)).toBe(true);
    noSecrets(r);
  });

  it("logs JSON to stderr with one child logger per switch and secrets redacted", async () => {
    const r = await ngs(["port", "plug", "sw1", "Gi0/23", "230", "--config-file", configFile, "--log-level", "info"]);
    expect(r.code).toBe(0);
    const lines = r.stderr
      .trim()
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.some((l) => l.switch === "sw1")).toBe(true);
    noSecrets(r);
  });
});


describe.concurrent("ngs sim", () => {
  it("serves every section until SIGTERM, and ngs check / port plug work against it", async () => {
    const [p1, p2, p3] = [await freePort(), await freePort(), await freePort()];
    const key = join(dir, "id_ed25519");
    execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "ngs-test", "-f", key]);
    const f = writeConfig(
      "sim.ini",
      section("simios", "netmiko_cisco_ios", { host: "127.0.0.1", port: p1 }) +
        "\n" +
        section("simeos", "netmiko_arista_eos", { host: "127.0.0.1", port: p2 }) +
        `\n[genericswitch:simkey]\ndevice_type = netmiko_juniper\nip = 127.0.0.1\nport = ${p3}\nusername = admin\nkey_file = ${key}\nuse_keys = true\n`,
    );
    const sim = await startNgsSim(f);
    let code: number | null = null;
    try {
      const out = sim.output();
      expect(out).toContain(`simios: netmiko_cisco_ios (cisco_ios) listening on 127.0.0.1:${p1}`);
      expect(out).toContain(`simeos: netmiko_arista_eos (arista_eos) listening on 127.0.0.1:${p2}`);

      const check = await ngs(["check", "--config-file", f]);
      expect(check.stdout).toContain("simios: ok");
      expect(check.stdout).toContain("simeos: ok");
      expect(check.stdout).toContain("simkey: ok"); // public-key login with key_file.pub
      expect(check.code).toBe(0);
      const plug = await ngs(["port", "plug", "simeos", "Ethernet5", "240", "--config-file", f]);
      expect(plug.code).toBe(0);
      expect(plug.stdout).toContain("simeos: plug port Ethernet5 into VLAN 240: ok");
    } finally {
      code = await sim.stop();
    }
    expect(code).toBe(0);
    expect(sim.output()).toContain("ngs sim: stopped");
  });

  it("refuses a non-loopback address with exit 2, starting nothing", async () => {
    const f = writeConfig("sim-bad.ini", section("far", "netmiko_cisco_ios", { host: "192.0.2.10", port: 2222 }));
    const r = await ngs(["sim", "--config-file", f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("[genericswitch:far] ip: 192.0.2.10 is not a loopback address");
    expect(r.stdout).not.toContain("listening");
  });
});

describe.concurrent("ngs demo", () => {
  it("runs the tenant lifecycle on three CLI vendors and an OpenConfig switch and exits 0 with the right tables", async () => {
    const r = await ngs(["demo"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = r.stdout;
    const vendors = [...out.matchAll(/^ {2}(leaf-\S+)\s+((?:netmiko|netconf)_\S+)\s+127\.0\.0\.1:\d+\s+\((@ngs\/device-[a-z]+)/gm)];
    expect(vendors).toHaveLength(4);
    expect(new Set(vendors.map((v) => v[3])).size).toBe(4);
    expect(vendors[3]![2]).toBe("netconf_openconfig");

    const table = (title: string) => {
      const start = out.indexOf(`${title}\n`);
      expect(start).toBeGreaterThanOrEqual(0);
      const body = out.slice(start + title.length + 1).split("\n\n")[0]!.split("\n").slice(2);
      return body.map((l) => l.trim().split(/\s{2,}/));
    };
    const before = table("Switch ports before:");
    const plugged = table("Switch ports with the tenant plugged:");
    const after = table("Switch ports after:");
    expect(before).toHaveLength(17); // 4 ports per switch, and the OpenConfig switch's trunk uplink
    for (const row of before) expect(row.slice(3)).toEqual(["none", "-", "-", "-"]);

    const first = vendors[0]![1]!;
    const second = vendors[1]![1]!;
    const third = vendors[2]![1]!;
    const row = (rows: string[][], sw: string, i: number) => rows.filter((r) => r[0] === sw)[i]!;
    expect(row(plugged, first, 0).slice(3)).toEqual(["access", "100", "-", "-"]); // port A
    expect(row(plugged, second, 0).slice(3)).toEqual(["access", "100", "-", "-"]); // port B
    expect(row(plugged, third, 1).slice(3)).toEqual(["access", "100", "-", "-"]); // bond member 1
    expect(row(plugged, third, 2).slice(3)).toEqual(["access", "100", "-", "-"]); // bond member 2
    const fourth = vendors[3]![1]!;
    expect(row(plugged, fourth, 0).slice(3)).toEqual(["access", "100", "-", "-"]); // the OpenConfig switch's port
    const trunkRows = plugged.filter((r) => r[3] === "trunk");
    expect(trunkRows).toHaveLength(2);
    expect(trunkRows[0]!.slice(4)).toEqual(["-", "100", "100-103"]);
    // The uplink carries every VLAN of the physnet (convergence), and none once the networks are gone.
    expect(trunkRows[1]!.slice(0, 3)).toEqual([fourth, "netconf_openconfig", "Ethernet1/48"]);
    expect(trunkRows[1]!.slice(4)).toEqual(["-", "-", "100-103"]);

    for (const r2 of after) {
      expect(r2[4]).toBe("-"); // no access VLAN
      expect(r2[6]).toBe("-"); // nothing tagged
    }
    expect(out).toContain("subports now ACTIVE: sub-101, sub-102, sub-103");
    expect(out).toMatch(/ngs demo: done/);
  });
});

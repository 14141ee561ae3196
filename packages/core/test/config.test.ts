import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { problemsOf } from "./helpers.js";
import { loadConfig, parseOsloIni, readConfig } from "@ngs/core";

const FIXTURE = fileURLToPath(new URL("./fixtures/ml2_conf_genericswitch.ini", import.meta.url));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "ngs-config-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = join(dir, name);
  mkdirSync(join(file, ".."), { recursive: true });
  writeFileSync(file, text);
  return file;
}

describe("loadConfig: an upstream ini file", () => {
  it("reads devices, comments, quotes, ':' separators and the global sections", () => {
    const cfg = loadConfig({ configFiles: [FIXTURE] });
    expect([...cfg.devices.keys()]).toEqual(["c2970G", "arista-1"]);
    expect(cfg.devices.get("c2970G")).toEqual({
      device_type: "netmiko_cisco_ios",
      ip: "1.2.3.4",
      username: "user",
      password: "cisco_password",
      secret: "enable_password",
      ngs_mac_address: "00:1A:2B:3C:4D:5E",
    });
    const arista = cfg.devices.get("arista-1")!;
    expect(arista.device_type).toBe("netmiko_arista_eos");
    expect(arista.password).toBe("quoted secret");
    expect(arista.ngs_trunk_ports).toBe("Ethernet1, Ethernet2");
    expect(cfg.global).toEqual({
      backendUrl: "etcd3+http://127.0.0.1:2379?api_version=v3",
      acquireTimeoutS: 120,
      sessionLogFile: "/var/log/ngs/session.log",
    });
    expect(cfg.files).toEqual([FIXTURE]);
    expect(cfg.warnings).toEqual([]);
  });

  it("defaults acquire_timeout to 60 and leaves backend_url unset", () => {
    const f = write("a.conf", "[genericswitch:s]\ndevice_type = netmiko_fake\n");
    expect(loadConfig({ configFiles: [f] }).global).toEqual({ acquireTimeoutS: 60 });
  });

  it("keeps an inline '#' as part of the value (oslo has no inline comments)", () => {
    const f = write("a.conf", "[genericswitch:s]\ndevice_type = netmiko_fake\nusername = admin # ops\n");
    expect(loadConfig({ configFiles: [f] }).devices.get("s")!.username).toBe("admin # ops");
  });

  it("joins indented continuation lines and a blank line ends them", () => {
    const f = write("a.conf", "[genericswitch:s]\ndevice_type = netmiko_fake\nbanner = one\n  two\n\nport = 22\n");
    const d = loadConfig({ configFiles: [f] }).devices.get("s")!;
    expect(d.banner).toBe("one\ntwo");
    expect(d.port).toBe("22");
  });

  it("handles CRLF line endings and a BOM", () => {
    const f = write("a.conf", "\uFEFF[genericswitch:s]\r\ndevice_type = netmiko_fake\r\nip = 10.0.0.1\r\n");
    expect(loadConfig({ configFiles: [f] }).devices.get("s")).toEqual({ device_type: "netmiko_fake", ip: "10.0.0.1" });
  });
});

describe("loadConfig: repeated keys and sections", () => {
  it("within a file the first value of a repeated key wins and a repeated section merges", () => {
    const f = write(
      "a.conf",
      "[genericswitch:s]\ndevice_type = netmiko_fake\nip = 10.0.0.1\nip = 10.0.0.2\n[other]\nx=1\n[genericswitch:s]\nusername = admin\nip = 10.0.0.3\n",
    );
    expect(loadConfig({ configFiles: [f] }).devices.get("s")).toEqual({ device_type: "netmiko_fake", ip: "10.0.0.1", username: "admin" });
  });

  it("a later file's section replaces the earlier one whole (no key merge) and says so", () => {
    const a = write("a.conf", "[genericswitch:s]\ndevice_type = netmiko_fake\nip = 10.0.0.1\nusername = admin\n");
    const b = write("b.conf", "[genericswitch:s]\ndevice_type = netmiko_cisco_ios\nip = 10.0.0.9\n");
    const cfg = loadConfig({ configFiles: [a, b] });
    expect(cfg.devices.get("s")).toEqual({ device_type: "netmiko_cisco_ios", ip: "10.0.0.9" });
    expect(cfg.deviceSources.get("s")!.file).toBe(b);
    expect(cfg.warnings).toEqual([`${b}: [genericswitch:s] replaces the section from ${a} (keys are not merged)`]);
  });

  it("a global option takes the last value read, across files", () => {
    const a = write("a.conf", "[ngs_coordination]\nacquire_timeout = 5\nacquire_timeout = 6\n[genericswitch:s]\ndevice_type=netmiko_fake\n");
    const b = write("b.conf", "[ngs_coordination]\nacquire_timeout = 0\n");
    expect(loadConfig({ configFiles: [a] }).global.acquireTimeoutS).toBe(6);
    expect(loadConfig({ configFiles: [a, b] }).global.acquireTimeoutS).toBe(0);
  });

  it("reads [ngs] plugins and plugin_dir (relative to the file)", () => {
    const f = write("etc/a.conf", "[ngs]\nplugins = @ngs/device-fake, ngs-device-acme\nplugin_dir = plugins, /opt/ngs\n");
    const g = loadConfig({ configFiles: [f] }).global;
    expect(g.plugins).toEqual(["@ngs/device-fake", "ngs-device-acme"]);
    expect(g.pluginDirs).toEqual([join(dir, "etc", "plugins"), "/opt/ngs"]);
  });
});

describe("loadConfig: config dirs", () => {
  it("reads files first, then each dir's *.conf sorted by name; other files are ignored", () => {
    const f = write("main.ini", "[genericswitch:a]\ndevice_type = netmiko_fake\nip = from-file\n");
    write("d1/20-b.conf", "[genericswitch:a]\ndevice_type = netmiko_fake\nip = from-20\n");
    write("d1/10-a.conf", "[genericswitch:a]\ndevice_type = netmiko_fake\nip = from-10\n[genericswitch:b]\ndevice_type = netmiko_fake\n");
    write("d1/99-z.conf.disabled", "[genericswitch:a]\ndevice_type = netmiko_fake\nip = ignored\n");
    write("d1/notes.txt", "not ini at all [[[");
    write("d2/00-c.conf", "[genericswitch:c]\ndevice_type = netmiko_fake\n");
    const cfg = loadConfig({ configFiles: [f], configDirs: [join(dir, "d1"), join(dir, "d2")] });
    expect(cfg.files).toEqual([f, join(dir, "d1/10-a.conf"), join(dir, "d1/20-b.conf"), join(dir, "d2/00-c.conf")]);
    expect(cfg.devices.get("a")!.ip).toBe("from-20");
    expect([...cfg.devices.keys()].sort()).toEqual(["a", "b", "c"]);
  });

  it("a dir alone is enough", () => {
    write("d/x.conf", "[genericswitch:x]\ndevice_type = netmiko_fake\n");
    expect([...loadConfig({ configDirs: [join(dir, "d")] }).devices.keys()]).toEqual(["x"]);
  });
});

describe("loadConfig: bad input", () => {
  it("a missing file, a missing dir and a directory given as a file are errors", () => {
    const missing = join(dir, "nope.conf");
    const p = problemsOf(() => loadConfig({ configFiles: [missing, dir], configDirs: [join(dir, "nodir")] }));
    expect(p).toEqual([
      `${join(dir, "nodir")}: cannot read config dir: no such file or directory`,
      `${missing}: cannot read config file: no such file or directory`,
      `${dir}: cannot read config file: is a directory (use --config-dir for a directory)`,
    ]);
  });

  it("an unreadable file is an error", () => {
    const f = write("a.conf", "[genericswitch:s]\ndevice_type = netmiko_fake\n");
    chmodSync(f, 0);
    if (process.getuid?.() !== 0) {
      expect(problemsOf(() => loadConfig({ configFiles: [f] }))).toEqual([`${f}: cannot read config file: permission denied`]);
      return;
    }
    // root reads anything: read in a child process that keeps uid 0 (so it can still load
    // @ngs/core from wherever the clone lives, a private mktemp dir included) but has lost
    // the capabilities that override file permissions (util-linux setpriv).
    const core = fileURLToPath(import.meta.resolve("@ngs/core"));
    const script = `import(${JSON.stringify(pathToFileURL(core).href)}).then((m) => console.log(JSON.stringify(m.readConfig({ configFiles: [${JSON.stringify(f)}] }).problems)))`;
    const dropped = "-dac_override,-dac_read_search";
    const out = spawnSync("setpriv", [`--bounding-set=${dropped}`, `--inh-caps=${dropped}`, process.execPath, "-e", script], { encoding: "utf8" });
    expect(out.stderr).toBe("");
    expect(JSON.parse(out.stdout)).toEqual([`${f}: cannot read config file: permission denied`]);
  });

  it("no config at all is an error", () => {
    expect(problemsOf(() => loadConfig({}))).toEqual(["no config given: pass at least one config file or config dir"]);
  });

  it("reports every problem of every file at once, with file, section, key and line", () => {
    const a = write(
      "a.conf",
      [
        "orphan = 1", // 1: before any section
        "[genericswitch:nodt]", // 2
        "ip = 10.0.0.1", // 3
        "[genericswitch:bad]", // 4
        "device_type = netmiko_fake", // 5
        "ngs_manage_vlans = perhaps", // 6
        "ngs_max_connections = 0", // 7
        "ngs_port_default_vlan = 4095", // 8
        "ngs_network_name_format = {network}", // 9
        "ngs_ssh_connect_timeout = soon", // 10
        "[broken", // 11
        "just words", // 12
        "= value", // 13
        "[genericswitch:]", // 14
        "device_type = netmiko_fake", // 15
        "[genericswitch:empty]", // 16
        "device_type =", // 17
      ].join("\n"),
    );
    const b = write("b.conf", "[ngs_coordination]\nacquire_timeout = -1\n");
    const p = problemsOf(() => loadConfig({ configFiles: [a, b] }));
    expect(p).toEqual([
      `${a}: line 1: key "orphan" appears before any [section]`,
      `${a}: line 11: invalid section header "[broken" (must end with ])`,
      `${a}: line 12: expected "key = value", got "just words"`,
      `${a}: line 13: empty key`,
      `${a}: [genericswitch:nodt] device_type: missing (e.g. device_type = netmiko_cisco_ios) (section at line 2)`,
      `${a}: [genericswitch:bad] ngs_port_default_vlan: Invalid ngs_port_default_vlan "4095": expected an integer from 1 to 4094 (line 8)`,
      `${a}: [genericswitch:bad] ngs_ssh_connect_timeout: invalid value "soon": expected a number >= 0 (line 10)`,
      `${a}: [genericswitch:bad] ngs_max_connections: invalid value "0": expected an integer >= 1 (line 7)`,
      `${a}: [genericswitch:bad] ngs_network_name_format: Invalid value for 'ngs_network_name_format': "{network}". Valid format options include 'network_id' and 'segmentation_id' (line 9)`,
      `${a}: [genericswitch:bad] ngs_manage_vlans: invalid value "perhaps": expected a boolean (true/yes/on/1 or false/no/off/0) (line 6)`,
      `${a}: [genericswitch:] a device section needs a name: [genericswitch:NAME] (line 14)`,
      `${a}: [genericswitch:empty] device_type: empty (line 17)`,
      `${b}: [ngs_coordination] acquire_timeout: invalid value "-1": expected an integer >= 0 (seconds; 0 waits forever)`,
    ]);
  });

  it("the exception's message lists every problem, and never a secret", () => {
    const a = write("a.conf", "[ngs_coordination]\nbackend_url = etcd3+http://user:hunter2@etcd:2379\nacquire_timeout = soon\n[genericswitch:s]\npassword = hunter2\n");
    let message = "";
    try {
      loadConfig({ configFiles: [a] });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^Invalid ngs configuration \(2 problems\):\n/);
    expect(message).toContain(`${a}: [ngs_coordination] acquire_timeout: invalid value "soon"`);
    expect(message).toContain(`${a}: [genericswitch:s] device_type: missing`);
    expect(message).not.toContain("hunter2");
  });

  it("an unknown key in [ngs] or [ngs_coordination] is a warning, not an error", () => {
    const a = write("a.conf", "[ngs_coordination]\nacquire_timout = 5\n[genericswitch:s]\ndevice_type = netmiko_fake\n");
    const cfg = loadConfig({ configFiles: [a] });
    expect(cfg.warnings).toEqual([`${a}: [ngs_coordination] acquire_timout: unknown option, ignored (known: backend_url, acquire_timeout)`]);
    expect(cfg.global.acquireTimeoutS).toBe(60);
  });

  it("readConfig returns the problems instead of throwing", () => {
    const a = write("a.conf", "[genericswitch:s]\nip = 192.0.2.1\n");
    const r = readConfig({ configFiles: [a] });
    expect(r.problems).toHaveLength(1);
    expect(r.devices.get("s")).toEqual({ ip: "192.0.2.1" });
  });
});

describe("loadConfig: values checked when the config loads", () => {
  it("refuses transport values that cannot work, naming file, section, key, value and line", () => {
    const a = write(
      "a.conf",
      [
        "[genericswitch:s]", // 1
        "device_type = netmiko_cisco_ios", // 2
        "ip = 10.0.0.1\u0000", // 3
        "port = 99999", // 4
        "username = ad\u001b[31mmin", // 5
        "ngs_trunk_ports = Po1;reload", // 6
        "[genericswitch:t]", // 7
        "host = switch-7.example.net", // 8
        "port = 22", // 9
      ].join("\n"),
    );
    expect(problemsOf(() => loadConfig({ configFiles: [a] }))).toEqual([
      `${a}: [genericswitch:s] port: invalid value "99999": expected a TCP port from 1 to 65535 (line 4)`,
      `${a}: [genericswitch:s] ip: invalid value "10.0.0.1\\u0000": expected an IP address or a host name (line 3)`,
      `${a}: [genericswitch:s] username: invalid value "ad\\u001b[31mmin": contains a control or invisible character (line 5)`,
      `${a}: [genericswitch:s] ngs_trunk_ports: Invalid ngs_trunk_ports entry "Po1;reload": only letters, digits, / . : - _ and one inner space are allowed (line 6)`,
      `${a}: [genericswitch:t] device_type: missing (e.g. device_type = netmiko_cisco_ios) (section at line 7)`,
    ]);
  });

  it("never quotes a line that may hold a credential, and flags an indented key = value", () => {
    const a = write(
      "a.conf",
      ["[genericswitch:s]", "device_type = netmiko_fake", "password SimPassw0rd", "username = admin", " password = SimPassw0rd", "  secret: SimPassw0rd", "just words"].join("\n"),
    );
    const p = problemsOf(() => loadConfig({ configFiles: [a] }));
    expect(p).toEqual([
      `${a}: line 3: expected "key = value" (the line is not shown: it may hold a credential)`,
      `${a}: line 5: indented line "password = …" would continue the value of "username" (oslo.config reads a line starting with a blank as a continuation): remove the leading blank`,
      `${a}: line 6: unexpected indented line (a continuation with no key before it)`,
      `${a}: line 7: expected "key = value", got "just words"`,
    ]);
    expect(p.join("\n")).not.toContain("SimPassw0rd");
  });

  it("refuses a section name or key with a control character, shown escaped", () => {
    const a = write("a.conf", ["[genericswitch:x\u001b[2Jy]", "ip = 10.0.0.1", "[genericswitch:s]", "device_type = netmiko_fake", "pass\u202eword = x"].join("\n"));
    const p = problemsOf(() => loadConfig({ configFiles: [a] }));
    expect(p).toEqual([
      `${a}: line 1: section name "genericswitch:x\\u001b[2Jy" has a control or invisible character; the section is ignored`,
      `${a}: line 5: key "pass\\u202eword" has a control or invisible character`,
    ]);
    expect(/[\u001b\u202e]/.test(p.join("\n"))).toBe(false);
  });

  it("warns about a section that looks like a misspelt one of ours, and not about other programs' sections", () => {
    const a = write("a.conf", ["[DEFAULT]", "debug = true", "[ml2]", "type_drivers = vlan", "[ngs_coordinaton]", "acquire_timeout = 5", "[genericswitch leaf1]", "ip = 10.0.0.1"].join("\n"));
    expect(loadConfig({ configFiles: [a] }).warnings).toEqual([
      `${a}: line 5: section [ngs_coordinaton] is not read by ngs (did you mean [ngs_coordination]?)`,
      `${a}: line 7: section [genericswitch leaf1] is not read by ngs (did you mean [genericswitch:NAME]?)`,
    ]);
  });

  it("bounds every value's length: a 10 MB value is refused and dropped, its continuation lines too", () => {
    const huge = "Gi1/0/1,".repeat(1_310_720);
    const a = write("a.conf", ["[genericswitch:s]", "device_type = netmiko_fake", `ngs_trunk_ports = ${huge}`, "  Gi1/0/2", "  Gi1/0/3", "ip = 10.0.0.1"].join("\n"));
    const r = readConfig({ configFiles: [a] });
    expect(r.problems).toEqual([`${a}: line 3: the value of "ngs_trunk_ports" is longer than 16384 characters (10485760); it is ignored`]);
    expect(r.devices.get("s")).toEqual({ device_type: "netmiko_fake", ip: "10.0.0.1" });
  });
});

describe("parseOsloIni", () => {
  it("keeps every value of a repeated key with its line", () => {
    const { sections, errors } = parseOsloIni("[s]\nk = 1\nk: 2\n");
    expect(errors).toEqual([]);
    expect(sections.get("s")!.values.get("k")).toEqual([
      { value: "1", line: 2 },
      { value: "2", line: 3 },
    ]);
  });
  it("splits at the first of ':' and '=' and strips one pair of matching quotes", () => {
    const { sections } = parseOsloIni("[s]\nurl = http://h:1\nhost: a=b\nq = 'x'\nmixed = \"x'\n");
    const v = (k: string) => sections.get("s")!.values.get(k)![0]!.value;
    expect(v("url")).toBe("http://h:1");
    expect(v("host")).toBe("a=b");
    expect(v("q")).toBe("x");
    expect(v("mixed")).toBe("\"x'");
  });
});

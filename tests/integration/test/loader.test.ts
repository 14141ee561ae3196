import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  GenericSwitchDevice,
  GenericSwitchEntrypointLoadError,
  InProcessCoordinator,
  discoverPlugins,
  getDevices,
  loadDeviceClass,
  loadDevices,
  resolveExport,
  type PluginEntry,
} from "@ngs/core";

// The ngs command's package is the host whose dependencies are the plugins; each package is found by name.
const resolvePackage = (name: string) => dirname(createRequire(import.meta.url).resolve(`${name}/package.json`));
const CLI_PACKAGE_JSON = join(resolvePackage("@ngs/cli"), "package.json");
const CORE_DIR = resolvePackage("@ngs/core");
const FAKE_DIR = resolvePackage("@ngs/device-fake");

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "ngs-loader-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function writeFiles(root: string, files: Record<string, string | object>): void {
  for (const [rel, content] of Object.entries(files)) {
    const file = join(root, rel);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  }
}

/** A device class as a third party writes it: plain JS, extending the peer @ngs/core. */
const ACME_JS = `
import { GenericSwitchDevice } from "@ngs/core";
export default class AcmeSwitch extends GenericSwitchDevice {
  static extraOptions = ["ngs_acme_flavour"];
  sent = [];
  async addNetwork(seg) { this.sent.push("vlan " + seg); return "ok"; }
  async delNetwork(seg) { this.sent.push("no vlan " + seg); return "ok"; }
  async plugPortToNetwork(port, seg) { this.sent.push("port " + port + " vlan " + seg); return "ok"; }
  async deletePort(port, seg) { this.sent.push("no port " + port + " vlan " + seg); return "ok"; }
  async plugBondToNetwork() {}
  async unplugBondFromNetwork() {}
  async addSubportsOnTrunk() {}
  async delSubportsOnTrunk() {}
}
`;

describe("workspace plugin (@ngs/device-fake through the host's package.json)", () => {
  it("discovers every first-party vendor from the manifests of the host's dependencies", () => {
    const plugins = discoverPlugins({ hostPackageJson: CLI_PACKAGE_JSON });
    const fake = plugins.find((p) => p.deviceType === "netmiko_fake")!;
    expect(fake).toMatchObject({ packageName: "@ngs/device-fake", subpath: "./fake", pluginApi: 1, source: "host" });
    expect(fake.packageDir).toBe(FAKE_DIR);
    // Other vendors come from the same manifests; @ngs/core and @ngs/switch-sim carry none.
    expect(plugins.map((p) => p.deviceType)).toEqual(expect.arrayContaining(["netmiko_cisco_ios", "netmiko_ovs_linux", "netmiko_juniper"]));
    expect(plugins.some((p) => p.packageName === "@ngs/core")).toBe(false);
  });

  it("loads the class, builds the device from an ini file and runs an operation", async () => {
    writeFiles(tmp, { "ws/ngs.conf": "[genericswitch:fake1]\ndevice_type = netmiko_fake\nngs_trunk_ports = uplink1\n" });
    const coordinator = new InProcessCoordinator();
    const devices = await getDevices({ configFiles: [join(tmp, "ws/ngs.conf")], hostPackageJson: CLI_PACKAGE_JSON, context: { coordinator } });
    const fake = devices.get("fake1")! as GenericSwitchDevice & { sentCommands: string[] };
    expect(fake).toBeInstanceOf(GenericSwitchDevice);
    expect(fake.constructor.name).toBe("FakeSwitch");
    await fake.addNetwork(42, "0f0e0d0c-0b0a-0908-0706-050403020100");
    expect(fake.sentCommands).toEqual(["add network 42", "add network 42 to trunk uplink1"]);
    await coordinator.close();
  });
});

describe("third-party plugin packed with pnpm pack and installed from the tarball", () => {
  let pluginDir: string;
  beforeAll(() => {
    const src = join(tmp, "acme-src");
    writeFiles(src, {
      "package.json": {
        name: "ngs-device-acme",
        version: "1.2.3",
        type: "module",
        keywords: ["ngs-device"],
        files: ["lib"],
        exports: { "./acme": { import: "./lib/acme.js" }, "./package.json": "./package.json" },
        ngs: { pluginApi: 1, devices: { acme_os: "./acme" } },
        peerDependencies: { "@ngs/core": ">=0.1.0" },
      },
      "lib/acme.js": ACME_JS,
    });
    const out = join(tmp, "tarballs");
    mkdirSync(out);
    execFileSync("pnpm", ["pack", "--pack-destination", out], { cwd: src, stdio: "pipe" });
    pluginDir = join(tmp, "plugins");
    // --legacy-peer-deps: npm would otherwise fetch the @ngs/core peer from the registry (offline: ENOTCACHED).
    execFileSync(
      "npm",
      ["install", "--prefix", pluginDir, "--offline", "--no-audit", "--no-fund", "--legacy-peer-deps", join(out, "ngs-device-acme-1.2.3.tgz")],
      { stdio: "pipe" },
    );
    // The peer dependency, satisfied by the host's own @ngs/core (what a host-provided peer is).
    mkdirSync(join(pluginDir, "node_modules/@ngs"), { recursive: true });
    symlinkSync(CORE_DIR, join(pluginDir, "node_modules/@ngs/core"), "dir");
  });

  it("finds it through the plugin dir's package.json, not by listing node_modules", () => {
    const plugins = discoverPlugins({ pluginDirs: [pluginDir] });
    expect(plugins).toEqual([
      {
        deviceType: "acme_os",
        packageName: "ngs-device-acme",
        version: "1.2.3",
        subpath: "./acme",
        packageDir: join(pluginDir, "node_modules/ngs-device-acme"),
        pluginApi: 1,
        source: "plugin-dir",
      },
    ]);
  });

  it("loads it through pluginDirs and the config's [ngs] plugin_dir", async () => {
    writeFiles(tmp, {
      "tp/ngs.conf": "[genericswitch:acme1]\ndevice_type = acme_os\nip = 192.0.2.1\nngs_acme_flavour = spicy\n",
      "tp2/ngs.conf": `[ngs]\nplugin_dir = ../plugins\n[genericswitch:acme2]\ndevice_type = acme_os\n`,
    });
    const devices = await getDevices({ configFiles: [join(tmp, "tp/ngs.conf")], pluginDirs: [pluginDir] });
    const acme = devices.get("acme1") as GenericSwitchDevice & { sent: string[] };
    expect(acme.constructor.name).toBe("AcmeSwitch");
    expect(acme.option("ngs_acme_flavour")).toBe("spicy");
    expect(acme.lockPrefix).toBe("192.0.2.1");
    await acme.plugPortToNetwork("xe-1", 7);
    expect(acme.sent).toEqual(["port xe-1 vlan 7"]);

    const viaConfig = await loadDevices({ configFiles: [join(tmp, "tp2/ngs.conf")] });
    expect(viaConfig.devices.get("acme2")!.constructor.name).toBe("AcmeSwitch");
    expect(viaConfig.config.global.pluginDirs).toEqual([pluginDir]);
  });

  it("the first-party and third-party plugins load side by side", async () => {
    writeFiles(tmp, { "mix/ngs.conf": "[genericswitch:a]\ndevice_type = acme_os\n[genericswitch:f]\ndevice_type = netmiko_fake\n" });
    const devices = await getDevices({ configFiles: [join(tmp, "mix/ngs.conf")], hostPackageJson: CLI_PACKAGE_JSON, pluginDirs: [pluginDir] });
    expect([...devices].map(([n, d]) => `${n}:${d.constructor.name}`)).toEqual(["a:AcmeSwitch", "f:FakeSwitch"]);
  });
});

describe("loader errors", () => {
  let host: string;
  let plugins: PluginEntry[];
  const good = (name: string, types: Record<string, string>, extra: Record<string, string | object> = {}) => ({
    [`node_modules/${name}/package.json`]: {
      name,
      version: "0.1.0",
      type: "module",
      exports: Object.fromEntries(Object.values(types).map((sub) => [sub, `${sub}.js`])),
      ngs: { pluginApi: 1, devices: types },
    },
    ...Object.fromEntries(Object.values(types).map((sub) => [`node_modules/${name}/${sub.slice(2)}.js`, ACME_JS])),
    ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [`node_modules/${name}/${k}`, v])),
  });

  beforeAll(() => {
    host = join(tmp, "host");
    writeFiles(host, {
      "package.json": {
        name: "my-host",
        private: true,
        dependencies: {
          "@ngs/core": "*",
          "ngs-device-one": "*",
          "ngs-device-two": "*",
          "ngs-device-dup": "*",
          "ngs-device-nodefault": "*",
          "ngs-device-shapeless": "*",
          "ngs-device-api2": "*",
          "ngs-device-classapi": "*",
          "ngs-device-throws": "*",
          "ngs-device-noexport": "*",
          "ngs-device-nofile": "*",
          "left-pad": "*",
          "ngs-device-not-installed": "*",
        },
      },
      ...good("ngs-device-one", { one_os: "./one", lazy_os: "./lazy" }, { "lazy.js": "throw new Error('lazy_os must never be imported');" }),
      ...good("ngs-device-two", { two_os: "./two" }),
      ...good("ngs-device-dup", { one_os: "./one" }),
      ...good("ngs-device-nodefault", { nodefault_os: "./x" }, { "x.js": "export const Device = 1;" }),
      ...good("ngs-device-shapeless", { shapeless_os: "./x", object_os: "./o" }, {
        "x.js": "export default class Half { async addNetwork() {} }",
        "o.js": "export default { addNetwork() {} };",
      }),
      ...good("ngs-device-api2", { api2_os: "./x" }, {
        "package.json": { name: "ngs-device-api2", version: "2.0.0", type: "module", exports: { "./x": "./x.js" }, ngs: { pluginApi: 2, devices: { api2_os: "./x" } } },
      }),
      ...good("ngs-device-classapi", { classapi_os: "./x" }, {
        "x.js": ACME_JS.replace("static extraOptions", "static pluginApi = 2; static extraOptions"),
      }),
      ...good("ngs-device-throws", { throws_os: "./x" }, { "x.js": "import 'no-such-module-anywhere';" }),
      ...good("ngs-device-noexport", { noexport_os: "./missing" }, {
        "package.json": { name: "ngs-device-noexport", version: "0.1.0", type: "module", exports: { "./other": "./other.js" }, ngs: { pluginApi: 1, devices: { noexport_os: "./missing" } } },
      }),
      ...good("ngs-device-nofile", { nofile_os: "./gone" }, {
        "package.json": { name: "ngs-device-nofile", version: "0.1.0", type: "module", exports: { "./gone": "./dist/gone.js" }, ngs: { pluginApi: 1, devices: { nofile_os: "./gone" } } },
      }),
      "node_modules/left-pad/package.json": { name: "left-pad", version: "1.3.0" },
    });
    // The host depends on @ngs/core, which the vendor modules import (their peer).
    mkdirSync(join(host, "node_modules/@ngs"), { recursive: true });
    symlinkSync(CORE_DIR, join(host, "node_modules/@ngs/core"), "dir");
    plugins = discoverPlugins({ hostPackageJson: join(host, "package.json") });
  });

  async function loadError(type: string): Promise<GenericSwitchEntrypointLoadError> {
    const e = await loadDeviceClass(type, plugins).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(GenericSwitchEntrypointLoadError);
    return e as GenericSwitchEntrypointLoadError;
  }

  it("skips ordinary dependencies and dependencies that are not installed", () => {
    expect(new Set(plugins.map((p) => p.packageName)).has("left-pad")).toBe(false);
    expect(plugins.some((p) => p.packageName === "ngs-device-not-installed")).toBe(false);
  });

  it("an unknown device type lists the known ones and their packages", async () => {
    const e = await loadError("netmiko_nope");
    expect(e.message).toMatch(/^Failed to load entrypoint netmiko_nope: unknown device type\. Known device types: /);
    expect(e.message).toContain("two_os (ngs-device-two)");
    expect(e.message).toContain("lazy_os (ngs-device-one)");
  });

  it("no plugins at all says how to install one", async () => {
    const e = await loadDeviceClass("netmiko_cisco_ios", []).catch((err: unknown) => err as Error);
    expect(e.message).toContain("no device plugins were found");
  });

  it("a type declared by two packages names both", async () => {
    const e = await loadError("one_os");
    expect(e.message).toContain("declared by more than one package");
    expect(e.message).toContain(`ngs-device-one@0.1.0 (${join(host, "node_modules/ngs-device-one")})`);
    expect(e.message).toContain(`ngs-device-dup@0.1.0 (${join(host, "node_modules/ngs-device-dup")})`);
  });

  it("a missing export: not in the exports map, file missing, or no default export", async () => {
    expect((await loadError("noexport_os")).message).toBe(
      'Failed to load entrypoint noexport_os = ngs-device-noexport@0.1.0/missing: missing export: "exports" has no entry for ./missing (exported: ./other)',
    );
    expect((await loadError("nofile_os")).message).toContain(`missing export: the file ${join(host, "node_modules/ngs-device-nofile/dist/gone.js")} does not exist`);
    expect((await loadError("nodefault_os")).message).toContain("has no default export");
  });

  it("a wrong shape: a class without the operations, or not a class", async () => {
    expect((await loadError("shapeless_os")).message).toContain(
      "wrong shape: class Half lacks delNetwork, plugPortToNetwork, deletePort, plugBondToNetwork, unplugBondFromNetwork, addSubportsOnTrunk, delSubportsOnTrunk",
    );
    expect((await loadError("object_os")).message).toContain("wrong shape: the default export is a object");
  });

  it("a pluginApi mismatch, in the manifest or on the class", async () => {
    expect((await loadError("api2_os")).message).toBe(
      "Failed to load entrypoint api2_os = ngs-device-api2@2.0.0/x: the package declares plugin API 2, this host implements 1. Install a version of ngs-device-api2 made for this ngs",
    );
    expect((await loadError("classapi_os")).message).toContain("the class implements plugin API 2, this host implements 1");
  });

  it("a module that fails to import names the entry point and chains the cause", async () => {
    const e = await loadError("throws_os");
    expect(e.message).toContain("Failed to load entrypoint throws_os = ngs-device-throws@0.1.0/x: importing");
    expect(e.message).toContain("no-such-module-anywhere");
    expect(e.cause).toBeInstanceOf(Error);
  });

  it("imports only the device types the config uses", async () => {
    writeFiles(tmp, { "only/ngs.conf": "[genericswitch:t]\ndevice_type = two_os\n" });
    const devices = await getDevices({ configFiles: [join(tmp, "only/ngs.conf")], hostPackageJson: join(host, "package.json") });
    expect(devices.get("t")!.constructor.name).toBe("AcmeSwitch");
    // lazy_os's module throws on import; using it proves the point above by contrast.
    writeFiles(tmp, { "lazy/ngs.conf": "[genericswitch:l]\ndevice_type = lazy_os\n" });
    await expect(getDevices({ configFiles: [join(tmp, "lazy/ngs.conf")], hostPackageJson: join(host, "package.json") })).rejects.toThrow(
      "lazy_os must never be imported",
    );
  });

  it("[ngs] plugins restricts discovery to the named packages; a named package that is missing is an error", async () => {
    writeFiles(tmp, {
      "explicit/ngs.conf": "[ngs]\nplugins = ngs-device-two\n[genericswitch:t]\ndevice_type = two_os\n",
      "explicit-missing/ngs.conf": "[ngs]\nplugins = ngs-device-ghost\n[genericswitch:t]\ndevice_type = two_os\n",
    });
    const r = await loadDevices({ configFiles: [join(tmp, "explicit/ngs.conf")], hostPackageJson: join(host, "package.json") });
    expect(r.plugins.map((p) => p.packageName)).toEqual(["ngs-device-two"]);
    await expect(loadDevices({ configFiles: [join(tmp, "explicit-missing/ngs.conf")], hostPackageJson: join(host, "package.json") })).rejects.toThrow(
      /Failed to load entrypoint ngs-device-ghost: plugin package ngs-device-ghost is declared but not installed/,
    );
  });

  it("a malformed manifest is reported with its file", () => {
    const dir = join(tmp, "badmanifest");
    writeFiles(dir, {
      "package.json": { dependencies: { "ngs-device-bad": "*" } },
      "node_modules/ngs-device-bad/package.json": { name: "ngs-device-bad", ngs: { pluginApi: 1, devices: { bad_os: "lib/bad.js" } } },
    });
    expect(() => discoverPlugins({ hostPackageJson: join(dir, "package.json") })).toThrow(
      `Failed to load entrypoint ngs-device-bad: "ngs.devices.bad_os" must be an export subpath such as "./bad_os" (${join(dir, "node_modules/ngs-device-bad/package.json")})`,
    );
  });

  it("several bad switches are reported together", async () => {
    writeFiles(tmp, { "many/ngs.conf": "[genericswitch:a]\ndevice_type = nope_a\n[genericswitch:b]\ndevice_type = two_os\n[genericswitch:c]\ndevice_type = nope_c\n" });
    const e = await getDevices({ configFiles: [join(tmp, "many/ngs.conf")], hostPackageJson: join(host, "package.json") }).catch((err: unknown) => err as Error);
    expect(e.message.split("\n").slice(0, 3)).toEqual([
      "2 switches could not be loaded:",
      expect.stringContaining("[genericswitch:a] Failed to load entrypoint nope_a: unknown device type"),
      expect.stringContaining("[genericswitch:c] Failed to load entrypoint nope_c: unknown device type"),
    ]);
  });
});

describe("resolveExport", () => {
  it("follows strings, condition objects, arrays and * patterns, and stays inside the package", () => {
    const dir = join(tmp, "exp");
    writeFiles(dir, { "a.js": "", "b.mjs": "", "lib/v/ios.js": "", "index.js": "" });
    expect(resolveExport(dir, "./index.js", ".")).toEqual({ file: join(dir, "index.js") });
    expect(resolveExport(dir, { import: "./a.js", require: "./nope.cjs" }, ".")).toEqual({ file: join(dir, "a.js") });
    expect(resolveExport(dir, { "./x": { types: "./x.d.ts", node: { import: "./b.mjs" } } }, "./x")).toEqual({ file: join(dir, "b.mjs") });
    expect(resolveExport(dir, { "./x": [{ require: "./c.cjs" }, "./a.js"] }, "./x")).toEqual({ file: join(dir, "a.js") });
    expect(resolveExport(dir, { "./vendors/*": "./lib/v/*.js" }, "./vendors/ios")).toEqual({ file: join(dir, "lib/v/ios.js") });
    expect(resolveExport(dir, { "./x": "./../../etc/passwd" }, "./x")).toMatchObject({ error: expect.stringContaining("outside the package") });
    expect(resolveExport(dir, { "./x": { require: "./a.js" } }, "./x")).toEqual({ error: '"exports" entry for ./x has no "import" or "default" target' });
    expect(resolveExport(dir, undefined, "./a")).toEqual({ file: join(dir, "a.js") });
  });
});

/**
 * Installing ngs like an operator, from a real private registry with real npm:
 * one verdaccio for the file, every package published once with the release
 * commands (CONTRIBUTING.md), then installs into fresh temporary npm prefixes
 * sharing one fresh npm cache. Each `it` is one of the README's install paths.
 */
import { execFile, spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRegistry, type Registry } from "./registry.js";
import { REPO, cleanEnv, releaseCopy, workspacePackages } from "./release.js";
import { NET } from "@ngs/test-utils";

const execFileP = promisify(execFile);
const MINUTES = 60_000;

let tmp: string;
let registry: Registry;
let released: string;

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run a command with only our npm settings; never throws, resolves to exit code and output. */
function sh(cmd: string, args: readonly string[], opts: { cwd?: string; prefix?: string } = {}): Promise<Result> {
  const env = cleanEnv({
    npm_config_registry: registry.url,
    npm_config_cache: join(tmp, "npm-cache"),
    npm_config_userconfig: join(tmp, "npmrc"),
    // The cache starts empty with this file and every package is published before the first install,
    // so cached registry answers are current: do not revalidate each one.
    npm_config_prefer_offline: "true",
    ...(opts.prefix ? { npm_config_prefix: opts.prefix, PATH: `${join(opts.prefix, "bin")}:${process.env.PATH ?? ""}` } : {}),
  });
  return new Promise((resolve) => {
    execFile(cmd, [...args], { cwd: opts.cwd ?? tmp, env, maxBuffer: 64 << 20, timeout: 5 * MINUTES }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === "number" ? ((err as { code: number }).code) : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

async function ok(cmd: string, args: readonly string[], opts: { cwd?: string; prefix?: string } = {}): Promise<Result> {
  const r = await sh(cmd, args, opts);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(" ")} exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** A fresh global prefix. */
function prefix(name: string): string {
  const p = join(tmp, name);
  mkdirSync(p);
  return p;
}

const ngs = (p: string, args: readonly string[]) => sh(join(p, "bin", "ngs"), args, { prefix: p });

function writeIni(name: string, text: string): string {
  const f = join(tmp, name);
  writeFileSync(f, text);
  return f;
}

/** Device types by package, from the repository's own vendor manifests. */
const vendorTypes = (pkg?: string) =>
  workspacePackages()
    .filter((p) => p.dir.includes("/packages/devices/") && (pkg === undefined || p.manifest.name === pkg))
    .flatMap((p) => Object.keys(p.manifest.ngs?.devices ?? {}))
    .sort();

const listed = async (p: string, args: readonly string[] = []) => {
  const r = await ngs(p, ["plugins", "list", "--json", ...args]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { device_type: string; package: string; source: string }[];
};

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "ngs-release-"));
  registry = await startRegistry(join(tmp, "registry"));
  writeFileSync(join(tmp, "npmrc"), `//${new URL(registry.url).host}/:_authToken=${registry.token}\n`);
  released = await releaseCopy(tmp, registry.url);
}, 10 * MINUTES);

afterAll(async () => {
  await registry?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
}, 5 * MINUTES);

describe.sequential("installing from a registry", () => {
  it("the release published every publishable package, with a CHANGELOG.md from the changesets", async () => {
    for (const p of workspacePackages(released).filter((w) => !w.manifest.private)) {
      const r = await ok("npm", ["view", `${p.manifest.name}@${p.manifest.version}`, "version"]);
      expect(r.stdout.trim(), p.manifest.name).toBe(p.manifest.version);
    }
    expect(readFileSync(join(released, "packages/core/CHANGELOG.md"), "utf8")).toMatch(/^# @ngs\/core\n\n## \d+\.\d+\.\d+/);
  });

  it("npm install -g @ngs/cli @ngs/device-cisco: Cisco types only; a dry run works; Juniper, the demo and the simulator name the npm line to run", async () => {
    const p = prefix("cisco");
    await ok("npm", ["install", "-g", "@ngs/cli", "@ngs/device-cisco"], { prefix: p });

    const rows = await listed(p);
    expect(rows.map((r) => r.device_type).sort()).toEqual(vendorTypes("@ngs/device-cisco"));
    expect(new Set(rows.map((r) => r.package))).toEqual(new Set(["@ngs/device-cisco"]));

    const cisco = writeIni("cisco.ini", "[genericswitch:leaf1]\ndevice_type = netmiko_cisco_ios\nip = 192.0.2.10\nusername = ngs\npassword = pw\n");
    const plug = await ngs(p, ["--config-file", cisco, "port", "plug", "leaf1", "GigabitEthernet1/0/7", "100", "--dry-run"]);
    expect(plug.code, plug.stderr).toBe(0);
    expect(JSON.parse(plug.stdout)).toMatchObject({ switch: "leaf1", device_type: "netmiko_cisco_ios", commands: expect.arrayContaining(["switchport access vlan 100"]) });

    const juniper = writeIni("juniper.ini", "[genericswitch:leaf2]\ndevice_type = netmiko_juniper\nip = 192.0.2.11\nusername = ngs\npassword = pw\n");
    const jr = await ngs(p, ["--config-file", juniper, "port", "plug", "leaf2", "xe-0/0/1", "100", "--dry-run"]);
    expect(jr.code).toBe(2);
    expect(jr.stderr).toContain("netmiko_juniper");
    expect(jr.stderr).toContain("provided by @ngs/device-juniper, which is not installed; install it: npm install -g @ngs/device-juniper");

    const sim = await ngs(p, ["sim", "--config-file", cisco]);
    expect(sim.code).toBe(2);
    expect(sim.stderr).toContain("\n  npm install -g @ngs/switch-sim\n");

    const demo = await ngs(p, ["demo"]);
    expect(demo.code).toBe(2);
    const line = /^ {2}(npm install -g .*)$/m.exec(demo.stderr)?.[1];
    expect(line).toBe("npm install -g @ngs/switch-sim @ngs/device-arista @ngs/device-juniper @ngs/device-openconfig");

    // The printed line, run as printed, is all the demo needs.
    const [cmd, ...args] = line!.split(" ");
    await ok(cmd!, args, { prefix: p });
    const ran = await ngs(p, ["demo"]);
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toContain("ngs demo: done");
  }, 10 * MINUTES);

  it("npm install -g @ngs/all-devices @ngs/cli: every device type listed and loadable", async () => {
    const p = prefix("all");
    await ok("npm", ["install", "-g", "@ngs/all-devices", "@ngs/cli"], { prefix: p });
    expect((await listed(p)).map((r) => r.device_type).sort()).toEqual(vendorTypes());
    const check = await ngs(p, ["plugins", "check"]);
    expect(check.code, check.stdout).toBe(0);
    expect(check.stdout.trim().split("\n")).toHaveLength(vendorTypes().length);
  }, 10 * MINUTES);

  it("a third-party plugin installed with plain npm install --prefix: listed, checked, and plugged against @ngs/switch-sim from the registry", async () => {
    const host = join(tmp, "cisco"); // the host installed above: @ngs/cli with its own @ngs/core
    const src = join(tmp, "acme-src");
    // The same third-party package the core loader test installs offline, here published and installed from the registry.
    cpSync(join(REPO, "packages/core/test/fixtures/third-party"), src, { recursive: true });
    await ok("npm", ["publish"], { cwd: src });

    const pluginDir = join(tmp, "plugins");
    await ok("npm", ["install", "--prefix", pluginDir, "ngs-device-acme"]);

    // The simulator, from the registry, in a project of its own; it prints its state when stopped.
    const simDir = join(tmp, "sim");
    mkdirSync(simDir);
    writeFileSync(join(simDir, "package.json"), '{"name":"sim","private":true,"type":"module"}');
    await ok("npm", ["install", "@ngs/switch-sim"], { cwd: simDir });
    writeFileSync(
      join(simDir, "sim.js"),
      `import { startSwitch } from "@ngs/switch-sim";
const sim = await startSwitch({ platform: "cisco_ios", username: "acme", password: "acme-pw", secret: "acme-en", ports: ["Gi0/1", "Gi0/2"] });
console.log(JSON.stringify({ port: sim.port }));
process.once("SIGTERM", async () => {
  const state = { ports: Object.fromEntries(sim.state.ports), vlans: Object.fromEntries(sim.state.vlans), log: sim.commandLog };
  await sim.close();
  console.log(JSON.stringify(state));
});
`,
    );
    const child = spawn(process.execPath, ["sim.js"], { cwd: simDir, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    try {
      await expect.poll(() => /"port":(\d+)/.exec(out)?.[1], { timeout: 30_000 }).toBeDefined();
      const port = /"port":(\d+)/.exec(out)![1];
      const ini = writeIni(
        "acme.ini",
        `[genericswitch:acme1]\ndevice_type = acme_switch\nip = 127.0.0.1\nport = ${port}\nusername = acme\npassword = acme-pw\nsecret = acme-en\n\n[ngs]\nplugin_dir = ${pluginDir}\n`,
      );
      const rows = await listed(host, ["--config-file", ini]);
      expect(rows).toContainEqual(expect.objectContaining({ device_type: "acme_switch", package: "ngs-device-acme", source: "plugin-dir" }));
      expect(rows).toContainEqual(expect.objectContaining({ device_type: "netmiko_cisco_ios", source: "host" }));

      const check = await ngs(host, ["plugins", "check", "--config-file", ini]);
      expect(check.code, check.stdout).toBe(0);
      expect(check.stdout).toContain("acme_switch (ngs-device-acme@1.0.0): ok");

      for (const args of [["network", "add", "acme1", "33", NET], ["port", "plug", "acme1", "Gi0/1", "33"]]) {
        const r = await ngs(host, ["--config-file", ini, ...args]);
        expect(r.code, r.stderr).toBe(0);
      }
      // The plugin's CliSwitch comes from its own copy of @ngs/core; its errors still map to exit 2.
      const bad = await ngs(host, ["--config-file", ini, "port", "plug", "acme1", "Gi0/2;reload", "33"]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain("Gi0/2;reload");
    } finally {
      child.kill("SIGTERM");
      await exited;
    }
    const state = JSON.parse(out.trim().split("\n").pop()!) as { ports: Record<string, { mode: string; accessVlan: number }>; vlans: Record<string, { name: string }>; log: string[] };
    expect(state.vlans["33"]?.name).toBe("acme-33");
    expect(state.ports["Gi0/1"]).toMatchObject({ mode: "access", accessVlan: 33 });
    expect(state.log.join("\n")).not.toContain("reload");
  }, 10 * MINUTES);

  it("embedding: npm install @ngs/core @ngs/device-cisco @ngs/switch-sim, and the README's example runs unchanged", async () => {
    const readme = readFileSync(join(REPO, "README.md"), "utf8");
    const example = /### Embedding ngs in a program[\s\S]*?```js\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example, "README.md has an embedding example").toBeDefined();
    const dir = join(tmp, "embed");
    mkdirSync(dir);
    writeFileSync(join(dir, "package.json"), '{"name":"embed","private":true,"type":"module"}');
    await ok("npm", ["install", "@ngs/core", "@ngs/device-cisco", "@ngs/switch-sim"], { cwd: dir });
    writeFileSync(join(dir, "example.js"), example!);
    const r = await execFileP(process.execPath, ["example.js"], { cwd: dir, timeout: 2 * MINUTES });
    expect(r.stdout).toContain("leaf1 GigabitEthernet1/0/7: access VLAN 100");
  }, 10 * MINUTES);
});

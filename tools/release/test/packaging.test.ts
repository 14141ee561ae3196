/**
 * Every publishable package as it would be published: packed with pnpm (which
 * rewrites `workspace:` ranges), then each tarball linted with publint
 * (strict: warnings fail too) and checked against the project's own rules
 * for a published manifest.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { unpack, type TarballFile } from "@publint/pack";
import { init, parse } from "es-module-lexer";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import semver from "semver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIRST_PARTY_DEVICE_PACKAGES } from "@ngs/core";
import { publishable, workspacePackages } from "./release.js";

const run = promisify(execFile);
const PACKAGES = publishable();
/** Driver hosts: they find vendors where the operator installed them, so they depend on none (nor on the simulator). */
const HOSTS = ["@ngs/cli", "@ngs/server"];

interface Packed {
  name: string;
  tarball: ArrayBuffer;
  files: TarballFile[];
  rootDir: string;
  manifest: Record<string, unknown> & {
    name: string;
    version: string;
    exports?: Record<string, unknown>;
    bin?: Record<string, string>;
    dependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
    peerDependenciesMeta?: Record<string, { optional?: boolean }>;
    keywords?: string[];
    ngs?: { devices?: Record<string, string>; collection?: boolean };
  };
}

let tmp: string;
const packed = new Map<string, Packed>();

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "ngs-pack-"));
  await init;
  for (const p of PACKAGES) {
    const dest = join(tmp, p.manifest.name.replace("/", "+"));
    await run("pnpm", ["pack", "--pack-destination", dest], { cwd: p.dir });
    const file = join(dest, readdirSync(dest).find((f) => f.endsWith(".tgz"))!);
    const buf = readFileSync(file);
    const tarball = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
    const { files, rootDir } = await unpack(tarball);
    const manifest = JSON.parse(text(files, `${rootDir}/package.json`)) as Packed["manifest"];
    packed.set(p.manifest.name, { name: p.manifest.name, tarball, files, rootDir, manifest });
  }
}, 300_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

function text(files: TarballFile[], name: string): string {
  const f = files.find((x) => x.name === name);
  if (!f) throw new Error(`${name} is not in the tarball`);
  return new TextDecoder().decode(f.data);
}

/** Package names a tarball's JavaScript imports (static and literal dynamic imports). */
function importedPackages(p: Packed): Set<string> {
  const names = new Set<string>();
  for (const f of p.files.filter((x) => x.name.endsWith(".js"))) {
    const [imports] = parse(new TextDecoder().decode(f.data));
    for (const i of imports) {
      const spec = i.n;
      if (!spec || spec.startsWith(".") || spec.startsWith("node:") || spec.startsWith("/")) continue;
      const parts = spec.split("/");
      names.add(spec.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!);
    }
  }
  return names;
}

const isPlugin = (p: Packed) => p.manifest.ngs?.devices !== undefined;

describe.each(PACKAGES.map((p) => p.manifest.name))("%s, packed", (name) => {
  it("passes publint (strict)", async () => {
    const p = packed.get(name)!;
    const { messages, pkg } = await publint({ pack: { tarball: p.tarball }, level: "suggestion", strict: true });
    expect(messages.map((m) => formatMessage(m, pkg))).toEqual([]);
  });

  it("has the manifest fields a registry install needs, and no workspace: range", () => {
    const { manifest: m, files, rootDir } = packed.get(name)!;
    for (const field of ["name", "version", "description", "license", "repository", "keywords", "engines", "files", "exports"]) {
      expect(m[field], `${name}: ${field}`).toBeTruthy();
    }
    expect(m.repository).toMatchObject({ type: "git", url: expect.stringMatching(/^git\+https:/), directory: expect.any(String) });
    expect(JSON.stringify(m)).not.toContain("workspace:");
    // Types first in every condition object, and every JS entry has types.
    for (const [sub, entry] of Object.entries(m.exports ?? {})) {
      if (typeof entry !== "object" || entry === null) continue;
      expect(Object.keys(entry)[0], `${name} exports["${sub}"]`).toBe("types");
    }
    for (const [bin, target] of Object.entries(m.bin ?? {})) {
      expect(text(files, `${rootDir}/${target.replace(/^\.\//, "")}`).startsWith("#!/usr/bin/env node"), `${name} bin ${bin}`).toBe(true);
    }
  });

  it("imports every dependency it declares", () => {
    const p = packed.get(name)!;
    if (p.manifest.ngs?.collection) return; // a collection's dependencies are the plugins it stands for
    const used = importedPackages(p);
    // A host also brings what its libraries leave to it: an optional peer of a
    // package it depends on (etcd3 for @ngs/core's coordination) counts as used.
    for (const dep of Object.keys(p.manifest.dependencies ?? {})) {
      const lib = packed.get(dep)?.manifest;
      for (const [peer, meta] of Object.entries(lib?.peerDependenciesMeta ?? {})) {
        if (meta.optional && used.has(dep)) used.add(peer);
      }
    }
    const unused = Object.keys(p.manifest.dependencies ?? {}).filter((d) => !used.has(d));
    expect(unused, `${name}: dependencies never imported`).toEqual([]);
  });
});

describe("plugin and host packages", () => {
  it("every vendor plugin has the ngs-device keyword and a peer range on @ngs/core that today's and the next minor core satisfy", () => {
    const core = packed.get("@ngs/core")!.manifest.version;
    const plugins = [...packed.values()].filter(isPlugin);
    expect(plugins.length).toBeGreaterThan(0);
    for (const p of plugins) {
      expect(p.manifest.keywords, p.name).toContain("ngs-device");
      const range = p.manifest.peerDependencies?.["@ngs/core"];
      expect(range, `${p.name} peer-depends on @ngs/core`).toBeDefined();
      expect(p.manifest.dependencies?.["@ngs/core"], `${p.name}: @ngs/core only as a peer`).toBeUndefined();
      expect(semver.satisfies(core, range!), `${p.name}: ${range} vs ${core}`).toBe(true);
      expect(semver.satisfies(semver.inc(core, "minor")!, range!), `${p.name}: ${range} vs the next minor`).toBe(true);
    }
  });

  it("hosts depend on no vendor package and not on the simulator", () => {
    const hosts = HOSTS.filter((h) => packed.has(h));
    expect(hosts).toContain("@ngs/cli");
    const forbidden = new Set(["@ngs/switch-sim", "@ngs/all-devices", ...[...packed.values()].filter(isPlugin).map((p) => p.name)]);
    for (const h of hosts) {
      const deps = Object.keys({ ...packed.get(h)!.manifest.dependencies, ...(packed.get(h)!.manifest.optionalDependencies as object) });
      expect(deps.filter((d) => forbidden.has(d)), h).toEqual([]);
    }
  });

  it("etcd3 is an optional peer of core that every host brings, and no plugin installs it", () => {
    const core = packed.get("@ngs/core")!.manifest;
    const range = core.peerDependencies?.etcd3;
    expect(range, "@ngs/core peer-depends on etcd3").toBeDefined();
    expect(core.peerDependenciesMeta?.etcd3?.optional, "@ngs/core: etcd3 is an optional peer").toBe(true);
    expect(core.dependencies?.etcd3, "@ngs/core: etcd3 only as a peer").toBeUndefined();
    for (const h of HOSTS.filter((x) => packed.has(x))) {
      const pinned = packed.get(h)!.manifest.dependencies?.etcd3;
      expect(pinned, `${h} depends on etcd3`).toBeDefined();
      expect(semver.satisfies(semver.minVersion(pinned!)!, range!), `${h}: etcd3 ${pinned} vs core's ${range}`).toBe(true);
    }
    for (const p of [...packed.values()].filter(isPlugin)) {
      expect(Object.keys({ ...p.manifest.dependencies, ...p.manifest.peerDependencies }), p.name).not.toContain("etcd3");
    }
  });

  it("@ngs/all-devices depends on every first-party vendor package, and core's package hints match their manifests", () => {
    const vendors = workspacePackages().filter((p) => p.dir.includes("/packages/devices/"));
    const all = packed.get("@ngs/all-devices")!.manifest;
    expect(all.ngs).toEqual({ collection: true });
    expect(Object.keys(all.dependencies ?? {}).sort()).toEqual(vendors.map((v) => v.manifest.name).sort());
    const fromManifests = Object.fromEntries(vendors.flatMap((v) => Object.keys(v.manifest.ngs?.devices ?? {}).map((t) => [t, v.manifest.name])));
    expect({ ...FIRST_PARTY_DEVICE_PACKAGES }).toEqual(fromManifests);
  });
});

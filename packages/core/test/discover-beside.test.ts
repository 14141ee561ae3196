/**
 * "Installed beside the host": the package trees npm and pnpm make, built on
 * disk as manifests only (nothing is imported), and what discovery finds there.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { discoverPlugins, findEntry, installCommand, installRoot } from "@ngs/core";

const tmp = realpathSync(mkdtempSync(join(tmpdir(), "ngs-beside-")));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function pkg(dir: string, manifest: object): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify(manifest));
  return join(dir, "package.json");
}
const plugin = (name: string, type: string) => ({ name, version: "1.0.0", ngs: { pluginApi: 1, devices: { [type]: "./x" } } });
const types = (host: string) => discoverPlugins({ hostPackageJson: host }).map((p) => p.deviceType).sort();

describe("a host in npm's global prefix (no package.json above node_modules)", () => {
  const lib = join(tmp, "prefix", "lib", "node_modules");
  const host = pkg(join(lib, "@ngs", "cli"), { name: "@ngs/cli", version: "1.0.0", dependencies: { "@ngs/core": "^1" } });
  pkg(join(lib, "@acme", "ngs-device-x"), plugin("@acme/ngs-device-x", "x_switch"));
  pkg(join(lib, "left-pad"), { name: "left-pad", version: "1.0.0" });
  pkg(join(lib, "bundle"), { name: "bundle", version: "1.0.0", ngs: { collection: true }, dependencies: { "ngs-device-y": "^1" } });
  pkg(join(lib, "bundle", "node_modules", "ngs-device-y"), plugin("ngs-device-y", "y_switch"));
  // Not top level: a dependency of another package is not an operator's install.
  pkg(join(lib, "left-pad", "node_modules", "ngs-device-nested"), plugin("ngs-device-nested", "nested_switch"));

  it("reads the top-level packages by their ngs field, and a collection's dependencies", () => {
    expect(installRoot(host)).toMatchObject({ kind: "global", prefix: join(tmp, "prefix") });
    expect(types(host)).toEqual(["x_switch", "y_switch"]);
  });

  it("names npm install -g, with --prefix when npm's default prefix is elsewhere", () => {
    vi.stubEnv("npm_config_prefix", join(tmp, "prefix"));
    expect(installCommand(["@ngs/device-juniper"], { hostPackageJson: host })).toBe("npm install -g @ngs/device-juniper");
    vi.stubEnv("npm_config_prefix", join(tmp, "elsewhere"));
    expect(installCommand(["a", "b"], { hostPackageJson: host })).toBe(`npm install -g --prefix ${join(tmp, "prefix")} a b`);
    vi.unstubAllEnvs();
  });

  it("an unknown upstream device type names its package and that line", () => {
    vi.stubEnv("npm_config_prefix", join(tmp, "prefix"));
    const plugins = discoverPlugins({ hostPackageJson: host });
    expect(() => findEntry("netmiko_juniper", plugins, { installHint: (p) => installCommand(p, { hostPackageJson: host }) })).toThrow(
      "It is provided by @ngs/device-juniper, which is not installed; install it: npm install -g @ngs/device-juniper",
    );
    vi.unstubAllEnvs();
  });
});

describe("a host installed into a project", () => {
  it("reads the project's declared dependencies, not whatever else node_modules holds", () => {
    const proj = join(tmp, "proj");
    pkg(proj, { name: "proj", dependencies: { "@ngs/cli": "^1", "ngs-device-z": "^1" } });
    const host = pkg(join(proj, "node_modules", "@ngs", "cli"), { name: "@ngs/cli", version: "1.0.0" });
    pkg(join(proj, "node_modules", "ngs-device-z"), plugin("ngs-device-z", "z_switch"));
    pkg(join(proj, "node_modules", "ngs-device-stray"), plugin("ngs-device-stray", "stray_switch"));
    expect(installRoot(host)).toMatchObject({ kind: "project", dir: proj });
    expect(types(host)).toEqual(["z_switch"]);
    expect(installCommand(["ngs-device-q"], { hostPackageJson: host })).toBe(`npm install --prefix ${proj} ngs-device-q`);
  });

  it("finds the project root from pnpm's node_modules/.pnpm layout too", () => {
    const proj = join(tmp, "pnpm-proj");
    pkg(proj, { name: "pp", dependencies: { "ngs-device-z": "^1" } });
    const host = pkg(join(proj, "node_modules", ".pnpm", "@ngs+cli@1.0.0", "node_modules", "@ngs", "cli"), { name: "@ngs/cli", version: "1.0.0" });
    pkg(join(proj, "node_modules", "ngs-device-z"), plugin("ngs-device-z", "z_switch"));
    expect(installRoot(host).dir).toBe(proj);
    expect(types(host)).toEqual(["z_switch"]);
  });
});

describe("a host run from its source checkout", () => {
  it("is its own root: its devDependencies count", () => {
    const src = join(tmp, "src", "cli");
    const host = pkg(src, { name: "@ngs/cli", version: "1.0.0", devDependencies: { "ngs-device-w": "*" } });
    pkg(join(src, "node_modules", "ngs-device-w"), plugin("ngs-device-w", "w_switch"));
    expect(installRoot(host)).toMatchObject({ kind: "source", dir: dirname(host) });
    expect(types(host)).toEqual(["w_switch"]);
  });
});

// The device type → platform map comes from the plugins, and `ngs plugins check`
// refuses a plugin whose platform is missing or not a platform-kit Platform.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discoverPlugins, loadDevicePlatform, platformProblems } from "@ngs/core";
import { platforms as simModels } from "@ngs/switch-sim";
import { ngs } from "./run-ngs.js";

const HOST_PACKAGE_JSON = fileURLToPath(new URL("../package.json", import.meta.url));
const CORE_DIR = fileURLToPath(new URL("../../core", import.meta.url));

describe("device type → platform, from the plugin manifests", () => {
  const plugins = discoverPlugins({ hostPackageJson: HOST_PACKAGE_JSON });

  it("every first-party device type's class declares a valid platform the simulator models", async () => {
    const expected: Record<string, string> = {
      netmiko_cisco_ios: "cisco_ios",
      netmiko_cumulus_nvue: "cumulus_nvue",
      netmiko_dell_enterprise_sonic: "sonic",
      netmiko_hpe_comware: "hp_comware",
      netmiko_ruijie: "ruijie_os",
      netmiko_fake: "fake",
      netmiko_juniper: "juniper",
    };
    const types = [...new Set(plugins.map((p) => p.deviceType))].filter((t) => t.startsWith("netmiko_"));
    expect(types).toHaveLength(25);
    for (const type of types) {
      const platform = await loadDevicePlatform(type, plugins);
      expect(platformProblems(platform), type).toEqual([]);
      expect(simModels, type).toContain(platform.name);
      if (expected[type]) expect(platform.name, type).toBe(expected[type]);
    }
  });

  it("an unknown device type is an error naming the known ones", async () => {
    await expect(loadDevicePlatform("netmiko_nope", plugins)).rejects.toThrow(/netmiko_nope.*unknown device type.*netmiko_cisco_ios/);
  });
});

describe("ngs plugins check and the plugin's platform", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "ngs-plugin-platform-"));
    const pkg = join(dir, "node_modules", "ngs-device-badplat");
    mkdirSync(pkg, { recursive: true });
    mkdirSync(join(dir, "node_modules", "@ngs"), { recursive: true });
    // The host's @ngs/core, as a peer dependency resolves it.
    symlinkSync(CORE_DIR, join(dir, "node_modules", "@ngs", "core"), "dir");
    writeFileSync(join(dir, "package.json"), JSON.stringify({ dependencies: { "ngs-device-badplat": "1.0.0" } }));
    writeFileSync(
      join(pkg, "package.json"),
      JSON.stringify({
        name: "ngs-device-badplat",
        version: "1.0.0",
        type: "module",
        exports: { "./handmade": "./handmade.js", "./named": "./named.js", "./none": "./none.js" },
        peerDependencies: { "@ngs/core": "*" },
        ngs: { pluginApi: 1, devices: { badplat_handmade: "./handmade", badplat_named: "./named", badplat_none: "./none" } },
      }),
    );
    const cls = (platform: string) => `import { CliSwitch } from "@ngs/core";
export default class Bad extends CliSwitch {
  static platform = ${platform};
  static commands = { ADD_NETWORK: ["vlan {segmentation_id}"] };
}
`;
    // Hand-made (no builder), a prompt given as a string, no error patterns.
    writeFileSync(join(pkg, "handmade.js"), cls(`{ name: "bad_os", promptPattern: "#", sessionPreparation: [], returnChar: "\\n", errorPatterns: [], logout: [] }`));
    writeFileSync(join(pkg, "named.js"), cls(`"nowhere_os"`));
    writeFileSync(join(pkg, "none.js"), cls(`""`));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("fails with exit 1, naming the plugin, the device type and what is wrong; the good plugins stay ok", async () => {
    const r = await ngs(["plugins", "check", "--plugin-dir", dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^netmiko_cisco_ios \(@ngs\/device-cisco@[\d.]+\): ok$/m);
    const line = (type: string) => r.stderr.split("\n").find((l) => l.includes(`device type ${type} of ngs-device-badplat@1.0.0`)) ?? "";
    expect(line("badplat_handmade")).toContain("was not built with a platform-kit builder (iosLike, junosLike, vrpLike, linuxShell, srlLike, singleModeCli)");
    expect(line("badplat_handmade")).toContain("promptPattern must be a RegExp");
    expect(line("badplat_handmade")).toContain("errorPatterns must list at least one RegExp");
    expect(line("badplat_named")).toContain('names platform "nowhere_os", which no loaded package builds');
    expect(line("badplat_none")).toContain("declares no platform");
    expect(r.stdout).not.toMatch(/badplat_\w+ .*: ok/);
  });

  it("--json reports each failure as a result", async () => {
    const r = await ngs(["plugins", "check", "--json", "--plugin-dir", dir]);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { ok: boolean; results: { device_type: string; status: string; error?: { message: string } }[] };
    expect(doc.ok).toBe(false);
    const bad = doc.results.filter((x) => x.device_type.startsWith("badplat_"));
    expect(bad.map((x) => x.status)).toEqual(["failed", "failed", "failed"]);
    expect(bad[0]!.error!.message).toContain("device type badplat_handmade of ngs-device-badplat@1.0.0: its platform");
  });
});

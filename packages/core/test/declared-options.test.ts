/**
 * Declared vendor options (`static options = { key: parser() }`): the parsers'
 * rules and wording, the typed values a class reads, and a bad value reported
 * when the config loads with its file, section, key and line.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { problemsOf, QuietDevice } from "./helpers.js";
import {
  asn,
  bool,
  checkConfig,
  GenericSwitchConfigException,
  int,
  list,
  loadCheckedConfig,
  oneOf,
  parseDeclaredOptions,
  seconds,
  str,
  type DeviceConfig,
  type OptionValues,
} from "@ngs/core";

const CORE_DIR = fileURLToPath(new URL("..", import.meta.url));

const ACME_OPTIONS = {
  ngs_acme_asn: asn({ description: "BGP AS" }),
  ngs_acme_evpn: bool({ description: "EVPN on" }),
  ngs_acme_retries: int({ min: 0, max: 10, default: 3 }),
  ngs_acme_wait: seconds({ default: 5 }),
  ngs_acme_mode: oneOf(["fast", "safe"] as const, { default: "safe" }),
  ngs_acme_peers: list(),
  ngs_acme_vtep: str({ deprecatedNames: ["acme_vtep"], pattern: /^[a-z0-9]+$/, expected: "lower-case letters and digits" }),
};

/** A device that sends nothing: the tests here are about its options. */
class Acme extends QuietDevice {
  static override readonly options = ACME_OPTIONS;
  declare readonly options: OptionValues<typeof ACME_OPTIONS>;
}
/** A subclass declares only its own option, and may replace a parent's. */
class AcmePlus extends Acme {
  static override readonly options = { ngs_acme_retries: int({ min: 0, max: 100, default: 7 }), ngs_acme_extra: bool({ default: true }) };
}
/** A plugin written before declarations: `extraOptions` still makes a key known (read raw). */
class Legacy extends Acme {
  static override extraOptions = ["ngs_legacy_flavour"];
}

const base: DeviceConfig = { device_type: "acme_os", ip: "10.0.0.1", username: "u", password: "pw" };

describe("bool(): oslo.config's spellings, any case, nothing else", () => {
  const spec = bool();
  const parse = (v: string) => parseDeclaredOptions({ ngs_x: spec }, { ngs_x: v });
  it.each([
    ["true", true],
    ["TRUE", true],
    ["True", true],
    ["1", true],
    ["on", true],
    ["On", true],
    ["yes", true],
    [" YES ", true],
    ["false", false],
    ["False", false],
    ["0", false],
    ["off", false],
    ["OFF", false],
    ["no", false],
    ["No", false],
  ])("%j → %s", (v, want) => {
    expect(parse(v)).toMatchObject({ values: { ngs_x: want }, problems: [] });
  });
  it.each(["t", "y", "f", "n", "2", "enabled", "", "truee"])("%j is an error, in one wording", (v) => {
    expect(parse(v).problems).toEqual([`ngs_x: invalid value ${JSON.stringify(v)}: expected a boolean (true/yes/on/1 or false/no/off/0)`]);
  });
  it("absent means the default (false unless given)", () => {
    expect(parseDeclaredOptions({ ngs_x: spec, ngs_y: bool({ default: true }) }, {}).values).toEqual({ ngs_x: false, ngs_y: true });
  });
});

describe("asn(): asplain 1–4294967295 or asdot, kept as written", () => {
  const parse = (v: string) => parseDeclaredOptions({ ngs_bgp_asn: asn() }, { ngs_bgp_asn: v });
  it.each(["1", "65000", "4294967295", "1.10", "0.1", "65535.65535", " 65001 "])("%j is accepted", (v) => {
    expect(parse(v)).toMatchObject({ values: { ngs_bgp_asn: v.trim() }, problems: [] });
  });
  it.each(["0", "4294967296", "99999999999", "0.0", "65536.1", "1.65536", "65x", "-1", "1.2.3", "65000; reload", "1e5"])("%j is refused", (v) => {
    expect(parse(v).problems).toEqual([`ngs_bgp_asn: invalid value ${JSON.stringify(v)}: expected a BGP AS number (65000 or 1.10)`]);
  });
  it("blank or absent is unset", () => {
    expect(parse("  ").values.ngs_bgp_asn).toBeUndefined();
    expect(parseDeclaredOptions({ ngs_bgp_asn: asn() }, {}).values.ngs_bgp_asn).toBeUndefined();
  });
});

describe("a device class reads typed declared options", () => {
  it("parses each declared option, defaults filled in", () => {
    const d = new Acme({ ...base, ngs_acme_asn: "65001", ngs_acme_evpn: "on", ngs_acme_peers: "a, b,,c", acme_vtep: "vtep1" }, "sw");
    expect(d.options).toEqual({
      ngs_acme_asn: "65001",
      ngs_acme_evpn: true,
      ngs_acme_retries: 3,
      ngs_acme_wait: 5,
      ngs_acme_mode: "safe",
      ngs_acme_peers: ["a", "b", "c"],
      ngs_acme_vtep: "vtep1",
    });
    // The raw value stays readable, deprecated spelling included.
    expect(d.option("acme_vtep")).toBe("vtep1");
  });

  it("lists every bad value at once, one wording per parser, before anything is sent", () => {
    const problems = problemsOf(
      () =>
        new Acme(
          {
            ...base,
            ngs_acme_asn: "65x",
            ngs_acme_evpn: "y",
            ngs_acme_retries: "11",
            ngs_acme_wait: "-1",
            ngs_acme_mode: "turbo",
            ngs_acme_vtep: "Vtep 1",
            ngs_manage_vlans: "maybe",
          },
          "sw",
        ),
    );
    expect(problems).toEqual([
      'ngs_manage_vlans: invalid value "maybe": expected a boolean (true/yes/on/1 or false/no/off/0)',
      'ngs_acme_asn: invalid value "65x": expected a BGP AS number (65000 or 1.10)',
      'ngs_acme_evpn: invalid value "y": expected a boolean (true/yes/on/1 or false/no/off/0)',
      'ngs_acme_retries: invalid value "11": expected an integer from 0 to 10',
      'ngs_acme_wait: invalid value "-1": expected a number >= 0',
      "ngs_acme_mode: ngs_acme_mode must be one of: fast, safe",
      'ngs_acme_vtep: invalid value "Vtep 1": expected lower-case letters and digits',
    ]);
  });

  it("a deprecated spelling is reported under the name written", () => {
    expect(problemsOf(() => new Acme({ ...base, acme_vtep: "X!" }, "sw"))).toEqual([
      'acme_vtep: invalid value "X!": expected lower-case letters and digits',
    ]);
  });

  it("collects declarations along the class chain; a subclass may replace one", () => {
    const d = new AcmePlus({ ...base, ngs_acme_retries: "50" }, "sw");
    expect(d.options).toMatchObject({ ngs_acme_retries: 50, ngs_acme_extra: true, ngs_acme_mode: "safe" });
    expect(problemsOf(() => new Acme({ ...base, ngs_acme_retries: "50" }, "sw"))).toEqual([
      'ngs_acme_retries: invalid value "50": expected an integer from 0 to 10',
    ]);
  });

  it("the deprecated extraOptions still makes a key known, read as written", () => {
    const d = new Legacy({ ...base, ngs_legacy_flavour: "vanilla", ngs_acme_evpn: "1" }, "sw");
    expect(d.option("ngs_legacy_flavour")).toBe("vanilla");
    expect(d.options.ngs_acme_evpn).toBe(true);
  });
});

describe("a third-party plugin's declared option, bad in the ini file", () => {
  let tmp: string;
  let pluginDir: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), "ngs-declared-"));
    pluginDir = join(tmp, "plugins");
    const files: Record<string, string | object> = {
      "package.json": { name: "plugins", private: true, dependencies: { "ngs-device-optsy": "*" } },
      "node_modules/ngs-device-optsy/package.json": {
        name: "ngs-device-optsy",
        version: "0.1.0",
        type: "module",
        exports: { "./optsy": "./optsy.js" },
        ngs: { pluginApi: 1, devices: { optsy_os: "./optsy" } },
      },
      // Plain JS, as a third party ships it, importing only the device kit.
      "node_modules/ngs-device-optsy/optsy.js": `
import { GenericSwitchDevice, asn, bool } from "@ngs/core/device-kit";
export default class Optsy extends GenericSwitchDevice {
  static options = { ngs_bgp_asn: asn(), ngs_optsy_evpn: bool() };
  async addNetwork() {}
  async delNetwork() {}
  async plugPortToNetwork() {}
  async deletePort() {}
  async plugBondToNetwork() {}
  async unplugBondFromNetwork() {}
  async addSubportsOnTrunk() {}
  async delSubportsOnTrunk() {}
}
`,
    };
    for (const [rel, content] of Object.entries(files)) {
      const file = join(pluginDir, rel);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
    }
    mkdirSync(join(pluginDir, "node_modules/@ngs"), { recursive: true });
    symlinkSync(CORE_DIR, join(pluginDir, "node_modules/@ngs/core"), "dir");
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  function ini(lines: string[]): string {
    const f = join(tmp, "ngs.conf");
    writeFileSync(f, ["[genericswitch:leaf1]", "device_type = optsy_os", "ip = 10.0.0.1", "username = u", "password = SecretPw1", ...lines, ""].join("\n"));
    return f;
  }

  it("loadCheckedConfig refuses it, naming file, section, key and line", async () => {
    const f = ini(["ngs_bgp_asn = 4294967296", "ngs_optsy_evpn = t"]);
    const err = await loadCheckedConfig({ configFiles: [f], pluginDirs: [pluginDir] }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(GenericSwitchConfigException);
    expect((err as GenericSwitchConfigException).args.problems).toEqual([
      `${f}: [genericswitch:leaf1] ngs_bgp_asn: invalid value "4294967296": expected a BGP AS number (65000 or 1.10) (line 6)`,
      `${f}: [genericswitch:leaf1] ngs_optsy_evpn: invalid value "t": expected a boolean (true/yes/on/1 or false/no/off/0) (line 7)`,
    ]);
    expect(String((err as Error).message)).not.toContain("SecretPw1");
  });

  it("checkConfig gives the same as data, and a good value loads", async () => {
    const { issues } = await checkConfig({ configFiles: [ini(["ngs_bgp_asn = 65536.1"])], pluginDirs: [pluginDir] });
    expect(issues.filter((i) => i.severity === "error")).toMatchObject([
      { section: "genericswitch:leaf1", key: "ngs_bgp_asn", line: 6, message: 'invalid value "65536.1": expected a BGP AS number (65000 or 1.10)' },
    ]);
    // asdot parts are 0–65535: 65536.1 is refused, 1.10 is fine.
    await expect(loadCheckedConfig({ configFiles: [ini(["ngs_bgp_asn = 1.10", "ngs_optsy_evpn = Yes"])], pluginDirs: [pluginDir] })).resolves.toBeDefined();
  });
});

describe("a malformed declaration", () => {
  it("is reported naming the key, not a crash", () => {
    class Broken extends Acme {
      static override readonly options = { ngs_broken: { type: "boolean" } } as never;
    }
    expect(problemsOf(() => new Broken({ ...base, ngs_broken: "true" }, "sw"))).toEqual([
      "ngs_broken: the device class declares this option without a parser (use bool(), asn(), str(), … from @ngs/core/device-kit)",
    ]);
  });
});

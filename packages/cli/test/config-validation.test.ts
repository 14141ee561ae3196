/**
 * Values checked per dialect, over every device type the host's plugin
 * manifests declare, through the library's config loader (`loadDevices` on
 * a written config file): port names that select many ports, and
 * `ngs_network_name_format` (allowed characters, the platform's VLAN name
 * length, a space where the dialect reads a second word).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  discoverPlugins,
  GenericSwitchInvalidValue,
  loadDevices,
  sanitiseConfig,
  type CliSwitch,
  type GenericSwitchDevice,
} from "@ngs/core";

const HOST = fileURLToPath(new URL("../package.json", import.meta.url));
const NET = "7d1c0f7e-1111-4a5b-9c9d-0123456789ab";

/**
 * Each device type's port-name dialect, stated here (not read from the
 * classes, or the test could not fail): may a port name have one inner space
 * (`GigabitEthernet 1/0/1`), and does `1-48` select a range.
 */
const DIALECTS: Record<string, { innerSpace: boolean; dashRange: boolean; sample: string }> = {
  netmiko_arista_eos: { innerSpace: true, dashRange: true, sample: "Ethernet1" },
  netmiko_aruba_aoscx: { innerSpace: false, dashRange: true, sample: "1/1/1" },
  netmiko_brocade_fastiron: { innerSpace: true, dashRange: true, sample: "ethernet 1/1/1" },
  netmiko_cisco_ios: { innerSpace: true, dashRange: true, sample: "GigabitEthernet 1/0/1" },
  netmiko_cisco_nxos: { innerSpace: true, dashRange: true, sample: "Ethernet1/1" },
  netmiko_cisco_s300: { innerSpace: true, dashRange: true, sample: "gi1/0/1" },
  netmiko_cumulus: { innerSpace: false, dashRange: true, sample: "swp1" },
  netmiko_cumulus_nvue: { innerSpace: false, dashRange: true, sample: "swp1" },
  netmiko_dell_enterprise_sonic: { innerSpace: false, dashRange: true, sample: "Ethernet0" },
  netmiko_dell_force10: { innerSpace: true, dashRange: true, sample: "TenGigabitEthernet 0/1" },
  netmiko_dell_os10: { innerSpace: true, dashRange: true, sample: "ethernet1/1/1" },
  netmiko_dell_powerconnect: { innerSpace: true, dashRange: true, sample: "Gi1/0/1" },
  netmiko_fake: { innerSpace: true, dashRange: true, sample: "port1" },
  netmiko_hp_comware: { innerSpace: true, dashRange: true, sample: "GigabitEthernet1/0/1" },
  netmiko_hpe_comware: { innerSpace: true, dashRange: true, sample: "GigabitEthernet1/0/1" },
  netmiko_huawei: { innerSpace: true, dashRange: true, sample: "GigabitEthernet0/0/1" },
  netmiko_huawei_vrpv8: { innerSpace: true, dashRange: true, sample: "GE1/0/1" },
  netmiko_juniper: { innerSpace: false, dashRange: true, sample: "ge-0/0/1" },
  netmiko_mellanox_mlnxos: { innerSpace: true, dashRange: true, sample: "ethernet 1/1" },
  netmiko_nokia_srl: { innerSpace: false, dashRange: true, sample: "ethernet-1/1" },
  netmiko_ovs_linux: { innerSpace: false, dashRange: false, sample: "tap3f2a9c1e-0b" },
  netmiko_pluribus: { innerSpace: false, dashRange: true, sample: "11" },
  netmiko_ruijie: { innerSpace: true, dashRange: true, sample: "GigabitEthernet 0/1" },
  netmiko_sonic: { innerSpace: false, dashRange: true, sample: "Ethernet0" },
  netmiko_supermicro_smis: { innerSpace: true, dashRange: true, sample: "gi 0/1" },
  netconf_openconfig: { innerSpace: false, dashRange: false, sample: "Ethernet1/1" },
};

/** The names that select many ports; `dash` ones are one port only where `-` is no range (OVS). */
const MANY_PORTS: { name: string; keyword: boolean }[] = [
  { name: "range Gi1/0/1-48", keyword: true },
  { name: "Ethernet1-48", keyword: false },
  { name: "swp1-52", keyword: false },
  { name: "swp1-64", keyword: false },
  { name: "range ethernet1/1/1-1/1/32", keyword: true },
  { name: "interface-range all", keyword: true },
  { name: "ge-0/0/1 disable", keyword: true },
];

/**
 * VLAN name limits of the device types whose commands carry
 * `{network_name}` (length, and whether a space stays inside the name).
 */
const VLAN_NAMES: Record<string, { maxLength: number; space: boolean }> = {
  netmiko_arista_eos: { maxLength: 32, space: false },
  netmiko_aruba_aoscx: { maxLength: 32, space: false },
  netmiko_brocade_fastiron: { maxLength: 32, space: false },
  netmiko_cisco_ios: { maxLength: 32, space: false },
  netmiko_cisco_nxos: { maxLength: 32, space: false },
  netmiko_dell_force10: { maxLength: 240, space: true },
  netmiko_dell_os10: { maxLength: 240, space: true },
  netmiko_juniper: { maxLength: 255, space: false },
  netmiko_nokia_srl: { maxLength: 240, space: false },
  netmiko_pluribus: { maxLength: 255, space: false },
  netmiko_ruijie: { maxLength: 32, space: false },
  netmiko_supermicro_smis: { maxLength: 32, space: false },
};

let dir: string;
let n = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "ngs-validation-test-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function configFile(deviceType: string, extra: string[] = []): string {
  const f = join(dir, `c${n++}.ini`);
  writeFileSync(
    f,
    [`[genericswitch:sw]`, `device_type = ${deviceType}`, "ip = 192.0.2.10", "username = ngs", "password = Val1d-Secret", ...extra, ""].join("\n"),
  );
  return f;
}

async function load(deviceType: string, extra: string[] = []): Promise<CliSwitch> {
  const { devices } = await loadDevices({ configFiles: [configFile(deviceType, extra)], hostPackageJson: HOST });
  return devices.get("sw") as GenericSwitchDevice as CliSwitch;
}

async function loadError(deviceType: string, extra: string[]): Promise<Error> {
  try {
    await load(deviceType, extra);
  } catch (e) {
    return e as Error;
  }
  throw new Error(`${deviceType}: the config loaded`);
}

const DEVICE_TYPES = discoverPlugins({ hostPackageJson: HOST })
  .map((p) => p.deviceType)
  .sort();

describe("the table covers every device type the manifests declare", () => {
  it("no device type is missing from the dialect table", () => {
    expect(DEVICE_TYPES).toEqual(Object.keys(DIALECTS).sort());
  });
});

describe.each(DEVICE_TYPES)("%s: a port name names one port", (deviceType) => {
  const dialect = DIALECTS[deviceType]!;

  it("the dialect's own spelling of one port is accepted", async () => {
    const d = await load(deviceType);
    expect(d.plan("plugPortToNetwork", { port: dialect.sample, segmentationId: 100 }).commands.join("\n")).toContain(dialect.sample);
  });

  it.each(MANY_PORTS)("$name is refused, naming the value", async ({ name, keyword }) => {
    const d = await load(deviceType);
    const oneOnOvs = !keyword && !dialect.dashRange;
    if (oneOnOvs) {
      expect(d.plan("plugPortToNetwork", { port: name, segmentationId: 100 }).commands.join("\n")).toContain(name);
      return;
    }
    let error: unknown;
    try {
      d.plan("plugPortToNetwork", { port: name, segmentationId: 100 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GenericSwitchInvalidValue);
    expect((error as Error).message).toContain(`Invalid port name ${JSON.stringify(name)}: `);
  });

  it("ngs_trunk_ports that select many ports are refused when the config loads", async () => {
    const trunk = dialect.dashRange ? "Ethernet1-48" : "range Gi1/0/1-48";
    const e = await loadError(deviceType, [`ngs_trunk_ports = ${trunk}`]);
    expect(e.message).toContain(`[genericswitch:sw] ngs_trunk_ports: Invalid ngs_trunk_ports entry ${JSON.stringify(trunk)}: `);
    expect(e.message).not.toContain("Val1d-Secret");
  });

  it("an inner space is one port only where the dialect spells ports so", async () => {
    const d = await load(deviceType);
    const plan = () => d.plan("plugPortToNetwork", { port: "Ethernet 1/1", segmentationId: 100 });
    if (dialect.innerSpace) expect(plan().commands.join("\n")).toContain("Ethernet 1/1");
    else expect(plan).toThrow(`Invalid port name "Ethernet 1/1": `);
  });
});

describe.each(DEVICE_TYPES)("%s: ngs_network_name_format", (deviceType) => {
  const rule = VLAN_NAMES[deviceType];

  it.each([
    ["a C1 control character", "net\u0085{network_id}", '"\\u0085"'],
    ["U+2028", "net\u2028{network_id}", '"\\u2028"'],
    ["a BOM", "net\ufeff{network_id}", '"\\ufeff"'],
    ["a zero-width space", "net\u200b{network_id}", '"\\u200b"'],
    ["a bidi override", "net\u202e{network_id}", '"\\u202e"'],
    ["?", "net?{network_id}", '"?"'],
    ["|", "net|{network_id}", '"|"'],
    [";", "net;{network_id}", '";"'],
    ["$()", "$(reboot){network_id}", '"$"'],
  ])("%s is refused when the config loads", async (_what, format, shown) => {
    const e = await loadError(deviceType, [`ngs_network_name_format = ${format}`]);
    expect(e.name).toBe("GenericSwitchConfigException");
    expect(e.message).toContain("[genericswitch:sw] ngs_network_name_format: Invalid value for 'ngs_network_name_format': ");
    expect(e.message).toContain(`character ${shown} is not allowed`);
    // The raw character never reaches the message (it could act on a terminal).
    expect(/[\u0085\u2028\ufeff\u200b\u202e]/.test(e.message)).toBe(false);
  });

  it("a 100,000-character format is refused, and not repeated in full", async () => {
    const e = await loadError(deviceType, [`ngs_network_name_format = ${"x".repeat(100_000)}{network_id}`]);
    expect(e.message).toContain('line 6: the value of "ngs_network_name_format" is longer than 16384 characters (100012); it is ignored');
    expect(e.message.length).toBeLessThan(1000);
    const long = await loadError(deviceType, [`ngs_network_name_format = ${"x".repeat(300)}{network_id}`]);
    expect(long.message).toContain("ngs_network_name_format: Invalid value for 'ngs_network_name_format': \"xxx");
    expect(long.message).toContain("…\" (312 characters): longer than 256 characters");
    expect(long.message.length).toBeLessThan(1000);
  });

  if (rule) {
    it(`the rendered name stays within ${rule.maxLength} characters`, async () => {
      const fits = "{network_id}";
      const d = await load(deviceType, [`ngs_network_name_format = ${fits}`]);
      expect(d.plan("addNetwork", { segmentationId: 100, networkId: NET }).commands.join("\n")).toContain("7d1c0f7e11114a5b9c9d0123456789ab");
      const tooLong = `${"n".repeat(rule.maxLength - 31)}{network_id}`;
      const e = await loadError(deviceType, [`ngs_network_name_format = ${tooLong}`]);
      // Long values are shown cut after 80 characters, with their length.
      const shown = tooLong.length > 80 ? `"${tooLong.slice(0, 80)}…" (${tooLong.length} characters)` : JSON.stringify(tooLong);
      expect(e.message).toContain(`[genericswitch:sw] ngs_network_name_format: ${shown}: the VLAN name `);
      expect(e.message).toContain(`is ${rule.maxLength + 1} characters long; this platform allows ${rule.maxLength}`);
    });

    it(rule.space ? "an inner space stays inside the name" : "an inner space is refused (it would add words to the command)", async () => {
      const format = "os {segmentation_id}";
      if (rule.space) {
        const d = await load(deviceType, [`ngs_network_name_format = ${format}`]);
        expect(d.plan("addNetwork", { segmentationId: 100, networkId: NET }).commands.join("\n")).toContain("os 100");
      } else {
        const e = await loadError(deviceType, [`ngs_network_name_format = ${format}`]);
        expect(e.message).toContain(`ngs_network_name_format: "os {segmentation_id}": the VLAN name "os 4094" has a space`);
      }
    });
  }
});

describe("credential masking does not depend on exact key names", () => {
  it("masks keys that look like credentials, misspelt ones included, and nothing else", () => {
    const masked = sanitiseConfig({
      passwrod: "a1",
      pasword: "a2",
      secert: "a3",
      Enable_Secret: "a4",
      snmp_community: "a5",
      api_token: "a6",
      SSH_KEY: "a7",
      host: "192.0.2.1",
      username: "ngs",
      port: "22",
    });
    expect(masked).toEqual({
      passwrod: "******",
      pasword: "******",
      secert: "******",
      Enable_Secret: "******",
      snmp_community: "******",
      api_token: "******",
      SSH_KEY: "******",
      host: "192.0.2.1",
      username: "ngs",
      port: "22",
    });
  });

  it("the session gets only the known transport keys; a misspelt one is refused at load with a suggestion", async () => {
    const e = await loadError("netmiko_cisco_ios", ["passwrod = Typo-Secret-1"]);
    expect(e.message).toContain("[genericswitch:sw] passwrod: unknown option (did you mean 'password'?); it is not passed to the switch");
    expect(e.message).not.toContain("Typo-Secret-1");
    const d = await load("netmiko_cisco_ios", ["fast_cli = true"]);
    expect(Object.keys(d.transportConfig).sort()).toEqual(["device_type", "ip", "password", "username"]);
  });
});

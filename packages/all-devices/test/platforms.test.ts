// The built-in platforms, declared by the vendor packages: every netmiko type upstream uses, and the
// deprecated by-name lookup over the platforms built so far, with typed errors.
import { describe, expect, it } from "vitest";
import { UnknownPlatformError, getPlatform as lookUp, platformNames as fromRoot } from "@ngs/cli-session";
import { getPlatform, platformNames, platforms } from "./built-in-platforms.js";

const UPSTREAM = [
  "cisco_ios", "cisco_nxos", "cisco_s300", "arista_eos", "dell_os10", "dell_force10", "dell_powerconnect",
  "juniper", "huawei", "huawei_vrpv8", "hp_comware", "brocade_fastiron", "mellanox_mlnxos", "linux",
  "ovs_linux", "supermicro_smis", "nokia_srl", "pluribus", "aruba_aoscx", "ruijie_os",
];
// netmiko's `linux`, one platform per CLI so the simulator can tell them apart.
const LINUX_SHELLS = ["cumulus", "cumulus_nvue", "sonic", "fake"];

describe("platform table", () => {
  it("has one entry per netmiko platform upstream uses, the same from both entry points", () => {
    expect([...platformNames].sort()).toEqual([...UPSTREAM, ...LINUX_SHELLS].sort());
    expect([...fromRoot()].sort()).toEqual([...platformNames].sort());
  });

  it("carries netmiko's save commands and confirmations", () => {
    expect(platforms.cisco_ios!.save?.command).toBe("write mem");
    expect(platforms.cisco_s300!.save?.confirm?.[0]?.answer).toBe("Y");
    expect(platforms.huawei!.save?.confirm?.[0]?.prompt.test("Are you sure to continue?[Y/N]:")).toBe(true);
    expect(platforms.hp_comware!.save?.command).toBe("save force");
    expect(platforms.dell_os10!.save?.command).toBe("copy running-configuration startup-configuration");
    expect(platforms.juniper!.save).toBeUndefined();
    expect(platforms.juniper!.commit).toMatchObject({ command: "commit" });
    expect(platforms.nokia_srl!.commit?.command).toBe("commit stay");
    for (const p of ["linux", "ovs_linux", "pluribus"]) expect(platforms[p]!.save).toBeUndefined();
  });

  it("recognises each platform's prompts", () => {
    const cases: [string, string][] = [
      ["cisco_ios", "\nsw1(config-if)#"],
      ["juniper", "\n[edit]\nadmin@sw1# "],
      ["huawei", "\n[~HUAWEI-10GE1/0/1]"],
      ["mellanox_mlnxos", "\nswitch-1 [standalone: master] (config) # "],
      ["linux", "\nuser@host:~$ "],
      ["nokia_srl", "\n--{ running }--[  ]--\nA:sw1#"],
      ["pluribus", "\nCLI (network-admin@sw1) > "],
    ];
    for (const [name, text] of cases) expect(getPlatform(name).promptPattern.test(text)).toBe(true);
  });

  it("an unknown name is an UnknownPlatformError listing the known ones", () => {
    try {
      lookUp("cisco_iosxr");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(UnknownPlatformError);
      expect((e as Error).message).toContain("cisco_iosxr");
      for (const n of UPSTREAM) expect((e as Error).message).toContain(n);
    }
    expect(() => lookUp("toString")).toThrow(UnknownPlatformError);
  });
});

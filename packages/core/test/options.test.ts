import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { QuietDevice } from "./helpers.js";
import {
  GenericSwitchConfigException,
  GenericSwitchNetworkNameFormatInvalid,
  GenericSwitchNotSupported,
  createLogger,
  parseBool,
  parseMappings,
  type DeviceConfig,
  type DeviceContext,
} from "@ngs/core";

/** A device that sends nothing: the tests here are about option handling. */
class Quiet extends QuietDevice {}
class Ovsish extends Quiet {
  static override extraOptions = ["ngs_ovs_bridge"];
}
class Deeper extends Ovsish {
  static override extraOptions = ["ngs_commit_timeout"];
}

/** A real pino logger writing JSON lines into an array. */
function capture(): { lines: Record<string, unknown>[]; context: DeviceContext } {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      for (const l of String(chunk).split("\n")) if (l) lines.push(JSON.parse(l) as Record<string, unknown>);
      cb();
    },
  });
  return { lines, context: { logger: createLogger({ level: "debug", destination }) } };
}

const base: DeviceConfig = { device_type: "netmiko_fake", ip: "10.0.0.1", username: "u", password: "pw" };

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an error");
}

describe("GenericSwitchDevice options", () => {
  it("applies upstream's defaults", () => {
    const d = new Quiet(base, "sw");
    expect(d.deviceName).toBe("sw");
    expect(d.deviceType).toBe("netmiko_fake");
    expect(d.physicalNetworks).toEqual([]);
    expect(d.trunkPorts).toEqual([]);
    expect(d.macAddress).toBeUndefined();
    expect(d.managesVlans).toBe(true);
    expect(d.saveConfiguration).toBe(true);
    expect(d.disableInactivePorts).toBe(false);
    expect(d.portDefaultVlan).toBeUndefined();
    expect(d.networkNameFormat).toBe("{network_id}");
    expect(d.batchRequests).toBe(false);
    expect(d.maxConnections).toBe(1);
    expect(d.reuseConnection).toBe(false);
    expect(d.sshConnectTimeoutS).toBe(60);
    expect(d.sshConnectIntervalS).toBe(10);
    expect(d.supportTrunkOnPorts).toBe(false);
    expect(d.supportTrunkOnBondPorts).toBe(false);
    expect(d.supportsL2vni).toBe(false);
    expect(d.ngsConfig.switchportMode).toBe("access");
    expect(d.ngsConfig.netconfConfirmedCommit).toBe(true);
    expect(d.ngsConfig.netconfConfirmedCommitTimeoutS).toBe(5);
    expect(d.ngsConfig.openconfigNetworkInstance).toBe("default");
    expect(d.globalConfig.acquireTimeoutS).toBe(60);
  });

  it("parses every option and keeps the non-ngs keys as the transport config", () => {
    const d = new Quiet(
      {
        ...base,
        port: "2222",
        ngs_mac_address: "AA:BB:CC:DD:EE:FF",
        ngs_trunk_ports: " Ethernet1 , Ethernet2,",
        ngs_physical_networks: "physnet1, physnet2",
        ngs_port_default_vlan: "35",
        ngs_ssh_disabled_algorithms: "kex:diffie-hellman-group1-sha1, kex:diffie-hellman-group14-sha1, cipher:3des-cbc",
        ngs_ssh_connect_timeout: "30",
        ngs_ssh_connect_interval: "2.5",
        ngs_ssh_reuse_connection: "True",
        ngs_max_connections: "4",
        ngs_switchport_mode: "general",
        ngs_disable_inactive_ports: "ON",
        ngs_network_name_format: "{segmentation_id}-{network_id}",
        ngs_manage_vlans: "no",
        ngs_save_configuration: "0",
        ngs_security_groups_enabled: "yes",
        ngs_port_id_re_sub: '{"pattern": "^eth", "repl": "Ethernet"}',
        ngs_netconf_confirmed_commit_timeout: "30",
      },
      "sw",
    );
    expect(d.transportConfig).toEqual({ ...base, port: "2222" });
    expect(d.macAddress).toBe("aa:bb:cc:dd:ee:ff");
    expect(d.trunkPorts).toEqual(["Ethernet1", "Ethernet2"]);
    expect(d.physicalNetworks).toEqual(["physnet1", "physnet2"]);
    expect(d.portDefaultVlan).toBe(35);
    expect(d.ngsConfig.sshDisabledAlgorithms).toEqual({ kex: ["diffie-hellman-group1-sha1", "diffie-hellman-group14-sha1"], cipher: ["3des-cbc"] });
    expect(d.sshConnectTimeoutS).toBe(30);
    expect(d.sshConnectIntervalS).toBe(2.5);
    expect(d.reuseConnection).toBe(true);
    expect(d.maxConnections).toBe(4);
    expect(d.ngsConfig.switchportMode).toBe("general");
    expect(d.disableInactivePorts).toBe(true);
    expect(d.managesVlans).toBe(false);
    expect(d.saveConfiguration).toBe(false);
    expect(d.securityGroupsEnabled).toBe(true);
    expect(d.ngsConfig.portIdReSub).toEqual({ pattern: "^eth", repl: "Ethernet" });
    expect(d.ngsConfig.netconfConfirmedCommitTimeoutS).toBe(30);
    expect(d.formatNetworkName("0F0E0D0C-0B0A-0908-0706-050403020100", "12")).toBe("12-0f0e0d0c0b0a09080706050403020100");
  });

  it("warns about and drops unknown ngs_ options; a subclass's declared extras are kept", () => {
    const { lines, context } = capture();
    const d = new Deeper({ ...base, ngs_ovs_bridge: "br-ngs", ngs_commit_timeout: "90", ngs_bogus: "1", ngs_trunk_port: "typo" }, "sw", context);
    expect(d.option("ngs_ovs_bridge")).toBe("br-ngs");
    expect(d.option("ngs_commit_timeout")).toBe("90");
    expect(d.option("ngs_bogus")).toBeUndefined();
    expect(d.transportConfig).toEqual(base);
    const warnings = lines.filter((l) => l.level === 40).map((l) => l.msg);
    expect(warnings).toEqual([
      "Ignoring unknown option 'ngs_bogus' for switch sw",
      "Ignoring unknown option 'ngs_trunk_port' for switch sw (did you mean 'ngs_trunk_ports'?)",
    ]);
    expect(lines.every((l) => l.switch === "sw")).toBe(true);

    const { lines: l2, context: c2 } = capture();
    new Quiet({ ...base, ngs_ovs_bridge: "br" }, "plain", c2);
    expect(l2.map((l) => l.msg)).toEqual(["Ignoring unknown option 'ngs_ovs_bridge' for switch plain"]);
  });

  it("reports every bad option at once, naming the switch and each key", () => {
    const e = errorOf(
      () =>
        new Quiet(
          { ip: "192.0.2.9", ngs_manage_vlans: "maybe", ngs_max_connections: "two", ngs_switchport_mode: "trunk", ngs_ssh_disabled_algorithms: "kex", ngs_port_id_re_sub: "{" },
          "sw9",
        ),
    );
    expect(e).toBeInstanceOf(GenericSwitchConfigException);
    expect(e.message.split("\n")).toEqual([
      "Invalid configuration for switch sw9:",
      "  [genericswitch:sw9] device_type: missing (every device section needs one, e.g. device_type = netmiko_cisco_ios)",
      '  [genericswitch:sw9] ngs_ssh_disabled_algorithms: invalid value "kex": expected comma-separated key:value pairs (bad entry "kex")',
      '  [genericswitch:sw9] ngs_max_connections: invalid value "two": expected an integer >= 1',
      "  [genericswitch:sw9] ngs_switchport_mode: ngs_switchport_mode must be one of: access, general",
      '  [genericswitch:sw9] ngs_manage_vlans: invalid value "maybe": expected a boolean (true/yes/on/1 or false/no/off/0)',
      '  [genericswitch:sw9] ngs_port_id_re_sub: invalid JSON "{": expected {"pattern": "...", "repl": "..."}',
    ]);
  });

  it.each(["{network}", "{0}", "{}", "{network_id", "x}", "{network_id:>5}", "{network_id!r}", "a\nb"])(
    "refuses network name format %j with GenericSwitchNetworkNameFormatInvalid",
    (fmt) => {
      const e = errorOf(() => new Quiet({ ...base, ngs_network_name_format: fmt }, "sw"));
      expect(e).toBeInstanceOf(GenericSwitchNetworkNameFormatInvalid);
      expect(e.message).toContain(`Invalid value for 'ngs_network_name_format': ${JSON.stringify(fmt)}`);
    },
  );

  it("formats names with escapes and for the default-VLAN restore", () => {
    const d = new Quiet({ ...base, ngs_network_name_format: "{{ngs}}-{segmentation_id}" }, "sw");
    expect(d.formatNetworkName("0f0e0d0c-0b0a-0908-0706-050403020100", 7)).toBe("{ngs}-7");
    const plain = new Quiet(base, "sw");
    expect(plain.formatNetworkName(35, 35)).toBe("35");
    expect(() => plain.formatNetworkName("not-a-uuid", 5)).toThrow(/Invalid network id "not-a-uuid"/);
    expect(() => plain.formatNetworkName("0f0e0d0c-0b0a-0908-0706-050403020100", 0)).toThrow(/Invalid segmentation id/);
  });

  it("isAllowed follows ngs_allowed_ports / ngs_allowed_vlans (absent = all, empty = none)", () => {
    const all = new Quiet(base, "sw");
    expect(all.isAllowed("Ethernet9", 999)).toBe(true);
    const some = new Quiet({ ...base, ngs_allowed_vlans: "100, 101", ngs_allowed_ports: "Ethernet1,Ethernet2" }, "sw");
    expect(some.isAllowed("Ethernet1", 100)).toBe(true);
    expect(some.isAllowed("Ethernet2", "101")).toBe(true);
    expect(some.isAllowed("Ethernet3", 100)).toBe(false);
    expect(some.isAllowed("Ethernet1", 102)).toBe(false);
    const none = new Quiet({ ...base, ngs_allowed_vlans: "" }, "sw");
    expect(none.isAllowed("Ethernet1", 100)).toBe(false);
  });

  it("lockPrefix is host, else ip, else the device name", () => {
    expect(new Quiet({ ...base, host: "sw.example" }, "sw").lockPrefix).toBe("sw.example");
    expect(new Quiet(base, "sw").lockPrefix).toBe("10.0.0.1");
    expect(new Quiet({ device_type: "netmiko_fake" }, "sw").lockPrefix).toBe("sw");
  });

  it("batching needs a backend_url or a batcher", () => {
    const e = errorOf(() => new Quiet({ ...base, ngs_batch_requests: "true" }, "sw"));
    expect(e.message).toContain("[genericswitch:sw] ngs_batch_requests: needs [ngs_coordination] backend_url");
    const ok = new Quiet({ ...base, ngs_batch_requests: "true" }, "sw", { global: { acquireTimeoutS: 60, backendUrl: "etcd3+http://127.0.0.1:2379" } });
    expect(ok.batchRequests).toBe(true);
  });

  it("L2VNI hooks default conservatively and security-group hooks are unsupported", async () => {
    const d = new Quiet(base, "sw");
    await expect(d.plugSwitchToNetwork(5000, 100)).resolves.toBeUndefined();
    await expect(d.unplugSwitchFromNetwork(5000, 100)).resolves.toBeUndefined();
    await expect(d.vlanHasPorts(100)).resolves.toBe(true);
    await expect(d.vlanHasVni(100, 5000)).resolves.toBe(false);
    await expect(d.addSecurityGroup({ id: "sg", rules: [] })).rejects.toThrow(GenericSwitchNotSupported);
    await expect(d.bindSecurityGroup({ id: "sg", rules: [] }, "p", ["p"])).rejects.toThrow(
      "Requested feature security groups is not supported by networking-generic-switch on the netmiko_fake switch sw.",
    );
  });

  it("the sanitised config masks secrets", () => {
    expect(new Quiet({ ...base, secret: "en" }, "sw").sanitisedConfig).toEqual({ ...base, password: "******", secret: "******" });
  });
});

describe("option parsers", () => {
  it.each([
    ["true", true],
    ["Yes", true],
    ["ON", true],
    ["1", true],
    [" false ", false],
    ["NO", false],
    ["off", false],
    ["0", false],
  ])("parseBool(%j) = %s", (v, want) => {
    expect(parseBool("k", v)).toBe(want);
  });
  it.each(["", "t", "2", "enabled", "truee"])("parseBool(%j) names the key", (v) => {
    expect(() => parseBool("ngs_manage_vlans", v)).toThrow(`ngs_manage_vlans: invalid value ${JSON.stringify(v)}`);
  });
  it("parseMappings keeps repeated keys", () => {
    expect(parseMappings("k", "a:1, a:2,b:3")).toEqual({ a: ["1", "2"], b: ["3"] });
    expect(() => parseMappings("k", "a:")).toThrow(GenericSwitchConfigException);
  });
});

describe("logging", () => {
  it("redacts secrets wherever they appear", () => {
    const { lines, context } = capture();
    context.logger!.info({ password: "p1", device: { ip: "10.0.0.1", secret: "s1", key_file: "/k" }, deep: { a: { passphrase: "pp" } }, backend_url: "etcd3+http://u:p@h" }, "hello");
    const text = JSON.stringify(lines);
    for (const s of ["p1", "s1", "/k", "pp", "u:p@h"]) expect(text).not.toContain(s);
    expect(text).toContain("10.0.0.1");
  });
});

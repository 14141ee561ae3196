// The CLI-switch base without a switch: template formatting, composition
// order (docs/upstream.md#how-an-operation-becomes-commands), validation, and dry runs.
import { describe, expect, test } from "vitest";
import {
  CliSwitch,
  createLogger,
  formatCommands,
  GenericSwitchConfigException,
  GenericSwitchException,
  GenericSwitchNetmikoMethodError,
  GenericSwitchNetmikoNotSupported,
  GenericSwitchNetworkNameFormatInvalid,
  GenericSwitchNotSupported,
  iosLike,
  type CommandTemplates,
  type DeviceConfig,
} from "@ngs/core";
import { NET } from "@ngs/test-utils";

const NET_HEX = "0ae071f55be943e480eae41fefe85b21";
const logger = createLogger({ level: "silent" });

const PORT_TEMPLATES: CommandTemplates = {
  ADD_NETWORK: ["add network {segmentation_id} {network_name}"],
  DELETE_NETWORK: ["delete network {segmentation_id}"],
  PLUG_PORT_TO_NETWORK: ["plug port {port} to network {segmentation_id}"],
  DELETE_PORT: ["delete port {port} from {segmentation_id}"],
  ADD_NETWORK_TO_TRUNK: ["add network {segmentation_id} to trunk {port}"],
  REMOVE_NETWORK_FROM_TRUNK: ["remove network {segmentation_id} from trunk {port}"],
  SET_NATIVE_VLAN: ["set native vlan {segmentation_id} on {port}"],
  DELETE_NATIVE_VLAN: ["delete native vlan {segmentation_id} on {port}"],
  ENABLE_PORT: ["enable {port}"],
  DISABLE_PORT: ["disable {port}"],
};

/** An IOS-like dialect of the tests' own (vendors declare theirs). */
const TEST_IOS = iosLike({ name: "test_ios", save: { command: "write mem" } });

class PortSwitch extends CliSwitch {
  static override platform = TEST_IOS;
  static override commands = PORT_TEMPLATES;
}

class BondSwitch extends CliSwitch {
  static override platform = TEST_IOS;
  static override commands: CommandTemplates = {
    ...PORT_TEMPLATES,
    PLUG_BOND_TO_NETWORK: ["plug bond {bond} to network {segmentation_id}"],
    UNPLUG_BOND_FROM_NETWORK: ["unplug bond {bond} from {segmentation_id}"],
    ENABLE_BOND: ["enable bond {bond}"],
    DISABLE_BOND: ["disable bond {bond}"],
    SET_NATIVE_VLAN_BOND: ["set native vlan {segmentation_id} on bond {bond}"],
    DELETE_NATIVE_VLAN_BOND: ["delete native vlan {segmentation_id} on bond {bond}"],
    ADD_NETWORK_TO_BOND_TRUNK: ["add network {segmentation_id} to bond trunk {bond}"],
    DELETE_NETWORK_ON_BOND_TRUNK: ["delete network {segmentation_id} on bond trunk {bond}"],
  };
}

function make<T extends CliSwitch>(Cls: new (c: DeviceConfig, n: string, ctx: object) => T, extra: DeviceConfig = {}): T {
  return new Cls({ device_type: "netmiko_test", ip: "192.0.2.1", username: "u", password: "pw-SECRET", ...extra }, "sw1", { logger });
}

const trunk = { sub_ports: [{ segmentation_id: 101 }, { segmentation_id: "102" }] };
const lacp = { local_group_information: { bond_mode: "802.3ad" } };

describe("formatCommands", () => {
  test("fills every placeholder in order", () => {
    expect(formatCommands(["interface {port}", "vlan {segmentation_id}"], { port: "Eth1", segmentation_id: 33 })).toEqual([
      "interface Eth1",
      "vlan 33",
    ]);
  });
  test("no templates, no commands", () => {
    expect(formatCommands(undefined, { port: "x" })).toEqual([]);
    expect(formatCommands([], {})).toEqual([]);
  });
  test.each([
    ["an empty value", { port: "", segmentation_id: 3 }],
    ["a zero value", { port: "p", segmentation_id: 0 }],
    ["a missing placeholder value", { port: "p" }],
  ])("rejects %s with GenericSwitchNetmikoMethodError", (_what, vars) => {
    expect(() => formatCommands(["interface {port}", "vlan {segmentation_id}"], vars)).toThrow(GenericSwitchNetmikoMethodError);
  });
  test("the error names the templates and the arguments", () => {
    expect(() => formatCommands(["vlan {segmentation_id}"], { segmentation_id: "" })).toThrow(
      /Can not parse arguments: commands \["vlan \{segmentation_id\}"\], args \{"segmentation_id":""\}/,
    );
  });
});

describe("networks", () => {
  test("add network uses the dashless UUID as the name", () => {
    expect(make(PortSwitch).plan("addNetwork", { segmentationId: 33, networkId: NET }).commands).toEqual([`add network 33 ${NET_HEX}`]);
  });
  test("trunk ports are tagged after the VLAN is made, and untagged before it is deleted", () => {
    const d = make(PortSwitch, { ngs_trunk_ports: "port.1, port.2" });
    expect(d.plan("addNetwork", { segmentationId: 33, networkId: NET }).commands).toEqual([
      `add network 33 ${NET_HEX}`,
      "add network 33 to trunk port.1",
      "add network 33 to trunk port.2",
    ]);
    expect(d.plan("delNetwork", { segmentationId: 33, networkId: NET }).commands).toEqual([
      "remove network 33 from trunk port.1",
      "remove network 33 from trunk port.2",
      "delete network 33",
    ]);
  });
  test("ngs_network_name_format", () => {
    const d = make(PortSwitch, { ngs_network_name_format: "neutron-{network_id}-{segmentation_id}" });
    expect(d.plan("addNetwork", { segmentationId: 33, networkId: NET }).commands).toEqual([`add network 33 neutron-${NET_HEX}-33`]);
  });
  test("a bad ngs_network_name_format is refused when the device is built", () => {
    expect(() => make(PortSwitch, { ngs_network_name_format: "{network}" })).toThrow(GenericSwitchNetworkNameFormatInvalid);
  });
  test("ngs_manage_vlans = false sends nothing for networks (trunk ports included)", () => {
    const d = make(PortSwitch, { ngs_manage_vlans: "false", ngs_trunk_ports: "port.1" });
    expect(d.plan("addNetwork", { segmentationId: 33, networkId: NET })).toMatchObject({ commands: [], save: [] });
    expect(d.plan("delNetwork", { segmentationId: 33, networkId: NET }).commands).toEqual([]);
  });
});

describe("ports", () => {
  test("plain plug and unplug", () => {
    const d = make(PortSwitch);
    expect(d.plan("plugPortToNetwork", { port: "3333", segmentationId: 33 })).toEqual({
      operation: "plug port",
      commands: ["plug port 3333 to network 33"],
      save: ["write mem"],
      queries: [],
    });
    expect(d.plan("deletePort", { port: "3333", segmentationId: 33 })).toMatchObject({
      operation: "unplug port",
      commands: ["delete port 3333 from 33"],
    });
  });
  test("ENABLE → leave default VLAN → PLUG; DELETE → restore default VLAN → DISABLE", () => {
    const d = make(PortSwitch, { ngs_disable_inactive_ports: "true", ngs_port_default_vlan: "20" });
    expect(d.plan("plugPortToNetwork", { port: "3333", segmentationId: 33 }).commands).toEqual([
      "enable 3333",
      "delete port 3333 from 20",
      "plug port 3333 to network 33",
    ]);
    expect(d.plan("deletePort", { port: "3333", segmentationId: 33 }).commands).toEqual([
      "delete port 3333 from 33",
      "add network 20 20",
      "plug port 3333 to network 20",
      "disable 3333",
    ]);
  });
  test("a per-call default VLAN wins over ngs_port_default_vlan", () => {
    const d = make(PortSwitch, { ngs_port_default_vlan: "20" });
    expect(d.plan("deletePort", { port: "3333", segmentationId: 33, defaultVlan: 35 }).commands).toEqual([
      "delete port 3333 from 33",
      "add network 35 35",
      "plug port 3333 to network 35",
    ]);
  });
  test("the default VLAN's name goes through ngs_network_name_format with the VLAN for both fields", () => {
    const d = make(PortSwitch, { ngs_network_name_format: "n{network_id}s{segmentation_id}" });
    expect(d.plan("deletePort", { port: "3333", segmentationId: 33, defaultVlan: 35 }).commands).toContain("add network 35 n35s35");
  });
  test("the default VLAN is restored even with ngs_manage_vlans = false (upstream)", () => {
    const d = make(PortSwitch, { ngs_manage_vlans: "false" });
    expect(d.plan("deletePort", { port: "3333", segmentationId: 33, defaultVlan: 35 }).commands).toContain("add network 35 35");
  });
  test("trunk details: native VLAN then each subport; unplug removes them", () => {
    const d = make(PortSwitch);
    expect(d.plan("plugPortToNetwork", { port: "3333", segmentationId: 33, trunkDetails: trunk }).commands).toEqual([
      "set native vlan 33 on 3333",
      "add network 101 to trunk 3333",
      "add network 102 to trunk 3333",
    ]);
    expect(d.plan("deletePort", { port: "3333", segmentationId: 33, trunkDetails: trunk }).commands).toEqual([
      "delete port 3333 from 33",
      "delete native vlan 33 on 3333",
      "remove network 101 from trunk 3333",
      "remove network 102 from trunk 3333",
    ]);
  });
});

test("empty trunk details ({}) mean a plain access port, as in upstream's Python truthiness test", () => {
  expect(make(PortSwitch).plan("plugPortToNetwork", { port: "3333", segmentationId: 33, trunkDetails: {} as never }).commands).toEqual([
    "plug port 3333 to network 33",
  ]);
  expect(make(PortSwitch).plan("plugPortToNetwork", { port: "3333", segmentationId: 33, trunkDetails: { sub_ports: [] } }).commands).toEqual([
    "set native vlan 33 on 3333",
  ]);
});

describe("bonds", () => {
  test("without bond templates a bond is plugged like a port (default VLAN kept); trunk details need bond-trunk templates", () => {
    const d = make(PortSwitch, { ngs_port_default_vlan: "20" });
    expect(d.plan("plugBondToNetwork", { bond: "Po1", segmentationId: 33 })).toMatchObject({
      operation: "plug bond",
      commands: ["delete port Po1 from 20", "plug port Po1 to network 33"],
    });
    // As the ML2 driver refuses it: no ADD_NETWORK_TO_BOND_TRUNK, no trunk on a bond.
    expect(() => d.plan("plugBondToNetwork", { bond: "Po1", segmentationId: 33, trunkDetails: trunk })).toThrow(
      "Requested feature trunks is not supported by networking-generic-switch on the netmiko_test switch sw1. Trunks are not supported on bond ports.",
    );
    expect(d.plan("unplugBondFromNetwork", { bond: "Po1", segmentationId: 33 })).toMatchObject({
      operation: "unplug bond",
      commands: ["delete port Po1 from 33", "add network 20 20", "plug port Po1 to network 20"],
    });
  });
  test("with bond templates the _BOND variants run in the same order", () => {
    const d = make(BondSwitch, { ngs_disable_inactive_ports: "yes", ngs_port_default_vlan: "20" });
    expect(d.plan("plugBondToNetwork", { bond: "Po1", segmentationId: 33 }).commands).toEqual([
      "enable bond Po1",
      "unplug bond Po1 from 20",
      "plug bond Po1 to network 33",
    ]);
    expect(d.plan("unplugBondFromNetwork", { bond: "Po1", segmentationId: 33 }).commands).toEqual([
      "unplug bond Po1 from 33",
      "add network 20 20",
      "plug bond Po1 to network 20",
      "disable bond Po1",
    ]);
  });
  test("bond trunk unplug REMOVES the subports (upstream LP#2122025 sent the add command)", () => {
    const d = make(BondSwitch);
    expect(d.plan("plugBondToNetwork", { bond: "Po1", segmentationId: 33, trunkDetails: trunk }).commands).toEqual([
      "set native vlan 33 on bond Po1",
      "add network 101 to bond trunk Po1",
      "add network 102 to bond trunk Po1",
    ]);
    expect(d.plan("unplugBondFromNetwork", { bond: "Po1", segmentationId: 33, trunkDetails: trunk }).commands).toEqual([
      "unplug bond Po1 from 33",
      "delete native vlan 33 on bond Po1",
      "delete network 101 on bond trunk Po1",
      "delete network 102 on bond trunk Po1",
    ]);
  });
});

describe("trunk subports", () => {
  const subports = [{ segmentation_id: 101 }, { segmentation_id: 102 }];
  test("a plain port uses the port trunk templates", () => {
    const d = make(BondSwitch);
    expect(d.plan("addSubportsOnTrunk", { bindingProfile: {}, portId: "3333", subports })).toMatchObject({
      operation: "add trunk subports",
      commands: ["add network 101 to trunk 3333", "add network 102 to trunk 3333"],
    });
    expect(d.plan("delSubportsOnTrunk", { bindingProfile: {}, portId: "3333", subports })).toMatchObject({
      operation: "delete trunk subports",
      commands: ["remove network 101 from trunk 3333", "remove network 102 from trunk 3333"],
    });
  });
  test.each([["802.3ad"], ["4"]])("an LACP bond (bond_mode %s) uses the bond trunk templates", (mode) => {
    const d = make(BondSwitch);
    const bindingProfile = { local_group_information: { bond_mode: mode } };
    expect(d.plan("addSubportsOnTrunk", { bindingProfile, portId: "Po1", subports }).commands).toEqual([
      "add network 101 to bond trunk Po1",
      "add network 102 to bond trunk Po1",
    ]);
    expect(d.plan("delSubportsOnTrunk", { bindingProfile, portId: "Po1", subports, trunkDetails: trunk }).commands).toEqual([
      "delete network 101 on bond trunk Po1",
      "delete network 102 on bond trunk Po1",
    ]);
  });
  test("an LACP bond on a switch without bond trunk templates is refused (it would send nothing)", () => {
    expect(() => make(PortSwitch).plan("addSubportsOnTrunk", { bindingProfile: lacp, portId: "Po1", subports })).toThrow(
      GenericSwitchNotSupported,
    );
    // No subports asked: nothing to do, not an error.
    expect(make(PortSwitch).plan("addSubportsOnTrunk", { bindingProfile: lacp, portId: "Po1", subports: [] }).commands).toEqual([]);
  });
});

describe("validation happens before anything is composed", () => {
  const d = make(PortSwitch);
  test.each([
    "eth0; reboot",
    "eth0\nreload",
    "eth0|tee",
    "eth0 && rm",
    "$(id)",
    "`id`",
    "eth0'",
    'eth0"',
    "eth0>x",
    "eth0\u0007",
    "",
  ])("port name %j is refused and named in the error", (port) => {
    const err = (() => {
      try {
        d.plan("plugPortToNetwork", { port, segmentationId: 33 });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(GenericSwitchException);
    expect((err as Error).name).toBe("GenericSwitchInvalidValue");
    expect((err as Error).message).toContain(JSON.stringify(port));
  });
  test("a CLI port name may have one inner space; a shell platform's may not", () => {
    expect(d.plan("plugPortToNetwork", { port: "GigabitEthernet 1/0/1", segmentationId: 33 }).commands).toEqual([
      "plug port GigabitEthernet 1/0/1 to network 33",
    ]);
    class ShellSwitch extends PortSwitch {
      static override shellCommands = true;
    }
    expect(() => make(ShellSwitch).plan("plugPortToNetwork", { port: "Gi 1/0/1", segmentationId: 33 })).toThrow(/port name/);
    expect(() => make(ShellSwitch).plan("plugPortToNetwork", { port: "-x", segmentationId: 33 })).toThrow(/port name/);
  });
  test.each([0, 4095, "4095", "abc", "33; reload", -1, 1.5])("VLAN %j is refused", (vlan) => {
    expect(() => d.plan("plugPortToNetwork", { port: "Eth1", segmentationId: vlan as number })).toThrow(/segmentation id/);
  });
  test("VLANs 1 and 4094 and digit strings are fine", () => {
    expect(d.plan("plugPortToNetwork", { port: "Eth1", segmentationId: "4094" }).commands).toEqual(["plug port Eth1 to network 4094"]);
    expect(d.plan("plugPortToNetwork", { port: "Eth1", segmentationId: 1 }).commands).toEqual(["plug port Eth1 to network 1"]);
  });
  test("a subport VLAN, a default VLAN, a bond and a network id are checked too", () => {
    expect(() =>
      d.plan("plugPortToNetwork", { port: "Eth1", segmentationId: 33, trunkDetails: { sub_ports: [{ segmentation_id: "1;x" }] } }),
    ).toThrow(/subport segmentation id/);
    expect(() => d.plan("deletePort", { port: "Eth1", segmentationId: 33, defaultVlan: 5000 })).toThrow(/default VLAN/);
    expect(() => d.plan("plugBondToNetwork", { bond: "Po1\nshutdown", segmentationId: 33 })).toThrow(/bond name/);
    expect(() => d.plan("addNetwork", { segmentationId: 33, networkId: "not-a-uuid" })).toThrow(/network id/);
    expect(() => d.plan("addSubportsOnTrunk", { bindingProfile: {}, portId: "p|x", subports: [] })).toThrow(/port name/);
  });
  test("a bad ngs_trunk_ports entry is refused when the device is built", () => {
    expect(() => make(PortSwitch, { ngs_trunk_ports: "good, bad;port" })).toThrow(/ngs_trunk_ports: Invalid ngs_trunk_ports entry "bad;port"/);
  });
  test("a bad ngs_port_default_vlan is refused when the device is built", () => {
    expect(() => make(PortSwitch, { ngs_port_default_vlan: "0" })).toThrow(GenericSwitchConfigException);
  });
});

describe("dry run details", () => {
  test("the save step is the platform's save, or nothing when saving is off or nothing would be sent", () => {
    expect(make(PortSwitch).plan("plugPortToNetwork", { port: "Eth1", segmentationId: 3 }).save).toEqual(["write mem"]);
    expect(make(PortSwitch, { ngs_save_configuration: "false" }).plan("plugPortToNetwork", { port: "Eth1", segmentationId: 3 }).save).toEqual(
      [],
    );
    expect(make(PortSwitch).plan("addSubportsOnTrunk", { bindingProfile: lacp, portId: "Po1", subports: [] }).save).toEqual([]);
  });
  test("SAVE_CONFIGURATION lines are the save step when the vendor has them", () => {
    class Saver extends PortSwitch {
      static override commands: CommandTemplates = { ...PORT_TEMPLATES, SAVE_CONFIGURATION: ["save it now"] };
    }
    expect(make(Saver).plan("plugPortToNetwork", { port: "Eth1", segmentationId: 3 }).save).toEqual(["save it now"]);
  });
  test("capabilities follow the templates", () => {
    expect(make(PortSwitch).supportTrunkOnPorts).toBe(true);
    expect(make(PortSwitch).supportTrunkOnBondPorts).toBe(false);
    expect(make(BondSwitch).supportTrunkOnBondPorts).toBe(true);
  });
  test("a class naming an unknown CLI platform cannot be built", () => {
    class Nowhere extends PortSwitch {
      static override platform = "no_such_os";
    }
    expect(() => make(Nowhere)).toThrow(GenericSwitchNetmikoNotSupported);
    expect(() => make(Nowhere)).toThrow(/no_such_os/);
  });
  test("sending an empty plan does nothing (no connection is attempted)", async () => {
    // 192.0.2.1 (TEST-NET-1) is never contacted: nothing to send means no session.
    await expect(make(PortSwitch, { ngs_manage_vlans: "false" }).addNetwork(33, NET)).resolves.toBe("");
  });
});

/**
 * netmiko_ovs_linux end to end: a real OpenSSH sshd, a real Open vSwitch
 * (private ovsdb-server + ovs-vswitchd, dummy datapath), as upstream's
 * devstack job sets it up: a login user with passwordless sudo (`sudo -s`,
 * as netmiko's Linux driver does), OVS_RUNDIR handed over by sshd's SetEnv.
 * Fails, never skips, when OVS or sshd is missing.
 */
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOvs, startSshd, type OvsInstance, type Sshd } from "@ngs/test-utils";
import { createLogger, GenericSwitchInvalidValue } from "@ngs/core";
import OvsLinux from "@ngs/device-ovs/ovs-linux";

const USER = "ngs-ovs";
const quiet = { logger: createLogger({ level: "silent" }) };
let ovs: OvsInstance;
let sshd: Sshd;
let dev: OvsLinux;

beforeAll(async () => {
  ovs = await startOvs({ bridge: "genericswitch", ports: ["gs_port_01", "gs_port_02", "gs_bond_01", "uplink"], sudoKeepEnvFor: [USER] });
  sshd = await startSshd({ users: [{ name: USER, sudo: true }], setEnv: { ...ovs.env } });
  dev = new OvsLinux(
    {
      device_type: "netmiko_ovs_linux",
      ip: sshd.host,
      port: String(sshd.port),
      username: sshd.username,
      key_file: sshd.privateKeyPath,
      use_keys: "true",
      ngs_trunk_ports: "uplink",
    },
    "genericswitch",
    quiet,
  );
});

afterAll(async () => {
  await dev?.close();
  await sshd?.stop();
  await ovs?.stop();
});

/** `ovs-vsctl get port P col`, `[]` when empty. */
const get = (port: string, col: string) => ovs.vsctl("get", "port", port, col);
const trunks = async (port: string) =>
  (await get(port, "trunks"))
    .replace(/[[\]\s]/g, "")
    .split(",")
    .filter(Boolean)
    .map(Number)
    .sort((a, b) => a - b);

describe("netmiko_ovs_linux against a real Open vSwitch over real OpenSSH", () => {
  it("plug sets the port's tag, unplug clears it", async () => {
    await dev.plugPortToNetwork("gs_port_01", 100);
    expect(await get("gs_port_01", "tag")).toBe("100");
    expect(await get("gs_port_01", "vlan_mode")).toBe("access");

    await dev.deletePort("gs_port_01", 100);
    expect(await get("gs_port_01", "tag")).toBe("[]");
    expect(await get("gs_port_01", "vlan_mode")).toBe("[]");
  });

  it("trunk details: native-untagged parent VLAN, subports in trunks; add/del subports; unplug clears all", async () => {
    const trunkDetails = { sub_ports: [{ segmentation_id: 201 }, { segmentation_id: 202 }] };
    await dev.plugPortToNetwork("gs_port_02", 110, { trunkDetails });
    expect(await get("gs_port_02", "tag")).toBe("110");
    expect(await get("gs_port_02", "vlan_mode")).toBe("native-untagged");
    expect(await trunks("gs_port_02")).toEqual([110, 201, 202]);

    await dev.addSubportsOnTrunk({}, "gs_port_02", [{ segmentation_id: 203 }]);
    expect(await trunks("gs_port_02")).toEqual([110, 201, 202, 203]);
    await dev.delSubportsOnTrunk({}, "gs_port_02", [{ segmentation_id: 201 }]);
    expect(await trunks("gs_port_02")).toEqual([110, 202, 203]);

    await dev.deletePort("gs_port_02", 110, { trunkDetails: { sub_ports: [{ segmentation_id: 202 }, { segmentation_id: 203 }] } });
    expect(await get("gs_port_02", "tag")).toBe("[]");
    expect(await trunks("gs_port_02")).toEqual([]);
  });

  it("802.3ad bond subports go to the bond's trunks; ngs_trunk_ports follow add/del network", async () => {
    const lacp = { local_group_information: { bond_mode: "802.3ad" } };
    await dev.plugBondToNetwork("gs_bond_01", 120);
    expect(await get("gs_bond_01", "tag")).toBe("120");
    await dev.addSubportsOnTrunk(lacp, "gs_bond_01", [{ segmentation_id: 301 }]);
    expect(await trunks("gs_bond_01")).toEqual([301]);
    await dev.unplugBondFromNetwork("gs_bond_01", 120);
    expect(await get("gs_bond_01", "tag")).toBe("[]");

    await dev.addNetwork(130, "0ae071f5-5be9-43e4-80ea-e41fefe85b21");
    expect(await trunks("uplink")).toEqual([130]);
    await dev.delNetwork(130, "0ae071f5-5be9-43e4-80ea-e41fefe85b21");
    expect(await trunks("uplink")).toEqual([]);
  });

  it("L2VNI: the VNI map lives in the bridge's external_ids and the queries read it back", async () => {
    expect(dev.supportsL2vni).toBe(true);
    expect(await dev.vlanHasVni(140, 5140)).toBe(false);
    await dev.plugSwitchToNetwork(5140, 140);
    expect(await ovs.vsctl("get", "bridge", "genericswitch", "external_ids:vni-5140")).toBe('"140"');
    expect(await dev.vlanHasVni(140, 5140)).toBe(true);
    expect(await dev.vlanHasVni(141, 5140)).toBe(false);

    expect(await dev.vlanHasPorts(140)).toBe(false);
    await dev.plugPortToNetwork("gs_port_01", 140);
    expect(await dev.vlanHasPorts(140)).toBe(true);
    await dev.deletePort("gs_port_01", 140);

    await dev.unplugSwitchFromNetwork(5140, 140);
    expect(await dev.vlanHasVni(140, 5140)).toBe(false);
  });

  it("an injection attempt in a port name is refused and never reaches the host", async () => {
    const marker = `/tmp/ngs-pwned-${process.pid}`;
    await expect(dev.plugPortToNetwork(`gs_port_01; touch ${marker}`, 100)).rejects.toBeInstanceOf(GenericSwitchInvalidValue);
    await expect(dev.plugPortToNetwork(`gs_port_01$(touch ${marker})`, 100)).rejects.toBeInstanceOf(GenericSwitchInvalidValue);
    expect(existsSync(marker)).toBe(false);
    expect(await get("gs_port_01", "tag")).toBe("[]");
  });
});

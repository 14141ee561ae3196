// netconf_openconfig against a real NETCONF server: Debian's netconfd
// (yuma123) with the OpenConfig-shaped YANG modules of @ngs/test-utils. The
// device's edits must be accepted (schema, operations, namespaces) and read
// back with get-config.
//
// The running datastore: netconfd 2.13 drops candidate edits that were
// validated before the commit (see the fixture's notes), and the device
// validates whenever :validate is advertised, as upstream does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "@ngs/core";
import NetconfOpenConfigSwitch from "@ngs/device-openconfig/openconfig";
import { NetconfSession, parseXml } from "@ngs/netconf";
import { startNetconfd, type Netconfd } from "@ngs/test-utils";

const NET = "0ae071f5-5be9-43e4-80ea-e41fefe85b21";
const HEX = "0ae071f55be943e480eae41fefe85b21";
const OC_IF = "http://openconfig.net/yang/interfaces";
const OC_NI = "http://openconfig.net/yang/network-instance";

let d: Netconfd;
beforeAll(async () => {
  d = await startNetconfd({ target: "running", withStartup: true });
  // What the switch already has: its default network instance and its ports.
  const nc = await session();
  try {
    await nc.editConfig(
      "running",
      `<network-instances xmlns="${OC_NI}"><network-instance><name>default</name><config><name>default</name></config></network-instance></network-instances>` +
        `<interfaces xmlns="${OC_IF}">${["Ethernet1", "Ethernet2", "Ethernet48"].map((n) => `<interface><name>${n}</name><config><name>${n}</name></config></interface>`).join("")}</interfaces>`,
    );
  } finally {
    await nc.closeSession();
  }
});
afterAll(async () => d?.stop());

function session(): Promise<NetconfSession> {
  return NetconfSession.connect({ host: d.host, port: d.port, username: d.username, password: d.password, hostKey: { fingerprintSha256: d.hostKeyFingerprint } });
}

function device(extra: Record<string, string> = {}): NetconfOpenConfigSwitch {
  return new NetconfOpenConfigSwitch(
    {
      device_type: "netconf_openconfig",
      host: d.host,
      port: String(d.port),
      username: d.username,
      password: d.password,
      ngs_host_key_fingerprint: d.hostKeyFingerprint,
      ngs_trunk_ports: "Ethernet48",
      ...extra,
    },
    "netconfd",
    { logger: createLogger({ level: "silent" }) },
  );
}

type Json = Record<string, unknown>;
const list = (v: unknown): Json[] => (v === undefined ? [] : Array.isArray(v) ? (v as Json[]) : [v as Json]);

/** The datastore as the device's switch sees it: VLANs of `default`, and switched-vlan config per interface. */
async function readBack(source: "running" | "startup" = "running") {
  const nc = await session();
  try {
    const data = parseXml((await nc.getConfig(source)).data) as Json;
    const ni = list((data["network-instances"] as Json | undefined)?.["network-instance"]).find((n) => String(n.name) === "default");
    const vlans = Object.fromEntries(
      list((ni?.vlans as Json | undefined)?.vlan).map((v) => [Number(v["vlan-id"]), (v.config as Json | undefined)?.name === undefined ? "" : String((v.config as Json).name)]),
    );
    const ports: Record<string, Json | undefined> = {};
    for (const i of list((data.interfaces as Json | undefined)?.interface)) {
      const sv = (((i.ethernet as Json | undefined)?.["switched-vlan"] as Json | undefined)?.config as Json | undefined) ?? undefined;
      const num = (k: string) => (sv?.[k] === undefined ? {} : { [k]: Number(sv[k]) });
      ports[String(i.name)] = sv && { ...sv, ...num("access-vlan"), ...num("native-vlan"), "trunk-vlans": list(sv["trunk-vlans"]).map(Number) };
    }
    return { vlans, ports };
  } finally {
    await nc.closeSession();
  }
}

describe("netconf_openconfig against netconfd (running datastore, copy-config to startup)", () => {
  it("add network, plug, trunk, unplug, delete network: each edit accepted and read back", async () => {
    const sw = device();

    await sw.addNetwork(100, NET);
    let s = await readBack();
    expect(s.vlans[100]).toBe(HEX);
    expect(s.ports.Ethernet48).toMatchObject({ "interface-mode": "TRUNK", "trunk-vlans": [100] });

    await sw.addNetwork(200, "11111111-2222-3333-4444-555555555555", { physnetVlans: [100, 200] });
    s = await readBack();
    expect(s.ports.Ethernet48).toMatchObject({ "interface-mode": "TRUNK", "trunk-vlans": [100, 200] });

    await sw.plugPortToNetwork("Ethernet1", 100);
    s = await readBack();
    expect(s.ports.Ethernet1).toMatchObject({ "interface-mode": "ACCESS", "access-vlan": 100 });

    await sw.plugPortToNetwork("Ethernet2", 100, { trunkDetails: { sub_ports: [{ segmentation_id: 200 }] } });
    s = await readBack();
    expect(s.ports.Ethernet2).toMatchObject({ "interface-mode": "TRUNK", "native-vlan": 100, "trunk-vlans": [200] });

    await sw.deletePort("Ethernet1", 100);
    await sw.deletePort("Ethernet2", 100);
    s = await readBack();
    expect(s.ports.Ethernet1).toBeUndefined();
    expect(s.ports.Ethernet2).toBeUndefined();

    await sw.delNetwork(100, NET, { physnetVlans: [200] });
    s = await readBack();
    expect(s.vlans[100]).toBeUndefined();
    expect(s.vlans[200]).toBe("11111111222233334444555555555555");
    expect(s.ports.Ethernet48).toMatchObject({ "trunk-vlans": [200] });

    // Every change was copied to startup.
    expect(await readBack("startup")).toEqual(s);
  });
});

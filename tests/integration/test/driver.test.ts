/**
 * GenericSwitchDriver's hooks with Neutron-shaped contexts, against
 * simulated switches over real SSH. Devices are loaded the way a host loads
 * them: ini file → plugin manifests (the @ngs/cli host's dependencies) →
 * device classes.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  GenericSwitchDriver,
  GenericSwitchNotSupported,
  MemoryDriverHost,
  SimplePortContext,
  createLogger,
  loadDevices,
  type DriverSwitch,
  type GenericSwitchDevice,
  type NeutronNetwork,
  type NeutronPort,
  type NeutronSegment,
} from "@ngs/core";
import { startSwitch, type SimSwitch } from "@ngs/switch-sim";
import { SIM_PASSWORD as PASSWORD, SIM_SECRET as SECRET } from "@ngs/test-utils";

// The ngs command's package: its dependencies are the plugins a host loads.
const HOST_PACKAGE_JSON = createRequire(import.meta.url).resolve("@ngs/cli/package.json");

const SEG100: NeutronSegment = { id: "seg-100", network_type: "vlan", segmentation_id: 100, physical_network: "physnet1" };
const SEG200: NeutronSegment = { id: "seg-200", network_type: "vlan", segmentation_id: 200, physical_network: "physnet1" };
const SEG_PHYS2: NeutronSegment = { id: "seg-p2", network_type: "vlan", segmentation_id: 100, physical_network: "physnet2" };

interface Sw {
  name: string;
  platform: string;
  deviceType: string;
  extra?: Record<string, string>;
}
const SWITCHES: Sw[] = [
  { name: "sw-a", platform: "cisco_ios", deviceType: "netmiko_cisco_ios", extra: { ngs_physical_networks: "physnet1", ngs_mac_address: "AA:BB:CC:00:00:01" } },
  { name: "sw-b", platform: "cisco_ios", deviceType: "netmiko_cisco_ios", extra: { ngs_physical_networks: "physnet1", ngs_allowed_ports: "Gi0/1, Gi0/2", ngs_allowed_vlans: "100,101,102" } },
  { name: "sw-c", platform: "arista_eos", deviceType: "netmiko_arista_eos", extra: { ngs_physical_networks: "physnet2" } },
  { name: "sw-s300", platform: "cisco_s300", deviceType: "netmiko_cisco_s300", extra: { ngs_physical_networks: "physnet3" } },
  { name: "sw-s300b", platform: "cisco_s300", deviceType: "netmiko_cisco_s300", extra: { ngs_physical_networks: "physnet1" } },
];

let dir: string;
const sims = new Map<string, SimSwitch>();
let devices: Map<string, GenericSwitchDevice>;
let fakeDevices: Map<string, GenericSwitchDevice>;
const logger = createLogger({ level: "silent" });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ngs-driver-test-"));
  const sections: string[] = [];
  for (const sw of SWITCHES) {
    const sim = await startSwitch({ platform: sw.platform, hostname: sw.name, username: "admin", password: PASSWORD, secret: SECRET });
    sims.set(sw.name, sim);
    sections.push(
      [
        `[genericswitch:${sw.name}]`,
        `device_type = ${sw.deviceType}`,
        `ip = ${sim.host}`,
        `port = ${sim.port}`,
        `username = admin`,
        `password = ${PASSWORD}`,
        `secret = ${SECRET}`,
        `ngs_ssh_connect_timeout = 5`,
        ...Object.entries(sw.extra ?? {}).map(([k, v]) => `${k} = ${v}`),
        "",
      ].join("\n"),
    );
  }
  const file = join(dir, "ml2_conf_genericswitch.ini");
  writeFileSync(file, sections.join("\n"));
  ({ devices } = await loadDevices({ configFiles: [file], hostPackageJson: HOST_PACKAGE_JSON, context: { logger } }));

  const fakeFile = join(dir, "fake.ini");
  writeFileSync(fakeFile, "[genericswitch:fake1]\ndevice_type = netmiko_fake\nngs_physical_networks = physnet1\n");
  ({ devices: fakeDevices } = await loadDevices({ configFiles: [fakeFile], hostPackageJson: HOST_PACKAGE_JSON, context: { logger } }));
});

afterAll(async () => {
  for (const d of [...(devices?.values() ?? []), ...(fakeDevices?.values() ?? [])]) await (d as unknown as { close?: () => Promise<void> }).close?.();
  await Promise.all([...sims.values()].map((s) => s.close()));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  for (const s of sims.values()) s.faults = {};
});

function port(id: string, links: { switch_info?: string; switch_id?: string; port_id: string }[], extra: Partial<NeutronPort> = {}): NeutronPort {
  return {
    id,
    status: "DOWN",
    "binding:vnic_type": "baremetal",
    "binding:vif_type": "unbound",
    "binding:profile": { local_link_information: links },
    fixed_ips: [],
    ...extra,
  };
}

async function newDriver(switches: Map<string, GenericSwitchDevice> = devices) {
  const host = new MemoryDriverHost();
  const driver = new GenericSwitchDriver({ host, switches, logger });
  await driver.initialize();
  return { host, driver };
}

/** bind, then the update that plugs (status DOWN, bound to the segment). */
async function bindAndPlug(driver: GenericSwitchDriver, p: NeutronPort, segments: NeutronSegment[] = [SEG100]) {
  const bind = new SimplePortContext({ current: p, segmentsToBind: segments });
  await driver.bindPort(bind);
  expect(bind.binding).not.toBeNull();
  const update = new SimplePortContext({ current: { ...bind.current, status: "DOWN" }, original: p, bottomBoundSegment: bind.bottomBoundSegment });
  await driver.updatePortPostcommit(update);
  return update.current;
}

const simPort = (sw: string, name: string) => sims.get(sw)!.state.ports.get(name);
const logLen = () => new Map([...sims].map(([n, s]) => [n, s.commandLog.length]));

describe("bindPort", () => {
  it("binds a baremetal port to the first segment without contacting any switch", async () => {
    const { host, driver } = await newDriver();
    const before = logLen();
    const ctx = new SimplePortContext({ current: port("p-bind", [{ switch_info: "sw-a", port_id: "Gi0/5" }]), segmentsToBind: [SEG100, SEG200] });
    await driver.bindPort(ctx);
    expect(ctx.binding).toEqual({ segmentId: "seg-100", vifType: "other", vifDetails: {} });
    expect(host.provisioningBlocks.get("p-bind")).toEqual(new Set(["GENERICSWITCH"]));
    expect(logLen()).toEqual(before);
  });

  it("ignores ports that are not baremetal or have no link information", async () => {
    const { host, driver } = await newDriver();
    const normal = new SimplePortContext({
      current: port("p-normal", [{ switch_info: "sw-a", port_id: "Gi0/5" }], { "binding:vnic_type": "normal" }),
      segmentsToBind: [SEG100],
    });
    const noLinks = new SimplePortContext({ current: port("p-nolinks", []), segmentsToBind: [SEG100] });
    await driver.bindPort(normal);
    await driver.bindPort(noLinks);
    expect(normal.binding).toBeNull();
    expect(noLinks.binding).toBeNull();
    expect(host.provisioningBlocks.size).toBe(0);
  });

  it.each([
    ["an unknown switch", [{ switch_info: "nope", port_id: "Gi0/1" }], SEG100],
    ["a switch on another physnet", [{ switch_info: "sw-c", port_id: "Ethernet1" }], SEG100],
    ["a port outside ngs_allowed_ports", [{ switch_info: "sw-b", port_id: "Gi0/9" }], SEG100],
    ["a VLAN outside ngs_allowed_vlans", [{ switch_info: "sw-b", port_id: "Gi0/1" }], SEG200],
    ["one bad link among good ones", [{ switch_info: "sw-a", port_id: "Gi0/1" }, { switch_info: "nope", port_id: "Gi0/2" }], SEG100],
    ["a port id carrying a command injection", [{ switch_info: "sw-a", port_id: "Gi0/1\nreload" }], SEG100],
  ])("binds nothing and sends nothing for %s", async (_what, links, segment) => {
    const { host, driver } = await newDriver();
    const before = logLen();
    const p = port("p-refused", links);
    const ctx = new SimplePortContext({ current: p, segmentsToBind: [segment] });
    await driver.bindPort(ctx);
    expect(ctx.binding).toBeNull();
    expect(host.provisioningBlocks.size).toBe(0);
    // Even if asked to plug it anyway, the links are re-validated and nothing is sent.
    await driver.updatePortPostcommit(
      new SimplePortContext({ current: { ...p, "binding:vif_type": "other" }, original: p, bottomBoundSegment: segment }),
    );
    expect(logLen()).toEqual(before);
  });

  it("finds the switch by switch_id (ngs_mac_address, any case) before switch_info", async () => {
    const { driver } = await newDriver();
    const ctx = new SimplePortContext({
      current: port("p-mac", [{ switch_id: "aa:bb:cc:00:00:01", switch_info: "nope", port_id: "Gi0/1" }]),
      segmentsToBind: [SEG100],
    });
    await driver.bindPort(ctx);
    expect(ctx.binding?.segmentId).toBe("seg-100");
  });

  it("keeps only the segments of the port's subnets", async () => {
    const { host, driver } = await newDriver();
    host.subnets.set("subnet-200", { id: "subnet-200", segment_id: "seg-200" });
    const ctx = new SimplePortContext({
      current: port("p-subnet", [{ switch_info: "sw-a", port_id: "Gi0/1" }], { fixed_ips: [{ subnet_id: "subnet-200", ip_address: "10.0.0.5" }] }),
      segmentsToBind: [SEG100, SEG200],
    });
    await driver.bindPort(ctx);
    expect(ctx.binding?.segmentId).toBe("seg-200");
  });
});

describe("port plug and unplug on simulated switches", () => {
  it("bind → plug puts the port into the VLAN; an ACTIVE port is not plugged again; unbind takes it out", async () => {
    const { host, driver } = await newDriver();
    const p = port("p-plug", [{ switch_info: "sw-a", port_id: "Gi0/11" }]);
    const bound = await bindAndPlug(driver, p);
    expect(simPort("sw-a", "Gi0/11")).toMatchObject({ mode: "access", accessVlan: 100 });
    expect(host.completed).toEqual([{ portId: "p-plug", entity: "GENERICSWITCH" }]);

    const before = logLen();
    await driver.updatePortPostcommit(new SimplePortContext({ current: { ...bound, status: "ACTIVE" }, original: bound, bottomBoundSegment: SEG100 }));
    expect(logLen()).toEqual(before);

    const unbound: NeutronPort = { ...bound, "binding:vif_type": "unbound", "binding:profile": {} };
    await driver.updatePortPostcommit(
      new SimplePortContext({ current: unbound, original: { ...bound, status: "ACTIVE" }, originalBottomBoundSegment: SEG100 }),
    );
    expect(simPort("sw-a", "Gi0/11")?.accessVlan ?? null).toBeNull();
  });

  it("delete_port_postcommit unplugs a bound port", async () => {
    const { driver } = await newDriver();
    const bound = await bindAndPlug(driver, port("p-del", [{ switch_info: "sw-a", port_id: "Gi0/12" }]));
    expect(simPort("sw-a", "Gi0/12")?.accessVlan).toBe(100);
    await driver.deletePortPostcommit(new SimplePortContext({ current: { ...bound, status: "ACTIVE" }, bottomBoundSegment: SEG100 }));
    expect(simPort("sw-a", "Gi0/12")?.accessVlan ?? null).toBeNull();
  });

  it("plugs every link of an 802.3ad bond, and unplugs them", async () => {
    const { driver } = await newDriver();
    const p = port("p-bond", [
      { switch_info: "sw-a", port_id: "Gi0/13" },
      { switch_info: "sw-a", port_id: "Gi0/14" },
    ]);
    p["binding:profile"]!.local_group_information = { bond_mode: "802.3ad" };
    const bound = await bindAndPlug(driver, p);
    expect(simPort("sw-a", "Gi0/13")).toMatchObject({ mode: "access", accessVlan: 100 });
    expect(simPort("sw-a", "Gi0/14")).toMatchObject({ mode: "access", accessVlan: 100 });
    await driver.deletePortPostcommit(new SimplePortContext({ current: { ...bound, status: "ACTIVE" }, bottomBoundSegment: SEG100 }));
    expect(simPort("sw-a", "Gi0/13")?.accessVlan ?? null).toBeNull();
    expect(simPort("sw-a", "Gi0/14")?.accessVlan ?? null).toBeNull();
  });

  it("plugs a trunk port: native VLAN, subport VLANs tagged, subports marked ACTIVE", async () => {
    const { host, driver } = await newDriver();
    const p = port("p-trunk", [{ switch_info: "sw-a", port_id: "Gi0/15" }], {
      trunk_details: {
        trunk_id: "t1",
        sub_ports: [
          { port_id: "sub-101", segmentation_id: 101, segmentation_type: "vlan" },
          { port_id: "sub-102", segmentation_id: 102, segmentation_type: "vlan" },
        ],
      },
    });
    const bound = await bindAndPlug(driver, p);
    const st = simPort("sw-a", "Gi0/15")!;
    expect(st.mode).toBe("trunk");
    expect(st.nativeVlan).toBe(100);
    expect([...st.allowedVlans].sort()).toEqual([100, 101, 102]);
    expect(host.ports.get("sub-101")?.status).toBe("ACTIVE");
    expect(host.ports.get("sub-102")?.status).toBe("ACTIVE");

    // Trunk driver: add and remove a subport on the bound parent.
    await driver.trunkDriver!.subportsAdded(bound, [{ port_id: "sub-103", segmentation_id: 103, segmentation_type: "vlan" }]);
    expect(simPort("sw-a", "Gi0/15")!.allowedVlans).toContain(103);
    expect(host.ports.get("sub-103")?.status).toBe("ACTIVE");
    await driver.trunkDriver!.subportsDeleted(bound, [{ port_id: "sub-101", segmentation_id: 101, segmentation_type: "vlan" }]);
    expect(simPort("sw-a", "Gi0/15")!.allowedVlans).not.toContain(101);
    expect(simPort("sw-a", "Gi0/15")!.allowedVlans).toContain(103);

    // Deleting the parent undoes the native VLAN and the remaining subports too
    // (upstream leaves `switchport trunk native vlan 100` behind).
    await driver.deletePortPostcommit(new SimplePortContext({ current: { ...bound, status: "ACTIVE" }, bottomBoundSegment: SEG100 }));
    const after = simPort("sw-a", "Gi0/15")!;
    expect(after.mode).not.toBe("trunk");
    expect(after.nativeVlan).toBeNull();
    expect(after.allowedVlans).toEqual([]);
  });

  it("checks trunk support on every link before plugging any", async () => {
    const { driver } = await newDriver();
    // sw-a (IOS) supports trunks, sw-s300b does not: neither gets a command.
    const p = port("p-mixed", [{ switch_info: "sw-a", port_id: "Gi0/17" }, { switch_info: "sw-s300b", port_id: "gi1/0/2" }], {
      trunk_details: { sub_ports: [{ port_id: "s", segmentation_id: 101 }] },
    });
    const bind = new SimplePortContext({ current: p, segmentsToBind: [SEG100] });
    await driver.bindPort(bind);
    expect(bind.binding).not.toBeNull();
    const before = logLen();
    await expect(
      driver.updatePortPostcommit(new SimplePortContext({ current: bind.current, original: p, bottomBoundSegment: SEG100 })),
    ).rejects.toThrow("on the sw-s300b. Trunks are not supported on ports.");
    expect(logLen()).toEqual(before);
  });

  it("raises GenericSwitchNotSupported for a trunk on a switch without trunk support, sending nothing", async () => {
    const { host, driver } = await newDriver();
    const seg: NeutronSegment = { ...SEG100, physical_network: "physnet3" };
    const p = port("p-s300", [{ switch_info: "sw-s300", port_id: "gi1/0/1" }], {
      trunk_details: { sub_ports: [{ port_id: "s", segmentation_id: 101 }] },
    });
    const bind = new SimplePortContext({ current: p, segmentsToBind: [seg] });
    await driver.bindPort(bind);
    const before = logLen();
    const err = await driver
      .updatePortPostcommit(new SimplePortContext({ current: bind.current, original: p, bottomBoundSegment: seg }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GenericSwitchNotSupported);
    expect((err as Error).message).toBe(
      "Requested feature trunks is not supported by networking-generic-switch on the sw-s300. Trunks are not supported on ports.",
    );
    expect(logLen()).toEqual(before);
    expect(host.completed).toEqual([]);
  });

  it("re-raises an unplug failure", async () => {
    const { driver } = await newDriver();
    const bound = await bindAndPlug(driver, port("p-unplug-fail", [{ switch_info: "sw-a", port_id: "Gi0/16" }]));
    sims.get("sw-a")!.faults = { errorOn: [{ pattern: /no switchport access vlan/, output: "% Invalid input detected at '^' marker." }] };
    await expect(
      driver.deletePortPostcommit(new SimplePortContext({ current: { ...bound, status: "ACTIVE" }, bottomBoundSegment: SEG100 })),
    ).rejects.toThrow(/Netmiko configuration error/);
  });
});

describe("networks", () => {
  const net = (vlan: number, physnet = "physnet1"): NeutronNetwork => ({
    id: `0b0e7c52-6c2f-4a4c-9d1e-00000000${String(vlan).padStart(4, "0")}`,
    "provider:network_type": "vlan",
    "provider:segmentation_id": vlan,
    "provider:physical_network": physnet,
  });

  it("creates and deletes the VLAN on every switch of the physnet, and only there", async () => {
    const { driver } = await newDriver();
    await driver.createNetworkPostcommit({ current: net(300) });
    expect(sims.get("sw-a")!.state.vlans.has(300)).toBe(true);
    expect(sims.get("sw-b")!.state.vlans.has(300)).toBe(true);
    expect(sims.get("sw-c")!.state.vlans.has(300)).toBe(false);
    await driver.deleteNetworkPostcommit({ current: net(300) });
    expect(sims.get("sw-a")!.state.vlans.has(300)).toBe(false);
    expect(sims.get("sw-b")!.state.vlans.has(300)).toBe(false);
  });

  it("ignores non-VLAN networks and VLAN networks without a segmentation id", async () => {
    const { driver } = await newDriver();
    const before = logLen();
    await driver.createNetworkPostcommit({ current: { ...net(301), "provider:network_type": "vxlan" } });
    await driver.createNetworkPostcommit({ current: { ...net(301), "provider:segmentation_id": null } });
    expect(logLen()).toEqual(before);
  });

  it("create fails fast: the first failing switch raises and later switches are not touched", async () => {
    const { driver } = await newDriver();
    sims.get("sw-a")!.faults = { errorOn: [{ pattern: /^vlan 310/, output: "% Invalid input detected at '^' marker." }] };
    await expect(driver.createNetworkPostcommit({ current: net(310) })).rejects.toThrow(/Netmiko configuration error/);
    expect(sims.get("sw-b")!.state.vlans.has(310)).toBe(false);
    expect(sims.get("sw-b")!.commandLog.some((c) => c.includes("310"))).toBe(false);
    expect(sims.get("sw-s300b")!.commandLog.some((c) => c.includes("310"))).toBe(false);
  });

  it("delete tries every switch, then raises", async () => {
    const { driver } = await newDriver();
    await driver.createNetworkPostcommit({ current: net(320) });
    sims.get("sw-a")!.faults = { errorOn: [{ pattern: /^no vlan 320/, output: "% Invalid input detected at '^' marker." }] };
    await expect(driver.deleteNetworkPostcommit({ current: net(320) })).rejects.toThrow(/Netmiko configuration error/);
    expect(sims.get("sw-a")!.state.vlans.has(320)).toBe(true);
    expect(sims.get("sw-b")!.state.vlans.has(320)).toBe(false);
    expect(sims.get("sw-s300b")!.state.vlans.has(320)).toBe(false);
  });

  it("a segment without a physnet match on a switch with physnets is skipped", async () => {
    const { driver } = await newDriver();
    await driver.createNetworkPostcommit({ current: net(330, "physnet2") });
    expect(sims.get("sw-c")!.state.vlans.has(330)).toBe(true);
    expect(sims.get("sw-a")!.state.vlans.has(330)).toBe(false);
    await driver.deleteNetworkPostcommit({ current: net(330, "physnet2") });
    expect(sims.get("sw-c")!.state.vlans.has(330)).toBe(false);
  });
});

describe("with the fake device (no switch needed)", () => {
  type Fake = GenericSwitchDevice & { sent: { commands: string[] }[] };
  const fake = () => fakeDevices.get("fake1") as Fake;

  it("sends the upstream fake command sequence for a plug and an unplug", async () => {
    const { driver } = await newDriver(fakeDevices);
    fake().sent.length = 0;
    const bound = await bindAndPlug(driver, port("f1", [{ switch_info: "fake1", port_id: "port-7" }]));
    await driver.deletePortPostcommit(new SimplePortContext({ current: { ...bound, status: "ACTIVE" }, bottomBoundSegment: SEG100 }));
    expect(fake().sent.map((s) => s.commands)).toEqual([["plug port port-7 to network 100"], ["delete port port-7"]]);
  });

  it("a trunk on an 802.3ad bond is refused when the switch has no bond trunks", async () => {
    const { driver } = await newDriver(fakeDevices);
    fake().sent.length = 0;
    const p = port("f-bond", [{ switch_info: "fake1", port_id: "bond0" }], { trunk_details: { sub_ports: [{ segmentation_id: 101 }] } });
    p["binding:profile"]!.local_group_information = { bond_mode: "4" };
    const bind = new SimplePortContext({ current: p, segmentsToBind: [SEG100] });
    await driver.bindPort(bind);
    await expect(
      driver.updatePortPostcommit(new SimplePortContext({ current: bind.current, original: p, bottomBoundSegment: SEG100 })),
    ).rejects.toThrow("Trunks are not supported on bond ports.");
    expect(fake().sent).toEqual([]);
  });

  it("a bond mode other than 4/802.3ad plugs each link as a port", async () => {
    const { driver } = await newDriver(fakeDevices);
    fake().sent.length = 0;
    const p = port("f-ab", [
      { switch_info: "fake1", port_id: "eth1" },
      { switch_info: "fake1", port_id: "eth2" },
    ]);
    p["binding:profile"]!.local_group_information = { bond_mode: "active-backup" };
    await bindAndPlug(driver, p);
    expect(fake().sent.map((s) => s.commands)).toEqual([["plug port eth1 to network 100"], ["plug port eth2 to network 100"]]);
  });

  it("an unbound segment with no segmentation id plugs into VLAN 1", async () => {
    const { driver } = await newDriver(fakeDevices);
    fake().sent.length = 0;
    const flat: NeutronSegment = { id: "flat", network_type: "flat", segmentation_id: null, physical_network: "physnet1" };
    await bindAndPlug(driver, port("f-flat", [{ switch_info: "fake1", port_id: "eth3" }]), [flat]);
    expect(fake().sent.map((s) => s.commands)).toEqual([["plug port eth3 to network 1"]]);
  });

  it("logs and binds nothing when no devices are configured", async () => {
    const { driver, host } = await newDriver(new Map());
    const ctx = new SimplePortContext({ current: port("x", [{ switch_info: "sw", port_id: "p" }]), segmentsToBind: [SEG100] });
    await driver.bindPort(ctx);
    expect(ctx.binding).toBeNull();
    expect(host.provisioningBlocks.size).toBe(0);
  });

  it("SEG_PHYS2 binds on the arista switch of physnet2", async () => {
    const { driver } = await newDriver();
    const ctx = new SimplePortContext({ current: port("p-p2", [{ switch_info: "sw-c", port_id: "Ethernet7" }]), segmentsToBind: [SEG_PHYS2] });
    await driver.bindPort(ctx);
    expect(ctx.binding?.segmentId).toBe("seg-p2");
  });
});

describe("L2VNI (hierarchical binding, docs/upstream.md#mechanism-driver)", () => {
  // No first-party vendor maps VNIs yet, so a recording switch stands in for one.
  class VniSwitch implements DriverSwitch {
    readonly physicalNetworks: string[] = [];
    readonly supportTrunkOnPorts = true;
    readonly supportTrunkOnBondPorts = false;
    readonly supportsL2vni = true;
    readonly calls: string[] = [];
    readonly vniOf = new Map<number, number>();
    portsIn = new Set<string>();
    isAllowed() {
      return true;
    }
    async addNetwork() {}
    async delNetwork() {}
    async plugPortToNetwork(port: string, seg: number | string) {
      this.calls.push(`plug ${port} ${seg}`);
      this.portsIn.add(port);
    }
    async deletePort(port: string, seg: number | string) {
      this.calls.push(`unplug ${port} ${seg}`);
      this.portsIn.delete(port);
    }
    async plugBondToNetwork() {}
    async unplugBondFromNetwork() {}
    async addSubportsOnTrunk() {}
    async delSubportsOnTrunk() {}
    async plugSwitchToNetwork(vni: number | string, seg: number | string) {
      this.calls.push(`map ${vni} ${seg}`);
      this.vniOf.set(Number(seg), Number(vni));
    }
    async unplugSwitchFromNetwork(vni: number | string, seg: number | string) {
      this.calls.push(`unmap ${vni} ${seg}`);
      this.vniOf.delete(Number(seg));
    }
    async vlanHasVni(seg: number | string, vni: number | string) {
      return this.vniOf.get(Number(seg)) === Number(vni);
    }
    async vlanHasPorts() {
      return this.portsIn.size > 0;
    }
  }
  const TOP: NeutronSegment = { id: "vx", network_type: "vxlan", segmentation_id: 5000 };
  const BOTTOM: NeutronSegment = { id: "vl", network_type: "vlan", segmentation_id: 700, physical_network: "physnet1" };

  async function plug(driver: GenericSwitchDriver, id: string, portId: string) {
    const p = port(id, [{ switch_info: "vni1", port_id: portId }], { "binding:vif_type": "other" });
    await driver.updatePortPostcommit(new SimplePortContext({ current: p, bottomBoundSegment: BOTTOM, topBoundSegment: TOP }));
    return p;
  }

  it("maps the VNI once, before plugging, and unmaps it when the last port leaves", async () => {
    const sw = new VniSwitch();
    const host = new MemoryDriverHost();
    host.segments.set(BOTTOM.id, BOTTOM);
    const driver = new GenericSwitchDriver({ host, switches: new Map([["vni1", sw]]), logger });
    await driver.initialize();
    const a = await plug(driver, "a", "e1");
    const b = await plug(driver, "b", "e2");
    expect(sw.calls).toEqual(["map 5000 700", "plug e1 700", "plug e2 700"]);

    const del = (p: NeutronPort) =>
      driver.deletePortPostcommit(new SimplePortContext({ current: { ...p, status: "ACTIVE" }, bottomBoundSegment: BOTTOM, topBoundSegment: TOP }));
    await del(a);
    expect(sw.calls.at(-1)).toBe("unplug e1 700"); // e2 still uses the VLAN: the mapping stays
    await del(b);
    expect(sw.calls.slice(-2)).toEqual(["unplug e2 700", "unmap 5000 700"]);
  });

  it("unmaps when the segment is gone even if the switch reports ports on the VLAN", async () => {
    const sw = new VniSwitch();
    const host = new MemoryDriverHost(); // the segment is not known: deleted in Neutron
    const driver = new GenericSwitchDriver({ host, switches: new Map([["vni1", sw]]), logger });
    await driver.initialize();
    const a = await plug(driver, "a", "e1");
    sw.portsIn.add("someone-else");
    await driver.deletePortPostcommit(new SimplePortContext({ current: { ...a, status: "ACTIVE" }, bottomBoundSegment: BOTTOM, topBoundSegment: TOP }));
    expect(sw.calls.at(-1)).toBe("unmap 5000 700");
  });
});

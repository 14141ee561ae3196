// Shared by the vendor packages' tests: every scenario of docs/upstream.md#command-lists-per-device-type as a dry
// run (the device's plan), so one `toEqual` per device type shows each list.
import { createLogger, GenericSwitchNotSupported, type CliSwitch, type DeviceConfig } from "@ngs/core";
import { HEX, LACP, NET, TRUNK } from "@ngs/test-utils";

/** A scenario the device refuses with GenericSwitchNotSupported (it would send nothing; docs/differences.md#no-silent-no-ops). */
export const NOT_SUPPORTED = ["<GenericSwitchNotSupported>"];

export { HEX, LACP, NET, TRUNK };
export const SUBPORTS = [{ segmentation_id: 101 }, { segmentation_id: 102 }];

type DeviceCtor = new (config: DeviceConfig, name: string, context?: object) => CliSwitch;

export function build(Cls: DeviceCtor, deviceType: string, extra: DeviceConfig = {}): CliSwitch {
  return new Cls(
    { device_type: deviceType, ip: "192.0.2.10", username: "admin", password: "pw", ...extra },
    "sw",
    { logger: createLogger({ level: "silent" }) },
  );
}

/** Every scenario's command list; port `P`, bond `B`, VLAN 33, default VLAN 35, subports 101/102. */
export function allPlans(Cls: DeviceCtor, deviceType: string, P = "3333", B = "Po1", base: DeviceConfig = {}): Record<string, string[]> {
  const d = build(Cls, deviceType, base);
  const withOpts = (extra: DeviceConfig) => build(Cls, deviceType, { ...base, ...extra });
  const trunkPorts = withOpts({ ngs_trunk_ports: "T1, T2" });
  const ngsDefault = withOpts({ ngs_port_default_vlan: "35" });
  const inactive = withOpts({ ngs_disable_inactive_ports: "true" });
  const c = (dev: CliSwitch, op: Parameters<CliSwitch["plan"]>[0], args: object) => {
    try {
      return dev.plan(op, args as never).commands;
    } catch (e) {
      if (e instanceof GenericSwitchNotSupported) return NOT_SUPPORTED;
      throw e;
    }
  };
  return {
    addNetwork: c(d, "addNetwork", { segmentationId: 33, networkId: NET }),
    addNetworkTrunkPorts: c(trunkPorts, "addNetwork", { segmentationId: 33, networkId: NET }),
    addNetworkNameFormat: c(withOpts({ ngs_network_name_format: "net-{segmentation_id}" }), "addNetwork", { segmentationId: 33, networkId: NET }),
    addNetworkUnmanaged: c(withOpts({ ngs_manage_vlans: "false", ngs_trunk_ports: "T1" }), "addNetwork", { segmentationId: 33, networkId: NET }),
    delNetwork: c(d, "delNetwork", { segmentationId: 33, networkId: NET }),
    delNetworkTrunkPorts: c(trunkPorts, "delNetwork", { segmentationId: 33, networkId: NET }),
    delNetworkUnmanaged: c(withOpts({ ngs_manage_vlans: "false" }), "delNetwork", { segmentationId: 33, networkId: NET }),
    plugPort: c(d, "plugPortToNetwork", { port: P, segmentationId: 33 }),
    plugPortDefaultVlan: c(d, "plugPortToNetwork", { port: P, segmentationId: 33, defaultVlan: 35 }),
    plugPortNgsDefaultVlan: c(ngsDefault, "plugPortToNetwork", { port: P, segmentationId: 33 }),
    plugPortDisableInactive: c(inactive, "plugPortToNetwork", { port: P, segmentationId: 33 }),
    plugPortTrunk: c(d, "plugPortToNetwork", { port: P, segmentationId: 33, trunkDetails: TRUNK }),
    deletePort: c(d, "deletePort", { port: P, segmentationId: 33 }),
    deletePortDefaultVlan: c(d, "deletePort", { port: P, segmentationId: 33, defaultVlan: 35 }),
    deletePortNgsDefaultVlan: c(ngsDefault, "deletePort", { port: P, segmentationId: 33 }),
    deletePortDisableInactive: c(inactive, "deletePort", { port: P, segmentationId: 33 }),
    deletePortTrunk: c(d, "deletePort", { port: P, segmentationId: 33, trunkDetails: TRUNK }),
    plugBond: c(d, "plugBondToNetwork", { bond: B, segmentationId: 33 }),
    plugBondTrunk: c(d, "plugBondToNetwork", { bond: B, segmentationId: 33, trunkDetails: TRUNK }),
    unplugBond: c(d, "unplugBondFromNetwork", { bond: B, segmentationId: 33 }),
    unplugBondTrunk: c(d, "unplugBondFromNetwork", { bond: B, segmentationId: 33, trunkDetails: TRUNK }),
    addSubports: c(d, "addSubportsOnTrunk", { bindingProfile: {}, portId: P, subports: SUBPORTS }),
    delSubports: c(d, "delSubportsOnTrunk", { bindingProfile: {}, portId: P, subports: SUBPORTS }),
    addSubportsBond: c(d, "addSubportsOnTrunk", { bindingProfile: LACP, portId: B, subports: SUBPORTS }),
    delSubportsBond: c(d, "delSubportsOnTrunk", { bindingProfile: LACP, portId: B, subports: SUBPORTS }),
  };
}

type Lines = string[];
/** A vendor's templates written out from upstream's, as functions of their values. */
export interface Blocks {
  add(vlan: number, name: string, id: string): Lines;
  del(vlan: number): Lines;
  plug(port: string, vlan: number): Lines;
  delPort(port: string, vlan: number): Lines;
  native?(port: string, vlan: number): Lines;
  delNative?(port: string, vlan: number): Lines;
  trunk?(port: string, vlan: number): Lines;
  rmTrunk?(port: string, vlan: number): Lines;
  enable?(port: string): Lines;
  disable?(port: string): Lines;
  /** PLUG/UNPLUG_BOND and friends, when the vendor has them. */
  bond?: {
    plug(bond: string, vlan: number): Lines;
    unplug(bond: string, vlan: number): Lines;
    native?(bond: string, vlan: number): Lines;
    delNative?(bond: string, vlan: number): Lines;
    enable?(bond: string): Lines;
    disable?(bond: string): Lines;
  };
  /** ADD_NETWORK_TO_BOND_TRUNK / DELETE_NETWORK_ON_BOND_TRUNK. */
  bondTrunk?: { add(bond: string, vlan: number): Lines; rm(bond: string, vlan: number): Lines };
}

/** The composition rules of docs/upstream.md#how-an-operation-becomes-commands, applied to a vendor's blocks. */
export function expectedPlans(b: Blocks, P = "3333", B = "Po1"): Record<string, Lines> {
  const o = <A extends unknown[]>(f: ((...a: A) => Lines) | undefined, ...a: A): Lines => (f ? f(...a) : []);
  const subs = (f: ((p: string, v: number) => Lines) | undefined, p: string) => [...o(f, p, 101), ...o(f, p, 102)];
  const plugTrunk = (p: string) => [...o(b.native, p, 33), ...subs(b.trunk, p)];
  const delTrunk = (p: string) => [...b.delPort(p, 33), ...o(b.delNative, p, 33), ...subs(b.rmTrunk, p)];
  const dflt = (p: string) => [...b.add(35, "35", "35"), ...b.plug(p, 35)];
  const bond = b.bond;
  // Trunk scenarios on a switch without the trunk templates are refused, as the ML2 driver refuses them.
  const ns = (supported: unknown, lines: () => Lines): Lines => (supported ? lines() : NOT_SUPPORTED);
  const nonEmpty = (lines: Lines): Lines => (lines.length ? lines : NOT_SUPPORTED);
  return {
    addNetwork: b.add(33, HEX, HEX),
    addNetworkTrunkPorts: [...b.add(33, HEX, HEX), ...o(b.trunk, "T1", 33), ...o(b.trunk, "T2", 33)],
    addNetworkNameFormat: b.add(33, "net-33", HEX),
    addNetworkUnmanaged: [],
    delNetwork: b.del(33),
    delNetworkTrunkPorts: [...o(b.rmTrunk, "T1", 33), ...o(b.rmTrunk, "T2", 33), ...b.del(33)],
    delNetworkUnmanaged: [],
    plugPort: b.plug(P, 33),
    plugPortDefaultVlan: [...b.delPort(P, 35), ...b.plug(P, 33)],
    plugPortNgsDefaultVlan: [...b.delPort(P, 35), ...b.plug(P, 33)],
    plugPortDisableInactive: [...o(b.enable, P), ...b.plug(P, 33)],
    plugPortTrunk: ns(b.trunk, () => plugTrunk(P)),
    deletePort: b.delPort(P, 33),
    deletePortDefaultVlan: [...b.delPort(P, 33), ...dflt(P)],
    deletePortNgsDefaultVlan: [...b.delPort(P, 33), ...dflt(P)],
    deletePortDisableInactive: [...b.delPort(P, 33), ...o(b.disable, P)],
    deletePortTrunk: ns(b.trunk, () => delTrunk(P)),
    plugBond: bond ? bond.plug(B, 33) : b.plug(B, 33),
    plugBondTrunk: ns(b.bondTrunk, () => (bond ? [...o(bond.native, B, 33), ...subs(b.bondTrunk?.add, B)] : plugTrunk(B))),
    unplugBond: bond ? bond.unplug(B, 33) : b.delPort(B, 33),
    unplugBondTrunk: ns(b.bondTrunk, () => (bond ? [...bond.unplug(B, 33), ...o(bond.delNative, B, 33), ...subs(b.bondTrunk?.rm, B)] : delTrunk(B))),
    addSubports: nonEmpty(subs(b.trunk, P)),
    delSubports: nonEmpty(subs(b.rmTrunk, P)),
    addSubportsBond: nonEmpty(subs(b.bondTrunk?.add, B)),
    delSubportsBond: nonEmpty(subs(b.bondTrunk?.rm, B)),
  };
}

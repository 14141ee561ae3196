// The template families vendors compose their command tables from.
import { expect, test } from "vitest";
import { exitEach, formatCommands, onBond, portShutdown, switchportTrunk } from "@ngs/core/device-kit";

test("onBond: port entries become bond entries on {bond}, in the given order; others are dropped", () => {
  const bond = onBond({ ADD_NETWORK: ["vlan {segmentation_id}"], ...portShutdown, ...switchportTrunk });
  expect(Object.keys(bond)).toEqual([
    "ENABLE_BOND",
    "DISABLE_BOND",
    "SET_NATIVE_VLAN_BOND",
    "DELETE_NATIVE_VLAN_BOND",
    "ADD_NETWORK_TO_BOND_TRUNK",
    "DELETE_NETWORK_ON_BOND_TRUNK",
  ]);
  expect(formatCommands(bond.ADD_NETWORK_TO_BOND_TRUNK, { bond: "Port-Channel1", segmentation_id: 7 })).toEqual([
    "interface Port-Channel1",
    "switchport mode trunk",
    "switchport trunk allowed vlan add 7",
  ]);
});

test("exitEach: every template ends with exit; the family itself is unchanged", () => {
  expect(exitEach(portShutdown)).toEqual({
    ENABLE_PORT: ["interface {port}", "no shutdown", "exit"],
    DISABLE_PORT: ["interface {port}", "shutdown", "exit"],
  });
  expect(portShutdown.ENABLE_PORT).toEqual(["interface {port}", "no shutdown"]);
});

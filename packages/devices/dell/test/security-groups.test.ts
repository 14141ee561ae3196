// Dell OS10 security groups (upstream's templates): two ACLs per group, both directions.
import { expect, test } from "vitest";
import { GenericSwitchNotSupported } from "@ngs/core";
import DellOs10 from "@ngs/device-dell/os10";
import { build } from "@ngs/vendor-testkit";

const SG = "3f2a1c2e-1111-4222-8333-444455556666";
const IN = `ngs-in-${SG}`;
const OUT = `ngs-out-${SG}`;
const sg = {
  id: SG,
  rules: [
    { direction: "egress", ethertype: "IPv4", protocol: "tcp", port_range_min: 443, port_range_max: 443, remote_ip_prefix: "10.0.0.0/8" },
    { direction: "ingress", ethertype: "IPv4", protocol: "udp", port_range_min: 53, port_range_max: 54, remote_ip_prefix: "10.1.0.0/16" },
  ],
} as never;
const ACLS = [
  `ip access-list ${OUT}`,
  "exit",
  `ip access-list ${IN}`,
  "exit",
  `ip access-list ${IN}`,
  "permit tcp any 10.0.0.0/8 eq 443",
  "exit",
  `ip access-list ${OUT}`,
  "permit udp 10.1.0.0/16 any range 53 54",
  "exit",
];

test("add, update, delete, bind, unbind", () => {
  const d = build(DellOs10, "netmiko_dell_os10");
  expect(d.plan("addSecurityGroup", { sg }).commands).toEqual(ACLS);
  expect(d.plan("updateSecurityGroup", { sg }).commands).toEqual([`no ip access-list ${OUT}`, `no ip access-list ${IN}`, ...ACLS]);
  expect(d.plan("delSecurityGroup", { sgId: SG }).commands).toEqual([`no ip access-list ${OUT}`, `no ip access-list ${IN}`]);
  expect(d.plan("bindSecurityGroup", { sg, portId: "ethernet1/1/1", portIds: ["ethernet1/1/1"] }).commands.slice(-6)).toEqual([
    "interface ethernet1/1/1",
    `ip access-group ${IN} in`,
    `ip access-group ${OUT} out`,
    "exit",
    "show ip access-lists in",
    "show ip access-lists out",
  ]);
  expect(d.plan("unbindSecurityGroup", { sgId: SG, portId: "ethernet1/1/1", portIds: [] }).commands).toEqual([
    "interface ethernet1/1/1",
    `no ip access-group ${IN} in`,
    `no ip access-group ${OUT} out`,
    "exit",
  ]);
});

test("IPv6 and other protocols are not supported", () => {
  const d = build(DellOs10, "netmiko_dell_os10");
  const v6 = { id: SG, rules: [{ direction: "egress", ethertype: "IPv6", protocol: "tcp" }] } as never;
  expect(() => d.plan("addSecurityGroup", { sg: v6 })).toThrow(GenericSwitchNotSupported);
});

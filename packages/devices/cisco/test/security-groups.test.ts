// NX-OS security groups (upstream's templates): ACL command lists and the rules it refuses.
import { expect, test } from "vitest";
import { GenericSwitchNotSupported } from "@ngs/core";
import CiscoNxos from "@ngs/device-cisco/nxos";
import CiscoIos from "@ngs/device-cisco/ios";
import { build } from "@ngs/vendor-testkit";

const SG = "3f2a1c2e-1111-4222-8333-444455556666";
const ACL = `ngs-in-${SG}`;
const rule = (r: object) => ({ direction: "egress", ethertype: "IPv4", ...r }) as never;
const sg = {
  id: SG,
  rules: [
    rule({ protocol: "tcp", port_range_min: 22, port_range_max: 22, remote_ip_prefix: "10.0.0.0/8" }),
    rule({ protocol: "tcp", port_range_min: 8000, port_range_max: 8080, remote_ip_prefix: "10.0.0.0/8" }),
    rule({ protocol: "udp", remote_ip_prefix: "192.168.1.0/24" }),
    rule({ protocol: "icmp", port_range_min: 8, port_range_max: 0, remote_ip_prefix: "0.0.0.0/0" }),
    rule({ protocol: "icmp", port_range_min: 3 }),
    rule({ protocol: null }),
  ],
};
const ACL_LINES = [
  `ip access-list ${ACL}`,
  "permit tcp any 10.0.0.0/8 eq 22",
  "permit tcp any 10.0.0.0/8 range 8000 8080",
  "permit udp any 192.168.1.0/24",
  "permit icmp any 0.0.0.0/0 8 0",
  "permit icmp any any 3",
  "exit",
];

test("add, update, delete a security group", () => {
  const d = build(CiscoNxos, "netmiko_cisco_nxos");
  expect(d.supportsSecurityGroups).toBe(true);
  expect(d.plan("addSecurityGroup", { sg })).toMatchObject({ operation: "add security group", commands: ACL_LINES });
  expect(d.plan("updateSecurityGroup", { sg }).commands).toEqual([`no ip access-list ${ACL}`, ...ACL_LINES]);
  expect(d.plan("delSecurityGroup", { sgId: SG })).toMatchObject({ operation: "delete security group", commands: [`no ip access-list ${ACL}`] });
});

test("bind re-asserts the ACL and binds every port; unbind releases one and re-binds the rest", () => {
  const d = build(CiscoNxos, "netmiko_cisco_nxos");
  expect(d.plan("bindSecurityGroup", { sg, portId: "Ethernet1/1", portIds: ["Ethernet1/1", "Ethernet1/2"] }).commands).toEqual([
    `no ip access-list ${ACL}`,
    ...ACL_LINES,
    "interface Ethernet1/1",
    `ip port access-group ${ACL} in`,
    "exit",
    "interface Ethernet1/2",
    `ip port access-group ${ACL} in`,
    "exit",
  ]);
  expect(d.plan("unbindSecurityGroup", { sgId: SG, portId: "Ethernet1/1", portIds: ["Ethernet1/2"] }).commands).toEqual([
    "interface Ethernet1/1",
    `no ip port access-group ${ACL} in`,
    "exit",
    "interface Ethernet1/2",
    `ip port access-group ${ACL} in`,
    "exit",
  ]);
});

test.each([
  [{ ethertype: "IPv6", protocol: "tcp" }, /Only IPv4/],
  [{ direction: "ingress", protocol: "tcp" }, /Only egress/],
  [{ protocol: "gre" }, /tcp, udp, icmp/],
])("rule %j is not supported", (r, msg) => {
  const d = build(CiscoNxos, "netmiko_cisco_nxos");
  const bad = { id: SG, rules: [rule(r)] };
  expect(() => d.plan("addSecurityGroup", { sg: bad })).toThrow(GenericSwitchNotSupported);
  expect(() => d.plan("addSecurityGroup", { sg: bad })).toThrow(msg);
});

test("bad values never reach the switch", () => {
  const d = build(CiscoNxos, "netmiko_cisco_nxos");
  expect(() => d.plan("addSecurityGroup", { sg: { id: "x; reload", rules: [] } })).toThrow(/security group id/);
  expect(() => d.plan("addSecurityGroup", { sg: { id: SG, rules: [rule({ protocol: "tcp", remote_ip_prefix: "10.0.0.0/8\nreload" })] } })).toThrow(
    /remote_ip_prefix/,
  );
  expect(() => d.plan("bindSecurityGroup", { sg, portId: "Eth1", portIds: ["Eth1|x"] })).toThrow(/port name/);
});

test("a vendor without ACL templates reports security groups as not supported", async () => {
  const ios = build(CiscoIos, "netmiko_cisco_ios");
  expect(ios.supportsSecurityGroups).toBe(false);
  await expect(ios.addSecurityGroup(sg)).rejects.toBeInstanceOf(GenericSwitchNotSupported);
});

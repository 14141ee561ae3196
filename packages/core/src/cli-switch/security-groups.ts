import { GenericSwitchInvalidValue } from "../errors.js";
import type { SecurityGroupRule } from "../types.js";

/** Neutron protocol names the ACL templates understand. */
export type AclProtocol = "tcp" | "udp" | "icmp";

function invalid(what: string, value: unknown, reason: string): GenericSwitchInvalidValue {
  return new GenericSwitchInvalidValue({ what, value: JSON.stringify(value), reason });
}

/** An IPv4 address or CIDR for an ACL line; absent means `any`. */
export function aclPrefix(v: unknown): string {
  if (v === undefined || v === null || v === "") return "any";
  const m = typeof v === "string" ? /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(v.trim()) : null;
  if (!m || m.slice(1, 5).some((o) => Number(o) > 255) || (m[5] !== undefined && Number(m[5]) > 32)) {
    throw invalid("remote_ip_prefix", v, "expected an IPv4 address or CIDR");
  }
  return v as string;
}

function bounded(v: unknown, what: string, max: number): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > max) throw invalid(what, v, `expected an integer from 0 to ${max}`);
  return v;
}

/**
 * The `{filter}` of an NX-OS / OS10 ACL line (upstream's rule preparation):
 * tcp/udp → `range MIN MAX` or `eq MIN`; icmp → `TYPE CODE` or `TYPE`; else empty.
 */
export function aclFilter(rule: SecurityGroupRule): string {
  const proto = rule.protocol;
  if (proto === "tcp" || proto === "udp") {
    const min = bounded(rule.port_range_min, "port_range_min", 65535);
    const max = bounded(rule.port_range_max, "port_range_max", 65535);
    if (min && max && min !== max) return `range ${min} ${max}`;
    if (min) return `eq ${min}`;
    return "";
  }
  if (proto === "icmp") {
    const type = bounded(rule.port_range_min, "icmp type", 255);
    const code = bounded(rule.port_range_max, "icmp code", 255);
    if (type !== undefined && code !== undefined) return `${type} ${code}`;
    if (type !== undefined) return `${type}`;
  }
  return "";
}

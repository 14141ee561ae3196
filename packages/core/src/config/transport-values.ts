import { isIP } from "node:net";
import { hasInvisible, showValue } from "../validation.js";
import { isCredentialKey } from "./keys.js";

/** RFC 1123 host name labels (underscores allowed: internal DNS has them), 253 characters at most. */
const HOST_LABEL = /^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/;

/** An IPv4/IPv6 address (`[v6]` too) or a DNS host name. */
export function isAddressOrHostName(v: string): boolean {
  const s = v.startsWith("[") && v.endsWith("]") ? v.slice(1, -1) : v;
  if (isIP(s) !== 0) return true;
  const name = s.endsWith(".") ? s.slice(0, -1) : s;
  if (name.length === 0 || name.length > 253) return false;
  // All-numeric dotted names are malformed addresses (999.1.1.1), not host names.
  if (/^[0-9.]+$/.test(name)) return false;
  return name.split(".").every((label) => HOST_LABEL.test(label));
}

/**
 * Checks of the transport values that need nothing but the value, so a
 * config is refused when it is read (not when the first operation
 * connects): `port` 1–65535, `ip`/`host` an address or host name, no
 * control characters in `username`. Returns `key: message` lines; a
 * credential's value is never shown.
 */
export function transportValueProblems(transport: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  const port = transport.port;
  if (port !== undefined) {
    const v = port.trim();
    if (!/^[0-9]{1,5}$/.test(v) || Number(v) < 1 || Number(v) > 65535) {
      problems.push(`port: invalid value ${showValue(port)}: expected a TCP port from 1 to 65535`);
    }
  }
  for (const key of ["ip", "host"]) {
    const v = transport[key];
    if (v === undefined || v.trim() === "") continue;
    if (!isAddressOrHostName(v.trim())) {
      problems.push(`${key}: invalid value ${showValue(v)}: expected an IP address or a host name`);
    }
  }
  for (const [key, v] of Object.entries(transport)) {
    if (key === "ip" || key === "host" || key === "port" || !hasInvisible(v)) continue;
    problems.push(
      isCredentialKey(key)
        ? `${key}: the value (not shown) contains a control or invisible character`
        : `${key}: invalid value ${showValue(v)}: contains a control or invisible character`,
    );
  }
  return problems;
}

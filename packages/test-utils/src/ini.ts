import { SIM_CREDS } from "./fixtures.js";

/** A `[genericswitch:NAME]` section pointing at a simulated switch (what the host tests write into their ini files). */
export function switchSection(
  name: string,
  deviceType: string,
  sim: { host: string; port: number },
  creds: { username?: string; password: string; secret: string },
  extra: readonly string[] = [],
): string {
  return [
    `[genericswitch:${name}]`,
    `device_type = ${deviceType}`,
    `ip = ${sim.host}`,
    `port = ${sim.port}`,
    `username = ${creds.username ?? "admin"}`,
    `password = ${creds.password}`,
    `secret = ${creds.secret}`,
    // Fail fast when a test's switch is not there.
    `ngs_ssh_connect_timeout = 3`,
    ...extra,
    "",
  ].join("\n");
}

/** `switchSection` with the shared simulator credentials (`SIM_CREDS`). */
export function simSection(name: string, deviceType: string, sim: { host: string; port: number }, extra: readonly string[] = []): string {
  return switchSection(name, deviceType, sim, SIM_CREDS, extra);
}

/**
 * The listener from `[ironic_networking_json_rpc]`: refused settings stop
 * the start (nothing listens), noauth on loopback, HTTPS with a CA made by
 * openssl here. (`ngs serve` refusing noauth on a public address runs the
 * ngs command: tests/integration/test/serve-process.test.ts.)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSwitch, type SimSwitch } from "@ngs/switch-sim";
import { ciscoIos } from "@ngs/device-cisco/platforms";
import { readListenerConfig, startServer } from "@ngs/server";
import { HOST_PACKAGE_JSON, IronicClient, SW_PASSWORD, SW_SECRET, http, makeCa, section } from "./helpers.js";

let dir: string;
let sim: SimSwitch;
let switches: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ngs-listener-"));
  sim = await startSwitch({ platform: ciscoIos, host: "127.0.0.1", username: "admin", password: SW_PASSWORD, secret: SW_SECRET });
  switches = section("leaf", "netmiko_cisco_ios", sim);
});

afterAll(async () => {
  await sim?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function writeConfig(name: string, listener: string[]): string {
  const file = join(dir, name);
  writeFileSync(file, [switches, "[ironic_networking_json_rpc]", ...listener, ""].join("\n"));
  return file;
}

describe("listener settings", () => {
  it("noauth on a non-loopback address is refused at start, naming the fix", async () => {
    const file = writeConfig("public-noauth.ini", ["host_ip = 0.0.0.0", "port = 0", "auth_strategy = noauth"]);
    await expect(startServer({ configFiles: [file], hostPackageJson: HOST_PACKAGE_JSON, logLevel: "silent" })).rejects.toThrow(
      /noauth is only allowed on a loopback host_ip .*not 0\.0\.0\.0; use http_basic/,
    );
  });

  it("a switch value that cannot be sent safely is refused at start, as every ngs command refuses it, and no switch is contacted", async () => {
    const file = join(dir, "bad-value.ini");
    const listener = ["[ironic_networking_json_rpc]", "host_ip = 127.0.0.1", "port = 0", "auth_strategy = noauth", ""];
    writeFileSync(file, [section("leaf", "netmiko_cisco_ios", sim, ["ngs_trunk_ports = Po1;reload"]), ...listener].join("\n"));
    const sessions = sim.counters.sessionsOpened;
    const err = await startServer({ configFiles: [file], hostPackageJson: HOST_PACKAGE_JSON, logLevel: "silent" }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.name).toBe("GenericSwitchConfigException");
    expect(err?.message).toMatch(/\[genericswitch:leaf\] ngs_trunk_ports: .*Po1;reload/);
    expect(err?.message).not.toContain(SW_PASSWORD);
    expect(sim.counters.sessionsOpened).toBe(sessions);
  });

  it("keystone is refused with a message saying it is not supported yet", () => {
    const file = writeConfig("keystone.ini", ["host_ip = 127.0.0.1", "auth_strategy = keystone"]);
    expect(() => readListenerConfig({ configFiles: [file] })).toThrow(/keystone is not supported by ngs serve yet; set auth_strategy = http_basic/);
  });

  it("auth_strategy falls back to [DEFAULT] as in Ironic; Ironic's port default is 6190", () => {
    const file = join(dir, "default-auth.ini");
    writeFileSync(file, "[DEFAULT]\nauth_strategy = noauth\n[ironic_networking_json_rpc]\nhost_ip = ::1\n");
    expect(readListenerConfig({ configFiles: [file] })).toMatchObject({ hostIp: "::1", port: 6190, authStrategy: "noauth", useSsl: false });
  });

  it("http_basic without a user file, and use_ssl without cert and key, are all reported at once", () => {
    const file = writeConfig("incomplete.ini", ["host_ip = 127.0.0.1", "auth_strategy = http_basic", "use_ssl = true", "port = 99999"]);
    let message = "";
    try {
      readListenerConfig({ configFiles: [file] });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain("http_basic_auth_user_file: required");
    expect(message).toContain("use_ssl = true needs cert_file and key_file");
    expect(message).toContain('port: "99999" is not a TCP port');
  });

  it("an htpasswd entry that is not bcrypt is refused at start", async () => {
    const users = join(dir, "plain.htpasswd");
    writeFileSync(users, "ironic:plaintext-password\n");
    const file = writeConfig("plain.ini", ["host_ip = 127.0.0.1", "port = 0", "auth_strategy = http_basic", `http_basic_auth_user_file = ${users}`]);
    const err = await startServer({ configFiles: [file], hostPackageJson: HOST_PACKAGE_JSON, logLevel: "silent" }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.message).toContain("line 1: user ironic: not a bcrypt entry (write it with htpasswd -B)");
    expect(err?.message).not.toContain("plaintext-password");
  });

  it("command-line overrides win over the ini", () => {
    const file = writeConfig("override.ini", ["host_ip = 0.0.0.0", "port = 7000", "auth_strategy = keystone"]);
    expect(readListenerConfig({ configFiles: [file] }, { hostIp: "127.0.0.1", port: "0", authStrategy: "noauth" })).toMatchObject({
      hostIp: "127.0.0.1",
      port: 0,
      authStrategy: "noauth",
    });
  });
});

describe("HTTPS", () => {
  it("serves TLS with a certificate from a test CA; a client trusting that CA gets answers, others are refused", async () => {
    const pki = makeCa(dir);
    const file = writeConfig("tls.ini", [
      "host_ip = 127.0.0.1",
      "port = 0",
      "auth_strategy = noauth",
      "use_ssl = true",
      `cert_file = ${pki.certFile}`,
      `key_file = ${pki.keyFile}`,
    ]);
    const server = await startServer({ configFiles: [file], hostPackageJson: HOST_PACKAGE_JSON, logLevel: "silent" });
    try {
      expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const client = new IronicClient(`${server.url}/`, undefined, readFileSync(pki.caFile, "utf8"));
      const r = await client.call("update_port", { switch_id: "leaf", port_name: "GigabitEthernet0/4", description: "", mode: "access", native_vlan: 44 });
      expect(r.result).toMatchObject({ status: "configured" });
      expect(sim.snapshot().ports["GigabitEthernet0/4"]).toMatchObject({ accessVlan: 44 });
      await expect(http(`${server.url}/healthz`)).rejects.toThrow(/self[- ]signed|unable to verify|certificate/i);
    } finally {
      await server.close();
    }
  });
});

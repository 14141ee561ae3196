// sessionOptionsFromConfig: upstream [genericswitch:...] strings → SessionOptions, bad values named by key.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SessionConfigError, sessionOptionsFromConfig } from "@ngs/cli-session";

const dir = mkdtempSync(join(tmpdir(), "ngs-cfg-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function configError(fn: () => unknown): SessionConfigError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SessionConfigError);
    return e as SessionConfigError;
  }
  throw new Error("expected a SessionConfigError");
}

describe("sessionOptionsFromConfig", () => {
  it("maps an upstream section (seconds → ms, key file read, algorithms renamed)", () => {
    const keyFile = join(dir, "id_test");
    writeFileSync(keyFile, "-----BEGIN OPENSSH PRIVATE KEY-----\nx\n-----END OPENSSH PRIVATE KEY-----\n");
    const o = sessionOptionsFromConfig(
      {
        device_type: "netmiko_cisco_ios",
        ip: "192.0.2.10",
        port: "2222",
        username: "admin",
        password: "pw",
        secret: "en",
        key_file: keyFile,
        use_keys: "True",
        conn_timeout: "2.5",
        auth_timeout: "7",
        banner_timeout: "9",
        read_timeout_override: "30",
        ngs_ssh_disabled_algorithms: "kex:diffie-hellman-group1-sha1, ciphers:aes128-cbc,kex:diffie-hellman-group14-sha1,keys:ssh-rsa,pubkeys:ssh-dss,macs:hmac-md5",
        ngs_host_key_fingerprint: "SHA256:" + "a".repeat(43),
      },
      "cisco_ios",
    );
    expect(o).toMatchObject({
      platform: "cisco_ios",
      host: "192.0.2.10",
      port: 2222,
      username: "admin",
      password: "pw",
      secret: "en",
      connectTimeoutMs: 2500,
      authTimeoutMs: 7000,
      bannerTimeoutMs: 9000,
      readTimeoutMs: 30000,
      saveTimeoutMs: 30000,
      disabledAlgorithms: {
        kex: ["diffie-hellman-group1-sha1", "diffie-hellman-group14-sha1"],
        cipher: ["aes128-cbc"],
        serverHostKey: ["ssh-rsa", "ssh-dss"],
        hmac: ["hmac-md5"],
      },
      hostKey: { fingerprintSha256: "SHA256:" + "a".repeat(43) },
    });
    expect(String(o.privateKey)).toContain("OPENSSH PRIVATE KEY");
  });

  it("prefers host over ip and takes a known_hosts file", () => {
    const kh = join(dir, "known_hosts");
    writeFileSync(kh, "");
    const o = sessionOptionsFromConfig({ host: "sw1.example", ip: "192.0.2.1", username: "u", ngs_known_hosts_file: kh }, "juniper");
    expect(o.host).toBe("sw1.example");
    expect(o.hostKey).toEqual({ knownHostsFile: kh });
    expect(o.port).toBeUndefined();
  });

  it.each([
    [{ username: "u" }, "ip"],
    [{ ip: "192.0.2.1" }, "username"],
    [{ ip: "192.0.2.1", username: "u", port: "22x" }, "port"],
    [{ ip: "192.0.2.1", username: "u", port: "70000" }, "port"],
    [{ ip: "192.0.2.1", username: "u", use_keys: "maybe" }, "use_keys"],
    [{ ip: "192.0.2.1", username: "u", allow_agent: "y" }, "allow_agent"],
    [{ ip: "192.0.2.1", username: "u", use_keys: "t" }, "use_keys"],
    [{ ip: "192.0.2.1", username: "u", conn_timeout: "soon" }, "conn_timeout"],
    [{ ip: "192.0.2.1", username: "u", auth_timeout: "-1" }, "auth_timeout"],
    [{ ip: "192.0.2.1", username: "u", banner_timeout: "" }, "banner_timeout"],
    [{ ip: "192.0.2.1", username: "u", read_timeout_override: "0" }, "read_timeout_override"],
    [{ ip: "192.0.2.1", username: "u", key_file: "/nonexistent/key" }, "key_file"],
    [{ ip: "192.0.2.1", username: "u", ngs_ssh_disabled_algorithms: "kex" }, "ngs_ssh_disabled_algorithms"],
    [{ ip: "192.0.2.1", username: "u", ngs_ssh_disabled_algorithms: "ciphersx:aes128-cbc" }, "ngs_ssh_disabled_algorithms"],
    [{ ip: "192.0.2.1", username: "u", ngs_known_hosts_file: "/nonexistent/known_hosts" }, "ngs_known_hosts_file"],
    [{ ip: "192.0.2.1", username: "u", ngs_host_key_fingerprint: "MD5:aa:bb" }, "ngs_host_key_fingerprint"],
  ])("rejects %o naming '%s'", (cfg, key) => {
    const e = configError(() => sessionOptionsFromConfig(cfg as Record<string, string>, "cisco_ios"));
    expect(e.key).toBe(key);
    expect(e.message).toContain(`'${key}'`);
  });

  it("never puts the password in an error message", () => {
    const e = configError(() => sessionOptionsFromConfig({ ip: "192.0.2.1", username: "u", password: "hunter2-pw", port: "x" }, "cisco_ios"));
    expect(e.message).not.toContain("hunter2-pw");
  });
});

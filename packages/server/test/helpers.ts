/** Shared pieces of the server tests: htpasswd/openssl helpers, config writing, the shared client and credentials. */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { startServer, type RunningServer } from "@ngs/server";
import { SIM_PASSWORD, SIM_SECRET } from "@ngs/test-utils";

// The Ironic-shaped client and the switch section live in @ngs/test-utils (the integration tests use them too).
export { IronicClient, http, simSection as section, type HttpAnswer, type RpcAnswer } from "@ngs/test-utils";

export const HOST_PACKAGE_JSON = fileURLToPath(new URL("./fixtures/host/package.json", import.meta.url));
export const SW_PASSWORD = SIM_PASSWORD;
export const SW_SECRET = SIM_SECRET;

/** An htpasswd file written by the real `htpasswd -B` (Debian apache2-utils). */
export function writeHtpasswd(file: string, user: string, password: string): void {
  execFileSync("htpasswd", ["-c", "-B", "-b", file, user, password], { stdio: "ignore" });
}

/** A test CA and a server certificate for 127.0.0.1 signed by it, made with openssl. */
export function makeCa(dir: string): { caFile: string; certFile: string; keyFile: string } {
  const run = (args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "ignore" });
  run(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=ngs test CA"]);
  run(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1"]);
  writeFileSync(join(dir, "san.ext"), "subjectAltName = IP:127.0.0.1\n");
  run(["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "san.ext"]);
  return { caFile: join(dir, "ca.pem"), certFile: join(dir, "server.pem"), keyFile: join(dir, "server.key") };
}

/**
 * `ngs serve` in process on a free loopback port with http_basic auth (one
 * htpasswd user) over the given switch sections, logging at debug into
 * `logLines`. Files go into `dir`.
 */
export async function startBasicAuthServer(
  dir: string,
  sections: string[],
  user: { username: string; password: string },
): Promise<{ server: RunningServer; logLines: string[] }> {
  const config = join(dir, "ngs.ini");
  const htpasswd = join(dir, "htpasswd");
  writeHtpasswd(htpasswd, user.username, user.password);
  const listener = ["[ironic_networking_json_rpc]", "host_ip = 127.0.0.1", "port = 0", "auth_strategy = http_basic", `http_basic_auth_user_file = ${htpasswd}`, ""];
  writeFileSync(config, [...sections, ...listener].join("\n"));
  const logLines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      logLines.push(...String(chunk).split("\n").filter(Boolean));
      cb();
    },
  });
  const server = await startServer({
    configFiles: [config],
    hostPackageJson: HOST_PACKAGE_JSON,
    logLevel: "debug",
    logDestination: destination as unknown as NodeJS.WritableStream & { write(s: string): boolean },
  });
  return { server, logLines };
}

// `ngs-switch-sim --netconf` serves the netconf SSH subsystem: a raw SSH client
// opens it and gets the server's hello.
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import ssh2 from "ssh2";
import { afterEach, expect, it, vi } from "vitest";

const require = createRequire(import.meta.url);
const BIN = join(require.resolve("@ngs/switch-sim/package.json"), "..", "dist", "bin.js");
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill("SIGKILL");
});

function hello(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    client.on("error", reject);
    client.on("ready", () => {
      client.subsys("netconf", (err, ch) => {
        if (err) return reject(err);
        let buf = "";
        ch.on("data", (d: Buffer) => {
          buf += d.toString();
          const end = buf.indexOf("]]>]]>");
          if (end >= 0) {
            client.end();
            resolve(buf.slice(0, end));
          }
        });
      });
    });
    client.connect({ host: "127.0.0.1", port, username: "admin", password: "admin" });
  });
}

it("--netconf adds the NETCONF subsystem with the OpenConfig capabilities", async () => {
  const child = spawn(process.execPath, [BIN, "--platform", "linux", "--netconf", "--ports", "eth1,eth2", "--json"], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  const sims = await vi.waitFor(() => JSON.parse(out) as { port: number }[], { timeout: 10_000 });
  const text = await hello(sims[0]!.port);
  expect(text).toContain("<capability>urn:ietf:params:netconf:capability:candidate:1.0</capability>");
  expect(text).toContain("module=openconfig-vlan");
  expect(text).toMatch(/<session-id>1<\/session-id>/);
});

import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { vi } from "vitest";
import { freePort } from "@ngs/test-utils";

export interface Registry {
  url: string;
  /** A token for a user created at start (npm publish will not publish anonymously). */
  token: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * A real private npm registry (verdaccio 6.8.0) on a free loopback port, with
 * its storage and config under `dir`. Our names (`@ngs/*`, `ngs-device-*`)
 * are local only, published anonymously, and never looked up upstream (a
 * same-named package on the public registry must not leak in); everything
 * else is proxied from the registry npm is configured with.
 */
export async function startRegistry(dir: string): Promise<Registry> {
  const require = createRequire(import.meta.url);
  const bin = join(dirname(require.resolve("verdaccio/package.json")), "bin", "verdaccio");
  const upstream = process.env.npm_config_registry || execFileSync("npm", ["config", "get", "registry"], { encoding: "utf8" }).trim();
  mkdirSync(join(dir, "storage"), { recursive: true });
  const config = join(dir, "config.yaml");
  const local = "    access: $all\n    publish: $anonymous $authenticated\n    unpublish: $anonymous $authenticated\n";
  writeFileSync(
    config,
    [
      `storage: ${JSON.stringify(join(dir, "storage"))}`,
      `auth:\n  htpasswd:\n    file: ${JSON.stringify(join(dir, "htpasswd"))}\n    max_users: 10`,
      `uplinks:\n  upstream:\n    url: ${JSON.stringify(upstream)}\n    timeout: 60s`,
      `packages:\n  '@ngs/*':\n${local}  'ngs-device-*':\n${local}  '**':\n    access: $all\n    proxy: upstream`,
      `log: { type: stdout, format: json, level: error }`,
      "",
    ].join("\n"),
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const child: ChildProcess = spawn(process.execPath, [bin, "--config", config, "--listen", `127.0.0.1:${port}`], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  let exited = false;
  const gone = new Promise<void>((resolve) => child.once("exit", () => ((exited = true), resolve())));
  const stop = async () => {
    if (!exited) child.kill("SIGTERM");
    const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await gone;
    clearTimeout(killer);
  };
  try {
    await vi.waitFor(
      async () => {
        if (exited) throw new Error(`verdaccio exited: ${output}`);
        const res = await fetch(`${url}-/ping`);
        if (!res.ok) throw new Error(`ping: ${res.status}`);
      },
      { timeout: 30_000, interval: 100 },
    );
  } catch (e) {
    await stop();
    throw new Error(`verdaccio did not start on ${url}: ${(e as Error).message}\n${output}`);
  }
  const res = await fetch(`${url}-/user/org.couchdb.user:ngs-test`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "ngs-test", password: "ngs-test-password" }),
  });
  const { token } = (await res.json()) as { token?: string };
  if (!res.ok || !token) {
    await stop();
    throw new Error(`verdaccio: creating a user failed with HTTP ${res.status}`);
  }
  return { url, token, pid: child.pid!, stop };
}

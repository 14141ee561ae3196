import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { platforms, startSwitch, type SimSwitch } from "@ngs/switch-sim";
import { Term } from "./helpers.js";

const require = createRequire(import.meta.url);
const BIN = join(require.resolve("@ngs/switch-sim/package.json"), "..", "dist", "bin.js");

const children: ChildProcess[] = [];
const terms: Term[] = [];
const sims: SimSwitch[] = [];
const dirs: string[] = [];
afterEach(async () => {
  terms.splice(0).forEach((t) => t.close());
  await Promise.all(sims.splice(0).map((s) => s.close()));
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill("SIGKILL");
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function run(args: string[]): { child: ChildProcess; lines: (n: number) => Promise<string[]>; exit: Promise<number | string | null> } {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let out = "";
  let err = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (err += d));
  const exit = new Promise<number | string | null>((r) => child.on("exit", (code, sig) => r(code ?? sig)));
  const lines = (n: number) =>
    new Promise<string[]>((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error(`bin printed ${JSON.stringify(out)} / ${err}`)), 10_000);
      const check = () => {
        const ls = out.split("\n").filter(Boolean);
        if (ls.length >= n) {
          clearTimeout(deadline);
          resolve(ls);
        }
      };
      child.stdout!.on("data", check);
      child.on("exit", () => {
        clearTimeout(deadline);
        reject(new Error(`bin exited: ${err}`));
      });
      check();
    });
  return { child, lines, exit };
}

describe("ngs-switch-sim bin", () => {
  it("starts N switches from flags, prints host:port, serves SSH, stops on SIGTERM", async () => {
    const p = run(["--platform", "arista_eos", "--count", "2", "--hostname", "leaf", "--password", "pw"]);
    const lines = await p.lines(2);
    expect(lines[0]).toMatch(/^arista_eos leaf-1 127\.0\.0\.1:\d+ SHA256:\S+$/);
    expect(lines[1]).toMatch(/^arista_eos leaf-2 127\.0\.0\.1:\d+ SHA256:\S+$/);
    const port = Number(/:(\d+) /.exec(lines[1]!)![1]);
    const t = await Term.open({ host: "127.0.0.1", port } as SimSwitch, { password: "pw" });
    terms.push(t);
    await t.expect(/leaf-2>$/);
    p.child.kill("SIGTERM");
    expect(await p.exit).toBe(0);
  });

  it("starts switches from a JSON file and prints JSON", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ngs-sim-"));
    dirs.push(dir);
    const file = join(dir, "switches.json");
    writeFileSync(
      file,
      JSON.stringify([
        { platform: "juniper", hostname: "ex1", password: "pw" },
        { platform: "sonic", password: "pw", faults: { errorOn: [{ pattern: "^config vlan add 13$", output: "Error: unlucky" }] } },
      ]),
    );
    const p = run(["--config", file, "--json"]);
    const out = JSON.parse((await p.lines(12)).join("\n")) as { platform: string; hostname: string; port: number }[];
    expect(out.map((s) => [s.platform, s.hostname])).toEqual([
      ["juniper", "ex1"],
      ["sonic", "sonic"],
    ]);
    p.child.kill("SIGINT");
    expect(await p.exit).toBe(0);
  });

  it("rejects bad flags with usage and exit code 2", async () => {
    const p = run(["--count", "many"]);
    expect(await p.exit).toBe(2);
  });
});

describe("platforms, not device types", () => {
  it("a device type is refused with exit 2, pointing at ngs sim (plugins own the device type → platform map)", async () => {
    const child = spawn(process.execPath, [BIN, "--platform", "netmiko_arista_eos", "--password", "pw"], { stdio: ["ignore", "pipe", "pipe"] });
    children.push(child);
    let err = "";
    child.stderr!.on("data", (d) => (err += d));
    const code = await new Promise<number | null>((r) => child.on("exit", (c) => r(c)));
    expect(code).toBe(2);
    expect(err).toContain('"netmiko_arista_eos" is not a platform the simulator models');
    expect(err).toContain("ngs sim");
  });

  it("startSwitch serves a platform on a given port with given credentials", async () => {
    const probe = await startSwitch({ platform: "dell_os10", password: "x" });
    const port = probe.port;
    await probe.close();
    const sim = await startSwitch({ platform: "dell_os10", host: "127.0.0.1", port, username: "ops", password: "pw2", hostname: "leaf9" });
    sims.push(sim);
    expect(sim.port).toBe(port);
    expect(sim.platform).toBe("dell_os10");
    const t = await Term.open(sim, { username: "ops", password: "pw2" });
    terms.push(t);
    await t.expect(/leaf9#$/);
  });
});

describe("every platform", () => {
  it.each(platforms)("%s logs in and answers a bare RETURN with the same prompt", async (platform) => {
    const sim = await startSwitch({ platform, password: "pw" });
    sims.push(sim);
    const t = await Term.openLoggedIn(sim, { password: "pw" });
    terms.push(t);
    const first = await t.expect(/[>#$\]] ?$/);
    const prompt = first.split("\r\n").pop()!;
    t.write("\n");
    const again = await t.expect(/[>#$\]] ?$/);
    expect(again.split("\r\n").pop()).toBe(prompt);
    expect(again).not.toContain("\n\n");
    t.write("definitely-not-a-command\n");
    const err = await t.expect(/[>#$\]] ?$/);
    expect(err.split("\r\n").length).toBeGreaterThan(2); // an error line came back
    expect(sim.counters.commandsReceived).toBe(1);
  });
});

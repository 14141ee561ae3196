/**
 * Cold start: wall time of fresh `ngs` processes, from spawn to exit, for
 * `ngs --version` (Node plus the CLI's entry) and a dry-run plug (config
 * read, plugin discovery, one vendor loaded, the plan printed; no switch is
 * contacted). Median of `runs` processes each; stderr is a pipe, as under a
 * service manager (on a terminal the log pretty-printer loads too).
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { machineInfo, type MachineInfo } from "../machine.js";
import { round2 } from "./common.js";

export interface ColdstartOptions {
  runs: number;
}

export interface ColdstartCommand {
  /** The arguments after `ngs`. */
  label: string;
  medianMs: number;
  allMs: number[];
}

export interface ColdstartResult {
  scenario: "coldstart";
  /** Run on its own (`--scenario coldstart`), so it says when and where. */
  machine: MachineInfo;
  runs: number;
  /** `node -e 0`: what Node itself costs on this machine. */
  node: ColdstartCommand;
  version: ColdstartCommand;
  dryRunPlug: ColdstartCommand;
  targetDryRunMs: number;
}

const CLI_PACKAGE_JSON = createRequire(import.meta.url).resolve("@ngs/cli/package.json");
const NGS_BIN = join(CLI_PACKAGE_JSON, "..", "dist", "bin.js");
/** The target for a dry-run plug on the reference machine. */
export const TARGET_DRY_RUN_MS = 110;

function timeOnce(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (code === 0) resolve(ms);
      else reject(new Error(`node ${args.join(" ")} exited ${code}: ${stderr.trim().slice(0, 500)}`));
    });
  });
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

async function measure(label: string, args: string[], runs: number): Promise<ColdstartCommand> {
  const all: number[] = [];
  // One run first, unrecorded: the OS file cache is warm for every measured run alike.
  await timeOnce(args);
  for (let i = 0; i < runs; i++) all.push(round2(await timeOnce(args)));
  return { label, medianMs: round2(median(all)), allMs: all };
}

export async function benchColdstart(o: ColdstartOptions): Promise<ColdstartResult> {
  const dir = await mkdtemp(join(tmpdir(), "ngs-bench-coldstart-"));
  try {
    const config = join(dir, "ngs.ini");
    await writeFile(
      config,
      ["[genericswitch:sw1]", "device_type = netmiko_cisco_ios", "ip = 127.0.0.1", "username = admin", "password = bench-pw", ""].join("\n"),
    );
    const plug = ["port", "plug", "sw1", "Gi0/1", "10", "--dry-run", "--config-file", config];
    return {
      scenario: "coldstart",
      machine: machineInfo(),
      runs: o.runs,
      node: await measure("node -e 0", ["-e", "0"], o.runs),
      version: await measure("--version", [NGS_BIN, "--version"], o.runs),
      dryRunPlug: await measure("port plug sw1 Gi0/1 10 --dry-run --config-file F", [NGS_BIN, ...plug], o.runs),
      targetDryRunMs: TARGET_DRY_RUN_MS,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

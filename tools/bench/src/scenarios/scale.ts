/**
 * Scale: N switches in the config; time from process start until every
 * device is ready (config read, plugins loaded, devices built), and the
 * process's resident memory then. Measured in a fresh Node process so
 * nothing else is in its heap. No switch is contacted (devices connect
 * lazily); the addresses are loopback anyway.
 */
import { fork } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { round2 } from "./common.js";

export interface ScaleReport {
  devices: number;
  readyMs: number;
  importMs: number;
  loadMs: number;
  rssBytes: number;
  heapUsedBytes: number;
}

export interface ScaleResult {
  scenario: "scale";
  switches: number;
  /** Median run of `repeats`. */
  devices: number;
  readyMs: number;
  importMs: number;
  loadMs: number;
  rssMB: number;
  heapUsedMB: number;
  repeats: number;
  allReadyMs: number[];
  targetReadyMs: number;
  targetRssMB: number;
}

export function renderScaleConfig(n: number): string {
  const lines: string[] = ["# ngs bench: scale scenario", ""];
  for (let i = 0; i < n; i++) {
    lines.push(
      `[genericswitch:sw${String(i).padStart(4, "0")}]`,
      "device_type = netmiko_cisco_ios",
      "ip = 127.0.0.1",
      `port = ${10000 + i}`,
      "username = admin",
      "password = bench-password",
      "secret = bench-secret",
      "ngs_save_configuration = True",
      "",
    );
  }
  return lines.join("\n");
}

const CHILD = fileURLToPath(new URL("./scale-child.js", import.meta.url));

function runChild(configFile: string, execArgv: string[]): Promise<ScaleReport> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [configFile], { stdio: ["ignore", "ignore", "inherit", "ipc"], execArgv });
    let report: ScaleReport | undefined;
    child.on("message", (m) => (report = m as ScaleReport));
    child.on("error", reject);
    child.on("exit", (code) =>
      report ? resolve(report) : reject(new Error(`scale child exited with code ${code} without a report`)),
    );
  });
}

export async function benchScale(o: { switches: number; repeats: number; execArgv?: string[] }): Promise<ScaleResult> {
  const dir = await mkdtemp(join(tmpdir(), "ngs-bench-scale-"));
  try {
    const file = join(dir, "scale.conf");
    await writeFile(file, renderScaleConfig(o.switches), { mode: 0o600 });
    const reports: ScaleReport[] = [];
    for (let i = 0; i < o.repeats; i++) reports.push(await runChild(file, o.execArgv ?? []));
    const sorted = [...reports].sort((a, b) => a.readyMs - b.readyMs);
    const med = sorted[Math.floor((sorted.length - 1) / 2)]!;
    return {
      scenario: "scale",
      switches: o.switches,
      devices: med.devices,
      readyMs: round2(med.readyMs),
      importMs: round2(med.importMs),
      loadMs: round2(med.loadMs),
      rssMB: round2(med.rssBytes / 2 ** 20),
      heapUsedMB: round2(med.heapUsedBytes / 2 ** 20),
      repeats: o.repeats,
      allReadyMs: reports.map((r) => round2(r.readyMs)),
      targetReadyMs: 1000,
      targetRssMB: 150,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

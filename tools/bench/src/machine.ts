/** What a result was measured on. */
import { cpus, loadavg, totalmem } from "node:os";
import { sshNativeCrypto } from "@ngs/cli-session";

export interface MachineInfo {
  date: string;
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  platform: string;
  /** `os.loadavg()` when the run started: 1, 5, 15 minutes. */
  loadAvg: number[];
  /** ssh2's native crypto binding was loaded (else Node's crypto, a cipher object per packet). */
  sshNativeCrypto: boolean;
}

export function machineInfo(now = new Date()): MachineInfo {
  const list = cpus();
  return {
    date: now.toISOString(),
    cores: list.length,
    cpuModel: list[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadAvg: loadavg(),
    sshNativeCrypto: sshNativeCrypto(),
  };
}

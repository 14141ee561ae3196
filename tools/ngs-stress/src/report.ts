/** The human-readable end-of-run table. */
import type { StressResult } from "./run.js";

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ")).join("\n");
}

const ms = (v: number): string => v.toFixed(1);

export function formatReport(r: StressResult): string {
  const out: string[] = [];
  const where = r.simulated ? `simulated switch ${r.switch}` : `switch ${r.switch}`;
  out.push(
    `ngs-stress: ${r.mode} mode on ${where}, ${r.items} ${r.mode === "network" ? "VLANs" : "ports"} x ${r.iterations} iteration(s), ${r.processes} process(es)`,
  );
  if (r.driver) {
    const d = r.driver;
    out.push(
      `driver: batching ${d.batch ? "on" : "off"}, reuse ${d.reuse ? "on" : "off"}, max connections ${d.maxConnections ?? "default"}, save ${d.save ? "on" : "off"}, coordination ${d.etcdUrl ? "etcd" : "in-process"}`,
    );
  }
  out.push(`wall time ${ms(r.wallMs)} ms (parallel phase ${ms(r.parallelMs)} ms)`, "");
  const rows = [["operation", "count", "errors", "ops/s", "p50 ms", "p95 ms", "p99 ms", "max ms"]];
  for (const o of r.ops) {
    rows.push([o.op, String(o.count), String(o.errors), o.throughputPerS.toFixed(2), ms(o.latencyMs.p50), ms(o.latencyMs.p95), ms(o.latencyMs.p99), ms(o.latencyMs.max)]);
  }
  out.push(table(rows), "");
  out.push(`total: ${r.total.ok} ok, ${r.total.errors} failed, ${r.total.skipped} skipped of ${r.total.expected} operations`);
  if (r.switches) {
    out.push("");
    const srows = [["switch", "sessions", "peak", "commands", "saves", "refused"]];
    for (const s of r.switches) {
      srows.push([s.name, String(s.sessionsOpened), String(s.sessionsPeak), String(s.commandsReceived), String(s.saves), String(s.sessionsRejected)]);
    }
    out.push(table(srows));
  } else {
    out.push("SSH sessions and saves: not known for real switches (see the switch's own logs)");
  }
  if (r.errorSamples.length > 0) {
    out.push("", "errors (first distinct):", ...r.errorSamples.map((e) => `  ${e}`));
  }
  return out.join("\n");
}

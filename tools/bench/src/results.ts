/** RESULTS.md: what was measured, on what, with which command, against which target. */
import type { MachineInfo } from "./machine.js";
import { VARIANT_LABEL, type BatchingResult } from "./scenarios/batching.js";
import type { OverheadResult } from "./scenarios/overhead.js";
import type { ScaleResult } from "./scenarios/scale.js";
import type { ServiceResult } from "./scenarios/service.js";
import type { FaultsResult } from "./scenarios/faults.js";
import type { ColdstartResult } from "./scenarios/coldstart.js";

export interface BenchResults {
  machine: MachineInfo;
  command: string;
  small: boolean;
  overhead?: OverheadResult;
  batching?: BatchingResult;
  scale?: ScaleResult;
  service?: ServiceResult;
  coldstart?: ColdstartResult;
  faults?: FaultsResult & { date?: string; machine?: MachineInfo };
  /** Scenarios that could not run, with the reason. */
  failures: { scenario: string; error: string }[];
  /** Extra notes (analysis of a missed target), added by hand or by the caller. */
  notes?: string[];
  chartFile?: string;
  /** A hand-written analysis next to RESULTS.md (profiles, hot spots), linked when present. */
  analysisFile?: string;
  /** `os.loadavg()` when the run ended. */
  loadAvgEnd?: number[];
}

const verdict = (ok: boolean): string => (ok ? "**met**" : "**missed**");
const f1 = (v: number): string => v.toFixed(1);
const f2 = (v: number): string => v.toFixed(2);

function mdTable(head: string[], rows: string[][]): string[] {
  return [`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.join(" | ")} |`)];
}

function overheadSection(o: OverheadResult): string[] {
  const out = [
    "## Session overhead",
    "",
    `${o.ports} ports plugged then unplugged one at a time (${2 * o.ports} operations, concurrency 1), one simulated`,
    `Cisco IOS switch, the driver in its own process; median of ${o.repeats} run(s) per row. Overhead per command = (wall time − awaited`,
    "commands × the simulator's per-command latency) / commands the simulator received (session setup, enable, config",
    "mode and save commands included). Awaited = all commands but each session's logout `exit`: the simulator counts it",
    "and sleeps its latency, but the driver closes the connection without waiting for an answer.",
    "",
    "Three yardsticks for \"the simulator's latency\", from loosest to strictest for ngs:",
    "",
    "- **nominal**: awaited commands × the configured delay.",
    "- **TCP floor**: awaited commands × one round trip of a plain TCP echo over loopback whose server answers after the",
    `  same delay (Node timers fire late; waking an idle process costs time on this VM). Floor in this run: ${Object.entries(o.floorMs).map(([l, v]) => `${f2(v)} ms at ${l} ms`).join(", ")}.`,
    "  What remains is what ngs **and SSH** (both ends' crypto, the handshake of every session) add. The target is judged here.",
    "- **SSH floor**: the same conversation (same sessions, awaited commands, bare returns and answers per session)",
    "  held with the same simulator by a bare ssh2 client in its own process: no config, locks, templates or prompt",
    "  handling. Run right after each ngs run. What remains is what ngs's own code adds.",
    "",
    "\"sim CPU/command\" is the CPU the simulator's own process spent per command (its SSH server and dialect, the",
    "run's setup included): much of it sits on the critical path between the simulator's timer and the driver, yet the",
    "TCP floor charges it to ngs.",
    "",
    ...mdTable(
      ["reuse", "sim latency/cmd", "ops", "errors", "sessions", "commands", "awaited", "returns", "saves", "wall ms", "SSH floor ms", "ms/op", "ms/command", "sim CPU/command", "over nominal", "over TCP floor", "over SSH floor"],
      o.runs.map((r) => [
        r.reuse ? "on" : "off",
        `${r.commandLatencyMs} ms`,
        String(r.ops),
        String(r.errors),
        String(r.sessions),
        String(r.commands),
        String(r.awaitedCommands ?? r.commands),
        r.returns === undefined ? "–" : String(r.returns),
        String(r.saves),
        f1(r.wallMs),
        r.sshFloorMs === undefined ? "–" : f1(r.sshFloorMs),
        f2(r.perOpMs),
        f2(r.perCommandMs),
        r.simCpuPerCommandMs === undefined ? "–" : f2(r.simCpuPerCommandMs),
        f2(r.overheadPerCommandMs),
        f2(r.overheadVsMeasuredMs),
        r.overheadVsSshMs === undefined ? "–" : f2(r.overheadVsSshMs),
      ]),
    ),
    "",
  ];
  for (const r of o.runs) {
    const ssh = r.overheadVsSshMs === undefined ? "" : `; ngs's own share (over the SSH floor) ${f2(r.overheadVsSshMs)} ms`;
    out.push(
      `- Target ≤ ${o.targetMs} ms/command, reuse ${r.reuse ? "on" : "off"}, sim ${r.commandLatencyMs} ms: ${f2(r.overheadVsMeasuredMs)} ms over the TCP floor (${f2(r.overheadPerCommandMs)} ms over the nominal latency${ssh}) — ${verdict(r.overheadVsMeasuredMs <= o.targetMs && r.errors === 0)}`,
    );
  }
  out.push("");
  return out;
}

function batchingSection(b: BatchingResult): string[] {
  const p = b.profile;
  const out = [
    "## Batching",
    "",
    `${b.plugs} port plugs from ${b.processes} processes on one simulated switch with ${p.commandLatencyMs} ms per command,`,
    `${p.loginLatencyMs} ms login and ${p.saveLatencyMs} ms save; coordination through a real etcd; ngs_max_connections = 1.`,
    `Physical lower bound = one login + ${b.plugs} plugs × ${b.plugCommands} commands × ${p.commandLatencyMs} ms + one save`,
    `= **${f1(b.lowerBoundMs)} ms**. Wall time is the parallel phase (all workers released at once).`,
    "",
    ...mdTable(
      ["variant", "plugs ok", "errors", "wall ms", "× lower bound", "sessions", "saves", "commands", "plug p50 ms", "p95 ms", "max ms"],
      b.variants.map((v) => [
        VARIANT_LABEL[v.variant],
        String(v.plugs),
        String(v.errors),
        f1(v.wallMs),
        f2(v.ratio),
        String(v.sessions),
        String(v.saves),
        String(v.commands),
        f1(v.latencyMs.p50),
        f1(v.latencyMs.p95),
        f1(v.latencyMs.max),
      ]),
    ),
    "",
  ];
  const on = b.variants.find((v) => v.variant === "batching");
  if (on) out.push(`- Target ≤ ${b.targetRatio} × lower bound with batching: ${f2(on.ratio)} × — ${verdict(on.ratio <= b.targetRatio && on.errors === 0)}`, "");
  if (b.concurrency.length > 0) {
    out.push(
      "### Plug latency versus concurrency",
      "",
      "N plugs issued at once (from min(N, processes) processes), same simulator profile.",
      "",
      ...mdTable(
        ["concurrency", "variant", "processes", "plugs ok", "errors", "p50 ms", "mean ms", "wall ms"],
        b.concurrency.map((c) => [String(c.concurrency), VARIANT_LABEL[c.variant], String(c.processes), String(c.plugs), String(c.errors), f1(c.p50Ms), f1(c.meanMs), f1(c.wallMs)]),
      ),
      "",
    );
  }
  return out;
}

function scaleSection(s: ScaleResult): string[] {
  return [
    "## Scale",
    "",
    `${s.switches} \`netmiko_cisco_ios\` switches in one config file, loaded in a fresh Node process through the`,
    `driver's loader (config read, plugin discovery, device objects, coordination); median of ${s.repeats} runs.`,
    "",
    ...mdTable(
      ["devices", "ready (from process start) ms", "import ms", "load ms", "RSS MB", "heap used MB", "all runs ready ms"],
      [[String(s.devices), f1(s.readyMs), f1(s.importMs), f1(s.loadMs), f1(s.rssMB), f1(s.heapUsedMB), s.allReadyMs.map(f1).join(", ")]],
    ),
    "",
    `- Target ready ≤ ${s.targetReadyMs} ms: ${f1(s.readyMs)} ms — ${verdict(s.readyMs <= s.targetReadyMs && s.devices === s.switches)}`,
    `- Target RSS ≤ ${s.targetRssMB} MB: ${f1(s.rssMB)} MB — ${verdict(s.rssMB <= s.targetRssMB)}`,
    "",
  ];
}

function coldstartSection(c: ColdstartResult): string[] {
  return [
    "## Cold start",
    "",
    `Measured ${c.machine.date} on ${c.machine.cores} cores (${c.machine.cpuModel}), Node ${c.machine.node}, load average ${c.machine.loadAvg.map((v) => v.toFixed(2)).join(" / ")}.`,
    `Wall time of fresh \`ngs\` processes, spawn to exit, median of ${c.runs} each (one unrecorded run first). The dry-run plug`,
    "reads a one-switch config, discovers the plugins, loads the one vendor it needs and prints the plan; no switch is",
    "contacted. stderr is a pipe (on a terminal the log pretty-printer loads as well).",
    "",
    ...mdTable(
      ["command", "median ms", "all runs ms"],
      [c.node, c.version, c.dryRunPlug].map((x) => [`\`${x.label === "node -e 0" ? x.label : `ngs ${x.label}`}\``, f1(x.medianMs), x.allMs.map(f1).join(", ")]),
    ),
    "",
    `- Target dry-run plug ≤ ${c.targetDryRunMs} ms: ${f1(c.dryRunPlug.medianMs)} ms — ${verdict(c.dryRunPlug.medianMs <= c.targetDryRunMs)}`,
    "",
  ];
}

function serviceSection(s: ServiceResult): string[] {
  const m = s.machine;
  return [
    "## Service (`ngs serve`)",
    "",
    `Measured ${m.date} on ${m.cores} cores (${m.cpuModel}), Node ${m.node}, load average ${m.loadAvg.map((v) => v.toFixed(2)).join(" / ")}.`,
    "`update_port` (access) through `ngs serve`'s JSON-RPC endpoint over HTTP keep-alive on loopback, versus the same",
    "`plugPortToNetwork` called in process, on one simulated Cisco IOS switch (0 ms per command, `ngs_ssh_reuse_connection`,",
    "`ngs_max_connections = 8`, no save). The difference at p50 is what the HTTP layer adds (fastify, JSON-RPC checks, logging, metrics).",
    "The HTTP floor is the same client against a bare Node HTTP server that answers a fixed body at once (HTTP itself, no ngs);",
    "\"ngs server over floor\" = added − floor. The client and the server share one",
    "process (the switch is its own, `ngs sim`), so at concurrency 50 the run is CPU-bound and any CPU per request shows up as",
    "queueing in p50. \"HTTP layer alone\" is `get_switches` through `ngs serve` (the whole HTTP, auth-free JSON-RPC, logging and",
    "metrics path, no switch I/O) minus the floor: the target is judged there. The update_port difference also carries the",
    "SSH session's own I/O callbacks, which an HTTP request has to queue behind in the event loop while an in-process call does not.",
    "",
    ...mdTable(
      ["concurrency", "ops", "HTTP p50 ms", "HTTP p99 ms", "HTTP ops/s", "in-process p50 ms", "in-process p99 ms", "in-process ops/s", "added at p50 ms", "HTTP floor p50 ms", "ngs server over floor ms", "get_switches p50 ms", "HTTP layer alone p50 ms"],
      s.points.map((p) => [
        String(p.concurrency),
        String(p.ops),
        f2(p.http.p50Ms),
        f2(p.http.p99Ms),
        f1(p.http.opsPerS),
        f2(p.inProcess.p50Ms),
        f2(p.inProcess.p99Ms),
        f1(p.inProcess.opsPerS),
        f2(p.addedP50Ms),
        f2(p.httpFloor.p50Ms),
        f2(p.serverOverFloorP50Ms),
        f2(p.rpcNoSwitch.p50Ms),
        f2(p.httpLayerP50Ms),
      ]),
    ),
    "",
    ...s.points.map(
      (p) =>
        `- Target: the HTTP layer adds ≤ ${s.targetAddedP50Ms} ms at p50, concurrency ${p.concurrency}: ${f2(p.httpLayerP50Ms)} ms alone — ${verdict(p.httpLayerP50Ms <= s.targetAddedP50Ms)}; update_port over HTTP vs in process: +${f2(p.addedP50Ms)} ms — ${verdict(p.addedP50Ms <= s.targetAddedP50Ms)}`,
    ),
    "",
  ];
}

function faultsSection(f: NonNullable<BenchResults["faults"]>): string[] {
  const m = f.machine;
  return [
    "## Faults",
    "",
    "Time from a fault to every caller answered, with the default batching timings (execute-lock TTL 10 s, caller",
    "lease 10 s, horizon 30 s, send budget 60 s), a real etcd, real SSH and each driver host in its own process",
    `(\`ngs_batch_requests = true\`, simulator at ${f.commandLatencyMs} ms per command). **switch unreachable**: a TCP`,
    "listener that never answers, `ngs_ssh_connect_timeout = 5`, 4 callers in 2 processes, timed from the start (the",
    "spread is from the worker's verdict to the last caller). **worker killed**: the execute-lock holder SIGKILLed",
    `mid-batch while 4 callers in 2 other processes wait, timed from the kill. **etcd restarted**: etcd SIGKILLed`,
    `mid-batch for ${f1(f.outageMs / 1000)} s, then restarted on its data dir, 6 callers in 3 processes, timed from the restart.`,
    "`applied twice` counts VLAN assignments the switch received more than once; `keys left` counts keys under",
    "`/ngs/` after every caller was done (both must be 0).",
    "",
    ...(m ? [`Run ${f.date ?? m.date} on ${m.cpuModel} × ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}.`, ""] : []),
    ...mdTable(
      ["fault", "callers", "ok", "failed", "last answer after fault", "spread", "applied twice", "keys left", "first error"],
      f.runs.map((x) => [
        x.fault,
        String(x.callers),
        String(x.succeeded),
        String(x.failed),
        `${f1(x.lastAnswerMs / 1000)} s`,
        `${f1(x.spreadMs / 1000)} s`,
        String(x.appliedTwice),
        String(x.keysLeft),
        x.firstError ? `\`${x.firstError.slice(0, 120).replace(/[|`]/g, "")}…\`` : "",
      ]),
    ),
    "",
  ];
}

export function renderResults(r: BenchResults): string {
  const m = r.machine;
  const out = [
    "# ngs benchmark results",
    "",
    `- Date: ${m.date}`,
    `- Machine: ${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB, ${m.platform}`,
    `- Node: ${m.node}; ssh2 native crypto binding: ${m.sshNativeCrypto === undefined ? "not recorded" : m.sshNativeCrypto ? "yes" : "no (Node crypto fallback)"}`,
    `- Load average (1/5/15 min) at start: ${m.loadAvg.map((v) => v.toFixed(2)).join(" / ")}${r.loadAvgEnd ? `; at end: ${r.loadAvgEnd.map((v) => v.toFixed(2)).join(" / ")}` : ""} (other work on the machine slows every number)`,
    `- Command: \`${r.command}\`${r.small ? " (small CI configuration: not representative)" : ""}`,
    "",
    "Every number below was measured in this one run on the same simulator (`@ngs/switch-sim`, real SSH on loopback).",
    "",
  ];
  if (r.overhead) out.push(...overheadSection(r.overhead));
  if (r.batching) out.push(...batchingSection(r.batching));
  if (r.chartFile) out.push(`![plug latency versus concurrency, batching on and off](${r.chartFile})`, "");
  if (r.scale) out.push(...scaleSection(r.scale));
  if (r.service) out.push(...serviceSection(r.service));
  if (r.coldstart) out.push(...coldstartSection(r.coldstart));
  if (r.faults) out.push(...faultsSection(r.faults));
  if (r.failures.length > 0) {
    out.push("## Could not run", "");
    for (const f of r.failures) out.push(`- ${f.scenario}: ${f.error}`);
    out.push("");
  }
  if (r.notes && r.notes.length > 0) out.push("## Notes", "", ...r.notes, "");
  if (r.analysisFile) {
    out.push(`Why targets were missed (profiles, hot spots, recommendations): see [${r.analysisFile}](${r.analysisFile}).`, "");
  }
  return out.join("\n");
}

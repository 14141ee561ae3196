// Batching (ngs_batch_requests) over a real etcd and the SSH switch simulator.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { Etcd3 } from "etcd3";
import {
  GenericSwitchBatchError,
  SwitchQueue,
  batchKeys,
  createCoordination,
  createLogger,
  type Coordination,
  type WorkerLock,
} from "@ngs/core";
import { SIM_PASSWORD, SIM_USERNAME, startEtcd, type EtcdFixture } from "@ngs/test-utils";
import { startSwitch, type SimSwitch } from "@ngs/switch-sim";
import CiscoIos from "@ngs/device-cisco/ios";
import { killAll, startHost, type Host, type HostJob } from "./workers/hosts.js";

const CREDS = { username: SIM_USERNAME, password: SIM_PASSWORD };
let etcd: EtcdFixture;
let client: Etcd3;
let sw: SimSwitch | undefined;
let hosts: Host[] = [];
let coordinations: Coordination[] = [];

beforeAll(async () => {
  etcd = await startEtcd();
  client = new Etcd3({ hosts: etcd.clientUrl });
});
afterEach(async () => {
  await killAll(hosts);
  hosts = [];
  await Promise.allSettled(coordinations.map((c) => c.close({ timeoutMs: 2000 })));
  coordinations = [];
  await sw?.close();
  sw = undefined;
  // Each test starts from an empty queue.
  await client.delete().prefix("/ngs/").exec();
});
afterAll(async () => {
  client?.close();
  await etcd?.stop();
});

function job(s: SimSwitch, ops: HostJob["ops"], extra: Partial<HostJob> = {}): HostJob {
  return { backendUrl: etcd.url, switch: { host: s.host, port: s.port, ...CREDS }, ops, batch: true, ...extra };
}

function portOps(group: number, n: number) {
  return Array.from({ length: n }, (_, i) => ({ port: `GigabitEthernet${group}/${i + 1}`, vlan: 100 + group * 50 + i }));
}

/** How many times the switch was told to enter each interface. */
function interfaceCounts(s: SimSwitch): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of s.commandLog) {
    const m = /^\s*interface (\S+)/.exec(line);
    if (m) counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
  }
  return counts;
}

describe("batching across processes", () => {
  it("4 processes × 25 port operations: own results, exact final state, few sessions and saves", async () => {
    sw = await startSwitch({ platform: "cisco_ios", ...CREDS, faults: { commandLatencyMs: 2, maxSessions: 2 } });
    const groups = [0, 1, 2, 3];
    hosts = groups.map((g) => startHost(job(sw!, portOps(g, 25))));
    const codes = await Promise.all(hosts.map((h) => h.exited));
    expect(codes, hosts.map((h) => h.stderr).join("\n")).toEqual([0, 0, 0, 0]);

    const results = hosts.flatMap((h) => h.results);
    expect(results).toHaveLength(100);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    for (const r of results) {
      // Each caller gets the output of its own command set, not a neighbour's.
      expect(r.output).toContain(`interface ${r.port}`);
      expect(r.output).toContain(`switchport access vlan ${r.vlan}`);
      expect(r.output!.match(/interface \S+/g)).toEqual([`interface ${r.port}`]);
    }
    const ports = sw.snapshot().ports;
    for (const g of groups) for (const op of portOps(g, 25)) expect(ports[op.port], op.port).toMatchObject({ mode: "access", accessVlan: op.vlan });
    // Every operation ran exactly once.
    expect([...interfaceCounts(sw).values()].every((n) => n === 1)).toBe(true);
    expect(interfaceCounts(sw).size).toBe(100);
    expect(sw.counters.sessionsRejected).toBe(0);
    expect(sw.counters.sessionsOpened).toBeLessThanOrEqual(25);
    expect(sw.counters.saves).toBeLessThanOrEqual(sw.counters.sessionsOpened);
    expect(sw.counters.saves).toBeGreaterThanOrEqual(1);
    // Nothing left queued.
    expect(await client.getAll().prefix(batchKeys(sw.host).inputPrefix).count()).toBe(0);
  });

  it("a worker SIGKILLed mid-batch: the others take over after the lock TTL; nothing sent twice, the dead caller's requests dropped", async () => {
    // Slow commands, so the victim is surely mid-batch when it dies.
    sw = await startSwitch({ platform: "cisco_ios", ...CREDS, faults: { commandLatencyMs: 300 } });
    const batchOptions = { lockTtlS: 2, inputTtlS: 2, waitTimeoutMs: 45_000, watchSliceMs: 1000 };
    const victimOps = portOps(9, 3);
    const victim = startHost(job(sw, victimOps, { batchOptions }));
    hosts.push(victim);
    const lockKey = batchKeys(sw.host).executeLock;
    // The victim holds the execute lock and the switch has started receiving its batch.
    await vi.waitFor(
      async () => {
        const holder = await client.get(lockKey).string();
        expect(!!holder?.includes(`/${victim.pid}/`) && sw!.commandLog.some((l) => l.includes("interface GigabitEthernet9/")), "the victim to hold the execute lock mid-batch").toBe(true);
      },
      { timeout: 30_000, interval: 20 },
    );
    victim.child.kill("SIGKILL");
    await victim.exited;
    sw.faults.commandLatencyMs = 2;

    const others = [0, 1, 2].map((g) => startHost(job(sw!, portOps(g, 5), { batchOptions })));
    hosts.push(...others);
    const codes = await Promise.all(others.map((h) => h.exited));
    expect(codes, others.map((h) => h.stderr).join("\n")).toEqual([0, 0, 0]);
    const results = others.flatMap((h) => h.results);
    expect(results).toHaveLength(15);
    expect(results.filter((r) => !r.ok)).toEqual([]);

    const ports = sw.snapshot().ports;
    for (const op of [0, 1, 2].flatMap((g) => portOps(g, 5))) expect(ports[op.port], op.port).toMatchObject({ mode: "access", accessVlan: op.vlan });
    const counts = interfaceCounts(sw);
    for (const g of [0, 1, 2]) for (const op of portOps(g, 5)) expect(counts.get(op.port), op.port).toBe(1);
    // The dead caller's requests: the one cut off is never sent again, the rest never run (nobody waits for them).
    for (const op of victimOps) expect(counts.get(op.port) ?? 0, op.port).toBeLessThanOrEqual(1);
    const vlanLines = sw.commandLog.filter((l) => /switchport access vlan/.test(l)).map((l) => l.trim());
    expect(new Set(vlanLines).size).toBe(vlanLines.length);
    // Its inputs and any result written for them went with its lease: nothing left.
    await vi.waitFor(async () => expect(await client.getAll().prefix("/ngs/").count(), "etcd to hold nothing under /ngs/").toBe(0), { timeout: 15_000, interval: 20 });
  });

  it("the switch dropping the connection mid-batch: the affected batches fail at once, the rest are applied", async () => {
    sw = await startSwitch({ platform: "cisco_ios", ...CREDS, faults: { commandLatencyMs: 2, dropAfterCommands: 12 } });
    const ops = portOps(3, 10);
    // A wait timeout far beyond the test's: an error that came from waiting it out would fail the test.
    const h = startHost(job(sw, ops, { batchOptions: { waitTimeoutMs: 600_000 } }));
    hosts.push(h);
    expect(await h.exited, h.stderr).toBe(0);
    const results = h.results;
    expect(results).toHaveLength(10);
    const failed = results.filter((r) => !r.ok);
    expect(failed.length).toBeGreaterThanOrEqual(1);
    for (const r of failed) {
      expect(r.error).toMatch(/^GenericSwitchBatchError: Batching error: sw1, error: /);
      expect(r.error).not.toMatch(/Timed out/);
      expect(r.error).not.toContain(CREDS.password);
    }
    const ports = sw.snapshot().ports;
    for (const r of results.filter((x) => x.ok)) expect(ports[r.port], r.port).toMatchObject({ accessVlan: r.vlan });
    // The worker reconnected for the batches after the drop.
    expect(sw.counters.sessionsOpened).toBeGreaterThan(1);
  });

  it("a worker that cannot reach the switch fails every batch it took at once", async () => {
    sw = await startSwitch({ platform: "cisco_ios", ...CREDS });
    const deadSwitch = { host: sw.host, port: sw.port };
    await sw.close();
    sw = undefined;
    const h = startHost({
      backendUrl: etcd.url,
      switch: { ...deadSwitch, ...CREDS },
      ops: portOps(4, 6),
      batch: true,
      batchOptions: { waitTimeoutMs: 600_000 },
      deviceConfig: { ngs_ssh_connect_timeout: "0" },
    });
    hosts.push(h);
    expect(await h.exited, h.stderr).toBe(0);
    expect(h.results).toHaveLength(6);
    for (const r of h.results) {
      expect(r.ok).toBe(false);
      expect(r.error).toMatch(/GenericSwitchBatchError: .*Cannot connect to the switch/);
      expect(r.error).not.toContain(CREDS.password);
    }
  });
});

describe("shutdown", () => {
  it("close() waits for the batch work in flight, releases the execute lock, and the process exits by itself", async () => {
    sw = await startSwitch({ platform: "cisco_ios", ...CREDS, faults: { commandLatencyMs: 20 } });
    const ops = portOps(5, 8);
    const h = startHost(job(sw, ops, { closeAfterFirstResult: true, closeTimeoutMs: 30_000 }));
    hosts.push(h);
    expect(await h.exited, h.stderr).toBe(0);
    expect(h.events.find((e) => e.type === "closed")).toEqual({ pid: h.pid, type: "closed" });
    expect(h.results.filter((r) => !r.ok)).toEqual([]);
    expect(h.results).toHaveLength(8);
    const ports = sw.snapshot().ports;
    for (const op of ops) expect(ports[op.port]).toMatchObject({ accessVlan: op.vlan });
    expect(await client.get(batchKeys(sw.host).executeLock).exists()).toBe(false);
  });

  it("past its timeout close() raises ShutdownTimeout, fails what still waits, withdraws what never ran, and still exits", async () => {
    sw = await startSwitch({ platform: "cisco_ios", ...CREDS, faults: { commandLatencyMs: 150 } });
    const ops = portOps(6, 6);
    const h = startHost(job(sw, ops, { closeAfterFirstResult: true, closeTimeoutMs: 200 }));
    hosts.push(h);
    expect(await h.exited, h.stderr).toBe(0);
    const closed = h.events.find((e) => e.type === "closed");
    expect(closed?.error).toMatch(/^ShutdownTimeout: Shutdown timed out after 0.2 seconds waiting for \d+ batch request\(s\) and 1 batch worker\(s\)/);
    const failed = h.results.filter((r) => !r.ok);
    expect(failed.length).toBeGreaterThanOrEqual(1);
    for (const r of failed) expect(r.error).toMatch(/GenericSwitchBatchError: .*Stopped waiting \(shutting down\) for result key/);
    // The lock is free and nothing is left queued: a withdrawn request never runs later.
    const keys = batchKeys(sw.host);
    expect(await client.get(keys.executeLock).exists()).toBe(false);
    expect(await client.getAll().prefix(keys.inputPrefix).count()).toBe(0);
    const withdrawn = failed.filter((r) => r.error!.includes("withdrawn and will not run"));
    const counts = interfaceCounts(sw);
    for (const r of withdrawn) expect(counts.get(r.port), r.port).toBeUndefined();
  });
});

describe("batch queue semantics", () => {
  it("a result written before its watcher starts (even past a compaction) is still received, and consumed", { timeout: 20_000 }, async () => {
    const queue = new SwitchQueue(client, "10.9.9.9", { watchSliceMs: 300 });
    const item = await queue.addBatch(["interface Gi0/1", "switchport access vlan 7"]);
    const lock = await queue.tryAcquireWorkerLock("test");
    expect(lock).toBeDefined();
    const [pending] = await queue.getBatches();
    expect(pending!.record.cmds).toEqual(["interface Gi0/1", "switchport access vlan 7"]);
    expect(await lock!.advance([{ batch: pending!, revision: pending!.modRevision, outcome: { result: "ok-output" } }])).toBe(null);
    await lock!.release();
    // Compact past the write: a watch from the item's revision can no longer replay it.
    const rev = (await client.get("/ngs/none").exec()).header.revision;
    await client.kv.compact({ revision: rev, physical: true });
    // Far longer than the test may run: only the per-slice read-and-delete can deliver it in time.
    await expect(queue.waitForResult(item, 600_000)).resolves.toBe("ok-output");
    // Read-and-delete: the result key is gone.
    expect(await client.get(item.resultKey).string()).toBeNull();
    expect(await client.get(item.inputKey).string()).toBeNull();
  });

  it("a result written just after a quiet read, before the next watch starts, is still received at once", { timeout: 20_000 }, async () => {
    const held: { lock?: WorkerLock } = {};
    let reads = 0;
    // A loaded host's timing, made certain: the worker records the result right after the waiter's read found nothing.
    class RacingQueue extends SwitchQueue {
      override async consumeResultAt(key: string) {
        const r = await super.consumeResultAt(key);
        if (++reads === 1) {
          const [pending] = await this.getBatches();
          await held.lock!.advance([{ batch: pending!, revision: pending!.modRevision, outcome: { result: "late-output" } }]);
        }
        return r;
      }
      override watchOnce(...args: Parameters<SwitchQueue["watchOnce"]>) {
        // Only the first slice is short: a watch that missed the result would wait far longer than this test may run.
        if (reads === 0) args[2] = 100;
        return super.watchOnce(...args);
      }
    }
    const queue = new RacingQueue(client, "10.9.9.5", { watchSliceMs: 600_000 });
    const item = await queue.addBatch(["x"]);
    held.lock = await queue.tryAcquireWorkerLock("test");
    await expect(queue.waitForResult(item, 600_000)).resolves.toBe("late-output");
    expect(reads).toBe(2);
    await held.lock!.release();
  });

  it("a held worker lock outlives its lease TTL (kept alive), and is free once released", { timeout: 20_000 }, async () => {
    const queue = new SwitchQueue(client, "10.9.9.4", { lockTtlS: 1 });
    const lock = (await queue.tryAcquireWorkerLock("test"))!;
    // Three TTLs: without keep-alives etcd would have dropped the key after the first.
    const until3Ttl = Date.now() + 3000;
    while (Date.now() < until3Ttl) {
      expect(await client.get(queue.keys.executeLock).string()).toBe(lock.value);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await queue.tryAcquireWorkerLock("other")).toBeUndefined();
    expect(await lock.refresh()).toBe(true);
    await lock.release();
    expect(await client.get(queue.keys.executeLock).exists()).toBe(false);
  });

  it("inputs come back in creation (FIFO) order, and a revision cap leaves later ones out", async () => {
    const queue = new SwitchQueue(client, "10.9.9.8");
    const a = await queue.addBatch(["a"]);
    const b = await queue.addBatch(["b"]);
    await queue.addBatch(["c"]);
    expect((await queue.getBatches()).map((p) => p.record.cmds[0])).toEqual(["a", "b", "c"]);
    expect((await queue.getBatches(b.createRevision)).map((p) => p.record.uuid)).toEqual([a.uuid, b.uuid]);
    // Upstream's value layout: sorted JSON with uuid, input_key, result_key, cmds.
    const raw = JSON.parse((await client.get(a.inputKey).string())!);
    // ngs adds not_after: no worker starts the request after it.
    expect(Object.keys(raw)).toEqual(["cmds", "input_key", "not_after", "result_key", "uuid"]);
    expect(raw.input_key).toBe(`/ngs/batch/10.9.9.8/input/${a.uuid}`);
    expect(raw.result_key).toBe(`/ngs/batch/10.9.9.8/output/${a.uuid}`);
  });

  it("a worker that lost its lock cannot record results (and says so before sending)", async () => {
    const queue = new SwitchQueue(client, "10.9.9.7");
    await queue.addBatch(["x"]);
    const lock = (await queue.tryAcquireWorkerLock("test"))!;
    expect(await queue.tryAcquireWorkerLock("other")).toBeUndefined();
    // The lock vanishes (as when its lease expires) and another worker takes it.
    await client.delete().key(queue.keys.executeLock).exec();
    const other = (await queue.tryAcquireWorkerLock("other"))!;
    expect(await lock.refresh()).toBe(false);
    const [pending] = await queue.getBatches();
    expect(await lock.advance([{ batch: pending!, revision: pending!.modRevision, outcome: { result: "late" } }])).toBe(false);
    expect(await client.get(pending!.key).exists()).toBe(true);
    await lock.release();
    await other.release();
  });

  it("an error result reaches the caller as GenericSwitchBatchError with upstream's message", async () => {
    const queue = new SwitchQueue(client, "10.9.9.6", { deviceName: "sw-x", watchSliceMs: 500 });
    const item = await queue.addBatch(["x"]);
    const lock = (await queue.tryAcquireWorkerLock("test"))!;
    const [pending] = await queue.getBatches();
    // Attach the expectation now: the rejection may land while we are still recording.
    const waiting = expect(queue.waitForResult(item, 10_000)).rejects.toThrow(
      new GenericSwitchBatchError({ device: "sw-x", error: "switch said no" }).message,
    );
    await lock.advance([{ batch: pending!, revision: pending!.modRevision, outcome: { error: "switch said no" } }]);
    await lock.release();
    await waiting;
  });
});

/** A Cisco IOS device in this process, batching through `backendUrl`. */
async function inProcessDevice(backendUrl: string, s: SimSwitch, batch: Record<string, number>) {
  const logger = createLogger({ level: "silent" });
  const coordination = await createCoordination({ backendUrl }, { logger, requestTimeoutMs: 1000, batch });
  coordinations.push(coordination);
  const device = new CiscoIos(
    { device_type: "netmiko_cisco_ios", ip: s.host, port: String(s.port), ...CREDS, ngs_batch_requests: "true" },
    "sw1",
    { logger, global: { backendUrl, acquireTimeoutS: 60 }, coordinator: coordination.coordinator, batcher: coordination.batcher },
  );
  return { coordination, device };
}

describe("batching in one process", () => {
  it("a command the switch rejects fails only its own request; the others are applied", async () => {
    sw = await startSwitch({
      platform: "cisco_ios",
      ...CREDS,
      faults: { commandLatencyMs: 2, errorOn: [{ pattern: /access vlan 666/, output: "% Invalid input detected at '^' marker." }] },
    });
    const { device } = await inProcessDevice(etcd.url, sw, { waitTimeoutMs: 600_000 });
    const ops = [
      { port: "GigabitEthernet7/1", vlan: 10 },
      { port: "GigabitEthernet7/2", vlan: 666 },
      { port: "GigabitEthernet7/3", vlan: 30 },
      { port: "GigabitEthernet7/4", vlan: 40 },
    ];
    const settled = await Promise.allSettled(ops.map((op) => device.plugPortToNetwork(op.port, op.vlan)));
    const bad = settled[1]!;
    expect(bad.status).toBe("rejected");
    expect((bad as PromiseRejectedResult).reason).toBeInstanceOf(GenericSwitchBatchError);
    expect(String((bad as PromiseRejectedResult).reason.message)).toContain("Invalid input");
    for (const i of [0, 2, 3]) {
      expect(settled[i]!.status, ops[i]!.port).toBe("fulfilled");
      expect((settled[i] as PromiseFulfilledResult<string>).value).toContain(`switchport access vlan ${ops[i]!.vlan}`);
    }
    const ports = sw.snapshot().ports;
    for (const i of [0, 2, 3]) expect(ports[ops[i]!.port]).toMatchObject({ accessVlan: ops[i]!.vlan });
    expect(ports["GigabitEthernet7/2"]?.accessVlan ?? null).not.toBe(666);
  });
});

describe("batching: one config-mode pass per round", () => {
  it("N requests queued together reach the switch in one configure terminal … end pass; a rejected line fails only its batch", async () => {
    sw = await startSwitch({
      platform: "cisco_ios",
      ...CREDS,
      faults: { commandLatencyMs: 1, errorOn: [{ pattern: /access vlan 666/, output: "% Invalid input detected at '^' marker." }] },
    });
    const { device } = await inProcessDevice(etcd.url, sw, { waitTimeoutMs: 600_000 });
    // Hold the execute lock so every request is queued before the worker starts its round.
    const queue = new SwitchQueue(client, sw.host);
    const blocker = (await queue.tryAcquireWorkerLock("test-blocker"))!;
    expect(blocker).toBeDefined();
    const ops = [
      { port: "GigabitEthernet8/1", vlan: 11 },
      { port: "GigabitEthernet8/2", vlan: 12 },
      { port: "GigabitEthernet8/3", vlan: 666 },
      { port: "GigabitEthernet8/4", vlan: 14 },
      { port: "GigabitEthernet8/5", vlan: 15 },
    ];
    const results = Promise.allSettled(ops.map((op) => device.plugPortToNetwork(op.port, op.vlan)));
    await vi.waitFor(async () => expect(await queue.getBatches(), "every request to be queued").toHaveLength(ops.length), { timeout: 30_000, interval: 20 });
    const logStart = sw.commandLog.length;
    await blocker.release();
    const settled = await results;

    const sent = sw.commandLog.slice(logStart).map((l) => l.trim());
    expect(sent.filter((l) => l === "configure terminal")).toHaveLength(1);
    expect(sent.filter((l) => l === "end")).toHaveLength(1);
    // Entered first, left last, every batch's lines in between.
    expect(sent.indexOf("configure terminal")).toBeLessThan(sent.findIndex((l) => l.startsWith("interface ")));
    expect(sent.lastIndexOf("end")).toBeGreaterThan(sent.map((l) => l.startsWith("switchport")).lastIndexOf(true));

    const bad = settled[2]!;
    expect(bad.status).toBe("rejected");
    expect((bad as PromiseRejectedResult).reason).toBeInstanceOf(GenericSwitchBatchError);
    expect(String((bad as PromiseRejectedResult).reason.message)).toContain("Invalid input");
    for (const i of [0, 1, 3, 4]) {
      expect(settled[i]!.status, ops[i]!.port).toBe("fulfilled");
      const out = (settled[i] as PromiseFulfilledResult<string>).value;
      // Each request gets its own output, not its neighbours'.
      expect(out).toContain(`switchport access vlan ${ops[i]!.vlan}`);
      for (const j of [0, 1, 3, 4]) if (j !== i) expect(out).not.toContain(`switchport access vlan ${ops[j]!.vlan}`);
    }
    const ports = sw.snapshot().ports;
    for (const i of [0, 1, 3, 4]) expect(ports[ops[i]!.port]).toMatchObject({ accessVlan: ops[i]!.vlan });
    expect(ports["GigabitEthernet8/3"]?.accessVlan ?? null).not.toBe(666);
    expect(sw.counters.sessionsOpened).toBe(1);
  });

  it("a worker that lost its lock can neither start a batch nor record its results", async () => {
    const queue = new SwitchQueue(client, "10.9.9.5");
    await queue.addBatch(["x"]);
    await queue.addBatch(["y"]);
    const lock = (await queue.tryAcquireWorkerLock("test"))!;
    const round = await queue.getBatches();
    const startedAt = await lock.advance([], round[0]);
    expect(typeof startedAt).toBe("bigint");
    await client.delete().key(queue.keys.executeLock).exec();
    const other = (await queue.tryAcquireWorkerLock("other"))!;
    expect(await lock.advance([], round[1])).toBe(false);
    expect(await lock.advance([{ batch: round[0]!, revision: startedAt as bigint, outcome: { result: "a" } }])).toBe(false);
    for (const b of round) expect(await client.get(b.key).exists()).toBe(true);
    // The batch it started is marked so: the next worker never sends it again.
    expect(JSON.parse((await client.get(round[0]!.key).string())!).started_by).toBe(lock.value);
    await lock.release();
    await other.release();
  });

  it("a withdrawn request cannot be started, and a started one cannot be withdrawn", async () => {
    const queue = new SwitchQueue(client, "10.9.9.4");
    const kept = await queue.addBatch(["x"]);
    const gone = await queue.addBatch(["y"]);
    const round = await queue.getBatches();
    expect(await queue.withdraw(gone)).toBe("withdrawn");
    const lock = (await queue.tryAcquireWorkerLock("test"))!;
    expect(await lock.advance([], round[1])).toBe(null);
    expect(typeof (await lock.advance([], round[0]))).toBe("bigint");
    expect(await queue.withdraw(kept)).toBe("started");
    await lock.release();
  });

  it("a queued request past its deadline is dropped by the next worker, never sent", async () => {
    sw = await startSwitch({ platform: "cisco_ios", ...CREDS, faults: { commandLatencyMs: 1 } });
    const queue = new SwitchQueue(client, sw.host);
    // A request whose caller gave up while etcd was away: its deadline has passed.
    const stale = await queue.addBatch(["interface GigabitEthernet0/9", "switchport access vlan 99"], Date.now() - 1);
    const { device } = await inProcessDevice(etcd.url, sw, { waitTimeoutMs: 600_000 });
    await expect(device.plugPortToNetwork("GigabitEthernet0/1", 10)).resolves.toContain("switchport access vlan 10");
    expect(sw.commandLog.some((l) => l.includes("GigabitEthernet0/9"))).toBe(false);
    expect(await client.get(stale.inputKey).exists()).toBe(false);
  });
});

describe("batching when etcd goes away", () => {
  let etcd2: EtcdFixture | undefined;
  afterEach(async () => {
    await etcd2?.stop();
    etcd2 = undefined;
  });

  async function setup(latencyMs: number) {
    etcd2 = await startEtcd();
    sw = await startSwitch({ platform: "cisco_ios", ...CREDS, faults: { commandLatencyMs: latencyMs } });
    return inProcessDevice(etcd2.url, sw, { waitTimeoutMs: 4000, watchSliceMs: 500, lockAcquireTimeoutMs: 3000 });
  }

  it("etcd down before the request: a clear GenericSwitchBatchError, quickly, and shutdown completes", async () => {
    const { coordination, device } = await setup(1);
    await etcd2!.kill();
    const err = await device.plugPortToNetwork("GigabitEthernet0/1", 10).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GenericSwitchBatchError);
    expect((err as Error).message).toMatch(/^Batching error: sw1, error: Failed to add batch to input key: \/ngs\/batch\/127\.0\.0\.1\/input\//);
    expect(sw!.counters.sessionsOpened).toBe(0);
    await coordination.close({ timeoutMs: 3000 });
  });

  it("etcd down while waiting: the request fails with GenericSwitchBatchError by its timeout, nothing hangs", async () => {
    const { coordination, device } = await setup(300);
    const pending = device.plugPortToNetwork("GigabitEthernet0/2", 11).catch((e: unknown) => e);
    await vi.waitFor(() => expect(sw!.commandLog.some((l) => l.includes("GigabitEthernet0/2")), "the worker to start sending").toBe(true), { timeout: 30_000, interval: 20 });
    await etcd2!.kill();
    const err = await pending;
    expect(err).toBeInstanceOf(GenericSwitchBatchError);
    expect((err as Error).message).toMatch(/Timed out waiting for result key: \/ngs\/batch\/127\.0\.0\.1\/output\/.*etcd: /);
    // Shutdown finishes (the worker gives up, leases cannot be revoked but keep-alives stop).
    await coordination.close({ timeoutMs: 5000 }).catch((e: unknown) => e);
  });
});

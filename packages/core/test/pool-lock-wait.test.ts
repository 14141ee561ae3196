// PoolLock waits for a release instead of polling: with the back-off set to a
// minute, holders only get through (within the test timeout) if each release
// wakes a waiter — in process, over a real etcd, and across OS processes.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Etcd3 } from "etcd3";
import {
  EtcdCoordinator,
  GenericSwitchLockAcquireFailed,
  InProcessCoordinator,
  LOCK_KEY_PREFIX,
  PoolLock,
  type Coordinator,
  type CoordinatorLock,
} from "@ngs/core";
import { startEtcd, type EtcdFixture } from "@ngs/test-utils";
import { startLockHolder } from "./workers/lock-holder.js";

/** Ten minutes: a waiter that relied on the back-off would time the test out. */
const NEVER_MS = 600_000;

/** A gate the test opens when it decides, so holders overlap for real. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((r) => (open = r));
  return { wait, open };
}

/**
 * Start `count` holders on a pool of `poolSize`, one after the other; each
 * stays inside until the test opens its gate. The test opens them one at a
 * time in the order they got in, checking the pool is never exceeded.
 */
async function runGated(coordinators: Coordinator[], count: number, poolSize: number, prefix: string) {
  let inside = 0;
  let most = 0;
  const entered: number[] = [];
  const gates: (() => void)[] = [];
  const holders = Array.from({ length: count }, (_, i) => {
    const lock = new PoolLock(coordinators[i % coordinators.length], { poolSize, prefix, timeoutMs: 0, maxWaitMs: NEVER_MS });
    return lock.withLock(async () => {
      inside++;
      most = Math.max(most, inside);
      entered.push(i);
      const g = gate();
      gates.push(g.open);
      await g.wait;
      inside--;
    });
  });
  await vi.waitFor(() => expect(gates.length, "the pool to fill").toBe(poolSize), { timeout: 30_000, interval: 20 });
  for (let released = 0; released < count; released++) {
    await vi.waitFor(() => expect(gates.length, `holder ${released + 1} of ${count} to get in`).toBeGreaterThan(released), { timeout: 30_000, interval: 20 });
    expect(inside).toBeLessThanOrEqual(poolSize);
    gates[released]!();
  }
  await Promise.all(holders);
  return { entered, most };
}

describe("PoolLock waits for a release (in-process coordinator)", () => {
  it("10 holders on a pool of 2 with a ten-minute back-off all get in, in arrival order", async () => {
    const coord = new InProcessCoordinator();
    const { entered, most } = await runGated([coord], 10, 2, "10.0.0.1");
    expect(most).toBe(2);
    expect(entered).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(coord.heldLocks()).toEqual([]);
    expect(coord.waiting).toBe(0);
  });

  it("a release between the refusal and the wait is not missed", async () => {
    const coord = new InProcessCoordinator();
    const a = coord.getLock("sw0");
    const b = coord.getLock("sw0");
    expect(await a.tryAcquire()).toBe(true);
    expect(await b.tryAcquire()).toBe(false);
    await a.release();
    // Nobody will release sw0 again: this only returns because it is free now.
    await coord.waitForRelease([b]);
    expect(await b.tryAcquire()).toBe(true);
  });

  it("still gives up at acquire_timeout with upstream's message, leaving no waiter behind", async () => {
    const coord = new InProcessCoordinator();
    const holder = new PoolLock(coord, { poolSize: 2, prefix: "sw", timeoutMs: 0 });
    const other = new PoolLock(coord, { poolSize: 2, prefix: "sw", timeoutMs: 0 });
    await holder.acquire();
    await other.acquire();
    const waiter = new PoolLock(coord, { poolSize: 2, prefix: "sw", timeoutMs: 100, maxWaitMs: NEVER_MS });
    const err = await waiter.acquire().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GenericSwitchLockAcquireFailed);
    expect((err as Error).message).toBe(
      "Failed to acquire any of 2 locks for sw for a netmiko action in 0.1 seconds. Try increasing acquire_timeout.",
    );
    expect(coord.waiting).toBe(0);
    expect(coord.heldLocks()).toEqual(["sw0", "sw1"]);
  });

  it("closing the coordinator ends the wait: the waiter fails instead of hanging", async () => {
    const coord = new InProcessCoordinator();
    await new PoolLock(coord, { poolSize: 1, prefix: "sw", timeoutMs: 0 }).acquire();
    const waiting = new PoolLock(coord, { poolSize: 1, prefix: "sw", timeoutMs: 0, maxWaitMs: NEVER_MS })
      .acquire()
      .catch((e: unknown) => e);
    await vi.waitFor(() => expect(coord.waiting, "the waiter to queue").toBe(1), { timeout: 30_000, interval: 20 });
    await coord.close();
    expect(String(await waiting)).toMatch(/coordinator is closed/);
  });

  it("a coordinator whose wait fails falls back to upstream's random back-off", async () => {
    const coord = new InProcessCoordinator();
    let failedWaits = 0;
    const broken: Coordinator = {
      getLock: (name) => coord.getLock(name),
      close: () => coord.close(),
      waitForRelease: async (_locks: readonly CoordinatorLock[]) => {
        failedWaits++;
        throw new Error("watch refused");
      },
    };
    const a = new PoolLock(coord, { poolSize: 1, prefix: "sw", timeoutMs: 0 });
    await a.acquire();
    const b = new PoolLock(broken, { poolSize: 1, prefix: "sw", timeoutMs: 0, maxWaitMs: 5 });
    const got = b.acquire();
    await vi.waitFor(() => expect(failedWaits, "b to keep retrying").toBeGreaterThanOrEqual(3), { timeout: 30_000, interval: 20 });
    await a.release();
    await got;
    expect(b.heldName).toBe("sw0");
    await b.release();
  });
});

describe("PoolLock waits for a release (etcd coordinator)", () => {
  let etcd: EtcdFixture;
  beforeAll(async () => {
    etcd = await startEtcd();
  });
  afterAll(async () => {
    await etcd?.stop();
  });

  it("10 holders on two hosts, a pool of 2, a ten-minute back-off: all get in, never more than 2", async () => {
    const hostA = await EtcdCoordinator.connect(etcd.url);
    const hostB = await EtcdCoordinator.connect(etcd.url);
    try {
      const { entered, most } = await runGated([hostA, hostB], 10, 2, "10.5.5.50");
      expect(most).toBe(2);
      expect([...entered].sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(hostA.heldLocks + hostB.heldLocks).toBe(0);
    } finally {
      await hostA.close();
      await hostB.close();
    }
  });

  it("a crashed holder's lease expiry wakes the waiter", async () => {
    const url = `${etcd.url}?lock_timeout=1`;
    const holder = startLockHolder(url, "10.6.6.600");
    const c = await EtcdCoordinator.connect(url);
    try {
      await vi.waitFor(() => expect(holder.output().includes('"held"'), "the child to take the lock").toBe(true), { timeout: 30_000, interval: 20 });
      expect(holder.output()).toContain('"ok":true');
      const lock = new PoolLock(c, { poolSize: 1, prefix: "10.6.6.60", timeoutMs: 0, maxWaitMs: NEVER_MS });
      const acquiring = lock.acquire();
      await vi.waitFor(() => expect(c.waiting, "the waiter to watch the taken lock").toBe(1), { timeout: 30_000, interval: 20 });
      await holder.crash();
      // Nobody releases it: etcd deletes the key when the dead holder's lease runs out.
      await acquiring;
      expect(lock.heldName).toBe("10.6.6.600");
      await lock.release();
    } finally {
      holder.child.kill("SIGKILL");
      await c.close();
    }
  });

  it("one release wakes one waiter; a later caller refused before that release does not wait for another", async () => {
    const holder = await EtcdCoordinator.connect(etcd.url);
    const c = await EtcdCoordinator.connect(etcd.url);
    const stop = new AbortController();
    try {
      const held = holder.getLock("10.9.9.90");
      expect(await held.tryAcquire()).toBe(true);
      const [first, second, late] = [c.getLock("10.9.9.90"), c.getLock("10.9.9.90"), c.getLock("10.9.9.90")];
      for (const l of [first, second, late]) expect(await l.tryAcquire()).toBe(false);
      const firstWoken = c.waitForRelease([first]);
      const secondWaits = c.waitForRelease([second], stop.signal);
      await vi.waitFor(() => expect(c.waiting, "both to wait").toBe(2), { timeout: 30_000, interval: 20 });
      await held.release();
      await firstWoken;
      expect(c.waiting).toBe(1);
      // `late` was refused before the release; the watch kept alive by `second`
      // has already reported it, and no other release is coming.
      await c.waitForRelease([late]);
      expect(await late.tryAcquire()).toBe(true);
      stop.abort();
      await secondWaits;
      expect(c.waiting).toBe(0);
      await late.release();
    } finally {
      await c.close();
      await holder.close();
    }
  });

  it("closing the coordinator ends a pending wait", async () => {
    const holder = await EtcdCoordinator.connect(etcd.url);
    const c = await EtcdCoordinator.connect(etcd.url);
    try {
      await new PoolLock(holder, { poolSize: 1, prefix: "10.7.7.70", timeoutMs: 0 }).acquire();
      const waiting = new PoolLock(c, { poolSize: 1, prefix: "10.7.7.70", timeoutMs: 0, maxWaitMs: NEVER_MS })
        .acquire()
        .catch((e: unknown) => e);
      await vi.waitFor(() => expect(c.waiting, "the waiter to watch the taken lock").toBe(1), { timeout: 30_000, interval: 20 });
      await c.close();
      expect(String(await waiting)).toMatch(/coordinator is closed/);
    } finally {
      await c.close();
      await holder.close();
    }
  });

  it("across two OS processes: 2 × 5 holders on a pool of 2 with a ten-minute back-off all finish, and both exit", async () => {
    const script = fileURLToPath(new URL("./workers/pool-lock-holders.mjs", import.meta.url));
    const job = { url: etcd.url, prefix: "10.8.8.80", poolSize: 2, holders: 5, maxWaitMs: NEVER_MS, holdMs: 30 };
    const procs = [0, 1].map(() => {
      const child: ChildProcess = spawn(process.execPath, [script, JSON.stringify(job)], { stdio: ["pipe", "pipe", "pipe"] });
      const events: Record<string, unknown>[] = [];
      let stderr = "";
      let buf = "";
      child.stdout!.setEncoding("utf8");
      child.stdout!.on("data", (chunk: string) => {
        buf += chunk;
        for (let nl = buf.indexOf("\n"); nl >= 0; nl = buf.indexOf("\n")) {
          events.push(JSON.parse(buf.slice(0, nl)) as Record<string, unknown>);
          buf = buf.slice(nl + 1);
        }
      });
      child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
      return { child, events, exited, stderr: () => stderr };
    });
    try {
      await vi.waitFor(() => expect(procs.every((p) => p.events.some((e) => e.type === "ready")), "both processes to connect").toBe(true), { timeout: 30_000, interval: 20 });
      for (const p of procs) p.child.stdin!.write("go\n"); // stdin stays open: it closing tells the worker the test is gone
      // Each exits by itself after closing its coordinator: no watcher left behind.
      const codes = await Promise.all(procs.map((p) => p.exited));
      expect(codes, procs.map((p) => p.stderr()).join("\n")).toEqual([0, 0]);
      for (const p of procs) {
        expect(p.events.find((e) => e.type === "done")).toMatchObject({ entered: 5 });
        expect(p.events.at(-1)).toMatchObject({ type: "closed" });
        const names = new Set(p.events.filter((e) => e.type === "enter").map((e) => e.name));
        for (const n of names) expect(["10.8.8.800", "10.8.8.801"]).toContain(n);
      }
      // Every lock was released: no key is left under the pool's names.
      const raw = new Etcd3({ hosts: etcd.clientUrl });
      try {
        expect(await raw.getAll().prefix(`${LOCK_KEY_PREFIX}10.8.8.80`).keys()).toEqual([]);
      } finally {
        raw.close();
      }
    } finally {
      for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGKILL");
      await Promise.all(procs.map((p) => p.exited));
    }
  });
});

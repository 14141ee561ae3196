import { describe, expect, it, vi } from "vitest";
import { GenericSwitchLockAcquireFailed, InProcessCoordinator, PoolLock, type Coordinator, type CoordinatorLock } from "@ngs/core";

/** A gate the test opens when it decides, so holders overlap for real. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((r) => (open = r));
  return { wait, open };
}

describe("PoolLock", () => {
  it("a pool of 2 under 10 concurrent holders never has more than 2 inside, and all finish", async () => {
    const coord = new InProcessCoordinator();
    let inside = 0;
    let most = 0;
    let done = 0;
    const names = new Set<string>();
    const gates: (() => void)[] = [];
    const holders = Array.from({ length: 10 }, async () => {
      const lock = new PoolLock(coord, { poolSize: 2, prefix: "10.0.0.1", timeoutMs: 0, maxWaitMs: 5 });
      await lock.withLock(async () => {
        inside++;
        most = Math.max(most, inside);
        names.add(lock.heldName!);
        const g = gate();
        gates.push(g.open);
        await g.wait;
        inside--;
      });
      done++;
    });
    // Let the pool fill (two inside at once), then release one holder at a time.
    await vi.waitFor(() => expect(gates).toHaveLength(2), { timeout: 5000, interval: 1 });
    expect(inside).toBe(2);
    for (let released = 0; released < 10; released++) {
      await vi.waitFor(() => expect(gates.length).toBeGreaterThan(released), { timeout: 5000, interval: 1 });
      expect(inside).toBeLessThanOrEqual(2);
      gates[released]!();
    }
    await Promise.all(holders);
    expect(done).toBe(10);
    expect(most).toBe(2);
    expect([...names].sort()).toEqual(["10.0.0.10", "10.0.0.11"]);
    expect(coord.heldLocks()).toEqual([]);
  });

  it("gives up after the timeout with upstream's message", async () => {
    const coord = new InProcessCoordinator();
    const holder = new PoolLock(coord, { poolSize: 1, prefix: "sw", timeoutMs: 0 });
    await holder.acquire();
    const waiter = new PoolLock(coord, { poolSize: 1, prefix: "sw", timeoutMs: 50, maxWaitMs: 10 });
    const err = await waiter.acquire().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GenericSwitchLockAcquireFailed);
    expect((err as Error).message).toBe(
      "Failed to acquire any of 1 locks for sw for a netmiko action in 0.05 seconds. Try increasing acquire_timeout.",
    );
    await holder.release();
    await waiter.withLock(async () => expect(coord.heldLocks()).toEqual(["sw0"]));
  });

  it("timeout 0 waits until a lock frees up", async () => {
    const coord = new InProcessCoordinator();
    let attempts = 0;
    const counting: Coordinator = {
      getLock: (name) => {
        attempts++;
        return coord.getLock(name);
      },
      close: () => coord.close(),
    };
    const a = new PoolLock(coord, { poolSize: 1, prefix: "sw", timeoutMs: 0 });
    await a.acquire();
    const b = new PoolLock(counting, { poolSize: 1, prefix: "sw", timeoutMs: 0, maxWaitMs: 5 });
    let got = false;
    const p = b.acquire().then(() => (got = true));
    // b keeps trying round after round; it must neither give up nor get in.
    await vi.waitFor(() => expect(attempts).toBeGreaterThanOrEqual(5), { timeout: 5000, interval: 1 });
    expect(got).toBe(false);
    await a.release();
    await p;
    expect(b.heldName).toBe("sw0");
    await b.release();
  });

  it("releases when the body throws", async () => {
    const coord = new InProcessCoordinator();
    const lock = new PoolLock(coord, { poolSize: 1, prefix: "sw", timeoutMs: 1000 });
    await expect(
      lock.withLock(async () => {
        expect(coord.heldLocks()).toEqual(["sw0"]);
        throw new Error("switch said no");
      }),
    ).rejects.toThrow("switch said no");
    expect(coord.heldLocks()).toEqual([]);
    expect(lock.heldName).toBeUndefined();
  });

  it("without a coordinator it runs the body unlocked", async () => {
    const lock = new PoolLock(undefined, { poolSize: 1, prefix: "sw", timeoutMs: 10 });
    await expect(lock.withLock(() => 42)).resolves.toBe(42);
  });

  it("tries the names in order and takes the first free one", async () => {
    const tried: string[] = [];
    const coord = new InProcessCoordinator();
    const spy: Coordinator = {
      getLock(name: string): CoordinatorLock {
        tried.push(name);
        return coord.getLock(name);
      },
      close: () => coord.close(),
    };
    const first = new PoolLock(spy, { poolSize: 3, prefix: "h", timeoutMs: 0 });
    await first.acquire();
    const second = new PoolLock(spy, { poolSize: 3, prefix: "h", timeoutMs: 0 });
    await second.acquire();
    expect(tried).toEqual(["h0", "h0", "h1"]);
    expect([first.heldName, second.heldName]).toEqual(["h0", "h1"]);
  });

  it("refuses a bad pool size", () => {
    expect(() => new PoolLock(undefined, { poolSize: 0, prefix: "x", timeoutMs: 0 })).toThrow(RangeError);
  });
});

describe("InProcessCoordinator", () => {
  it("each getLock is its own holder; release by a non-holder does nothing; close drops all", async () => {
    const c = new InProcessCoordinator();
    const a = c.getLock("x");
    const b = c.getLock("x");
    expect(await a.tryAcquire()).toBe(true);
    expect(await b.tryAcquire()).toBe(false);
    await b.release();
    expect(c.heldLocks()).toEqual(["x"]);
    await a.release();
    expect(await b.tryAcquire()).toBe(true);
    await c.close();
    expect(c.heldLocks()).toEqual([]);
    await expect(a.tryAcquire()).rejects.toThrow(/closed/);
  });
});

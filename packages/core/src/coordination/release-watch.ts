import type { Etcd3, IKeyValue, Watcher } from "etcd3";

/** A key a waiter waits on, and the store revision at which it found the key taken. */
export interface WatchedKey {
  key: string;
  refusedAt: bigint | undefined;
}

interface Waiter {
  /** key → revision it was refused at. */
  readonly keys: ReadonlyMap<string, bigint | undefined>;
  settle(err?: Error): void;
}

interface KeyWatch {
  readonly watcher: Watcher;
  /** First revision the watcher reports (undefined: from whenever etcd registered it). */
  readonly from: bigint | undefined;
  /** Revision of the last delete it reported. */
  lastDelete: bigint;
}

/**
 * Waiting for lock keys to be deleted (released, or dropped by etcd when the
 * holder's lease expired), for one etcd client. One watcher per key however
 * many callers wait on it, only while someone does; callers queue in arrival
 * order and each delete wakes the first caller that has not already seen it,
 * so a release costs one retry per process, not one per waiter.
 */
export class ReleaseWatch {
  readonly #client: Etcd3;
  readonly #waiters: Waiter[] = [];
  readonly #watches = new Map<string, KeyWatch>();
  #closed = false;

  constructor(client: Etcd3) {
    this.#client = client;
  }

  /** Callers currently waiting. */
  get waiting(): number {
    return this.#waiters.length;
  }

  /**
   * Resolve on a delete of any of `keys` after the revision it was refused at,
   * or when `signal` aborts or this closes; reject when a watch fails.
   */
  wait(keys: readonly WatchedKey[], signal?: AbortSignal): Promise<void> {
    if (this.#closed || signal?.aborted || keys.length === 0) return Promise.resolve();
    // A watch already running may have reported a release since this caller's
    // refusal, or may have started after it: let the caller look again at once.
    for (const { key, refusedAt } of keys) {
      const w = this.#watches.get(key);
      if (!w) continue;
      if (refusedAt === undefined || w.lastDelete > refusedAt || w.from === undefined || w.from > refusedAt + 1n) return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => waiter.settle();
      const waiter: Waiter = {
        keys: new Map(keys.map((k) => [k.key, k.refusedAt])),
        settle: (err) => {
          const i = this.#waiters.indexOf(waiter);
          if (i < 0) return;
          this.#waiters.splice(i, 1);
          signal?.removeEventListener("abort", onAbort);
          this.#dropIdleWatches();
          if (err) reject(err);
          else resolve();
        },
      };
      this.#waiters.push(waiter);
      signal?.addEventListener("abort", onAbort, { once: true });
      for (const k of keys) {
        if (this.#watches.has(k.key)) continue;
        try {
          this.#watch(k);
        } catch (e) {
          waiter.settle(e as Error);
          return;
        }
      }
    });
  }

  /** End every wait and cancel every watcher (so the process can exit). */
  close(): void {
    this.#closed = true;
    for (const w of [...this.#waiters]) w.settle();
    this.#dropIdleWatches();
  }

  #watch({ key, refusedAt }: WatchedKey): void {
    // `only("delete")` filters puts out (in etcd3 1.1.2 `ignore` is an alias of `only`).
    const builder = this.#client.watch().key(key).only("delete");
    const from = refusedAt === undefined ? undefined : refusedAt + 1n;
    if (from !== undefined) builder.startRevision(String(from));
    // Listeners go on before the watcher connects, so no early event is lost.
    const watcher = builder.watcher();
    const watch: KeyWatch = { watcher, from, lastDelete: 0n };
    this.#watches.set(key, watch);
    watcher.on("delete", (kv: IKeyValue) => {
      const revision = BigInt(kv.mod_revision);
      if (revision > watch.lastDelete) watch.lastDelete = revision;
      this.#released(key, revision);
    });
    watcher.on("error", (err: Error) => {
      this.#cancel(key);
      for (const w of this.#waiters.filter((w) => w.keys.has(key))) w.settle(err);
    });
  }

  /** One delete, one taker: the first waiter that was refused before it. */
  #released(key: string, revision: bigint): void {
    const waiter = this.#waiters.find((w) => {
      if (!w.keys.has(key)) return false;
      const refusedAt = w.keys.get(key);
      return refusedAt === undefined || refusedAt < revision;
    });
    waiter?.settle();
  }

  #dropIdleWatches(): void {
    for (const key of [...this.#watches.keys()]) {
      if (!this.#waiters.some((w) => w.keys.has(key))) this.#cancel(key);
    }
  }

  #cancel(key: string): void {
    const w = this.#watches.get(key);
    if (!w) return;
    this.#watches.delete(key);
    // Cancelling talks to etcd: never let a dead etcd hold anyone here.
    void w.watcher.cancel().catch(() => undefined);
  }
}

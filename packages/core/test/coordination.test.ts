// [ngs_coordination] backend_url parsing and the etcd coordinator against a real etcd.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Etcd3 } from "etcd3";
import {
  EtcdCoordinator,
  GenericSwitchConfigException,
  GenericSwitchException,
  InProcessCoordinator,
  LOCK_KEY_PREFIX,
  PoolLock,
  createCoordination,
  parseBackendUrl,
  redactUrl,
} from "@ngs/core";
import { rm } from "node:fs/promises";
import { createTestPki, startEtcd, type EtcdFixture } from "@ngs/test-utils";
import { startLockHolder } from "./workers/lock-holder.js";

describe("backend_url forms", () => {
  it("etcd3+http://host:port", () => {
    const b = parseBackendUrl("etcd3+http://10.0.0.5:2379");
    expect(b).toMatchObject({ driver: "etcd3", protocol: "http", host: "10.0.0.5", port: 2379, endpoint: "http://10.0.0.5:2379", ignored: [] });
    expect(b.auth).toBeUndefined();
  });

  it("etcd3gw, default port, ?api_version=v3 accepted and unused", () => {
    expect(parseBackendUrl("etcd3gw+http://etcd.example.com?api_version=v3")).toMatchObject({
      driver: "etcd3gw",
      endpoint: "http://etcd.example.com:2379",
      ignored: [],
    });
  });

  it("https with ca_cert/cert_key/cert_cert, in & and upstream's comma spelling", () => {
    const amp = parseBackendUrl("etcd3+https://etcd:2379?api_version=v3&ca_cert=/etc/ca.pem&cert_key=/etc/k.pem&cert_cert=/etc/c.pem");
    expect(amp).toMatchObject({ protocol: "https", tls: { caCert: "/etc/ca.pem", certKey: "/etc/k.pem", certCert: "/etc/c.pem" } });
    const comma = parseBackendUrl("etcd3+https://etcd.example.com?api_version=v3,ca_cert=/path");
    expect(comma).toMatchObject({ endpoint: "https://etcd.example.com:2379", tls: { caCert: "/path" } });
  });

  it("credentials are parsed but never shown", () => {
    const b = parseBackendUrl("etcd3+http://ngs:p%40ss@10.0.0.5:2379?lock_timeout=5&timeout=3");
    expect(b.auth).toEqual({ username: "ngs", password: "p@ss" });
    expect(b).toMatchObject({ lockTimeoutS: 5, timeoutS: 3 });
    expect(b.redacted).toBe("etcd3+http://***@10.0.0.5:2379?lock_timeout=5&timeout=3");
    expect(redactUrl("etcd3+http://u:a@b@h:1")).toBe("etcd3+http://***@h:1");
  });

  it("unknown parameters are reported, not fatal", () => {
    expect(parseBackendUrl("etcd3+http://h:1?foo=1").ignored).toEqual(["foo"]);
  });

  it.each([
    ["redis://admin:hunter2@10.0.0.5:6379", /unsupported scheme "redis"/],
    ["zake://", /unsupported scheme "zake"/],
    ["etcd+http://admin:hunter2@h:2379", /unsupported scheme "etcd\+http"/],
    ["etcd3+http://admin:hunter2@h:99999", /port 99999 is out of range/],
    ["etcd3+http://admin:hunter2@h?cert_key=/k", /cert_key and cert_cert must be given together/],
    ["etcd3+http://admin:hunter2@h?ca_cert=/ca", /need an https URL/],
    ["10.0.0.5:2379", /unsupported scheme|not a URL/],
  ])("%s → GenericSwitchConfigException without the password", (url, pattern) => {
    let err: unknown;
    try {
      parseBackendUrl(url);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GenericSwitchConfigException);
    const msg = (err as Error).message;
    expect(msg).toMatch(pattern);
    expect(msg).toContain("[ngs_coordination] backend_url");
    expect(msg).not.toContain("hunter2");
  });
});

describe("etcd coordinator", () => {
  let etcd: EtcdFixture;
  beforeAll(async () => {
    etcd = await startEtcd();
  });
  afterAll(async () => {
    await etcd?.stop();
  });

  it("unreachable etcd: a clear startup error naming the URL without credentials", async () => {
    const url = etcd.url.replace("http://", "http://ngs:hunter2@").replace(/:(\d+)$/, ":1");
    const err = await createCoordination({ backendUrl: url }, { connectTimeoutMs: 2000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GenericSwitchException);
    const msg = (err as Error).message;
    expect(msg).toContain("Cannot connect to the coordination backend [ngs_coordination] backend_url etcd3+http://***@127.0.0.1:1:");
    expect(msg).toContain("check that etcd is running and reachable at http://127.0.0.1:1");
    expect(msg).not.toContain("hunter2");
  });

  it("credentials etcd does not accept: a startup error about them, without the password", async () => {
    // This etcd has authentication off, so it refuses any user.
    const url = etcd.url.replace("http://", "http://ngs:hunter2@");
    const err = await createCoordination({ backendUrl: url }, { connectTimeoutMs: 2000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GenericSwitchException);
    const msg = (err as Error).message;
    expect(msg).toContain("backend_url etcd3+http://***@127.0.0.1:");
    expect(msg).toContain("check the user and password in backend_url");
    expect(msg).not.toContain("hunter2");
  });

  it("an unsupported scheme fails at startup with GenericSwitchConfigException", async () => {
    await expect(createCoordination({ backendUrl: "memcached://h:11211" })).rejects.toBeInstanceOf(GenericSwitchConfigException);
  });

  it("without backend_url: the in-process coordinator and no batcher", async () => {
    const c = await createCoordination({});
    expect(c.kind).toBe("in-process");
    expect(c.coordinator).toBeInstanceOf(InProcessCoordinator);
    expect(c.batcher).toBeUndefined();
    await c.close();
  });

  it("a lock is exclusive across clients, released on release() and on close()", async () => {
    const a = await EtcdCoordinator.connect(etcd.url);
    const b = await EtcdCoordinator.connect(etcd.url);
    try {
      const la = a.getLock("10.1.1.10");
      const lb = b.getLock("10.1.1.10");
      expect(await la.tryAcquire()).toBe(true);
      expect(await lb.tryAcquire()).toBe(false);
      // Another holder in the same process is excluded too.
      expect(await a.getLock("10.1.1.10").tryAcquire()).toBe(false);
      await la.release();
      expect(await lb.tryAcquire()).toBe(true);
      expect(await la.tryAcquire()).toBe(false);
      // Closing b releases what it holds.
      await b.close();
      expect(await la.tryAcquire()).toBe(true);
      await la.release();
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("PoolLock over etcd hands out ngs_max_connections names per switch", async () => {
    const c = await EtcdCoordinator.connect(etcd.url);
    const raw = new Etcd3({ hosts: etcd.clientUrl });
    try {
      let inside = 0;
      let peak = 0;
      // One PoolLock per operation, as a device does.
      await Promise.all(
        Array.from({ length: 6 }, () =>
          new PoolLock(c, { poolSize: 2, prefix: "10.2.2.2", timeoutMs: 5000, maxWaitMs: 20 }).withLock(async () => {
            peak = Math.max(peak, ++inside);
            const held = await raw.getAll().prefix(`${LOCK_KEY_PREFIX}10.2.2.2`).keys();
            expect(held.length).toBeLessThanOrEqual(2);
            await new Promise((r) => setImmediate(r));
            inside--;
          }),
        ),
      );
      expect(peak).toBeLessThanOrEqual(2);
      expect(await raw.getAll().prefix(`${LOCK_KEY_PREFIX}10.2.2.2`).count()).toBe(0);
    } finally {
      raw.close();
      await c.close();
    }
  });

  it("a holder killed with SIGKILL: its lock frees after the lease TTL", async () => {
    const url = `${etcd.url}?lock_timeout=1`;
    const holder = startLockHolder(url, "10.3.3.30");
    const c = await EtcdCoordinator.connect(url);
    try {
      await vi.waitFor(() => expect(holder.output().includes('"held"'), "the child to take the lock").toBe(true), { timeout: 30_000, interval: 20 });
      expect(holder.output()).toContain('"ok":true');
      const lock = c.getLock("10.3.3.30");
      expect(await lock.tryAcquire()).toBe(false);
      await holder.crash();
      await vi.waitFor(async () => expect(await lock.tryAcquire(), "the dead holder's lock to expire").toBe(true), { timeout: 10_000, interval: 100 });
      await lock.release();
    } finally {
      holder.child.kill("SIGKILL");
      await c.close();
    }
  });
});

describe("etcd over TLS (etcd3+https with ca_cert, cert_key, cert_cert)", () => {
  it("connects with the client certificate, takes locks; without it a clear startup error", async () => {
    const pki = await createTestPki();
    const etcd = await startEtcd({
      tls: {
        certFile: pki.serverCertFile,
        keyFile: pki.serverKeyFile,
        caFile: pki.caFile,
        clientCertAuth: true,
        clientCertFile: pki.clientCertFile,
        clientKeyFile: pki.clientKeyFile,
      },
    });
    try {
      expect(etcd.url).toMatch(/^etcd3\+https:\/\/127\.0\.0\.1:\d+$/);
      const url = `${etcd.url}?api_version=v3&ca_cert=${pki.caFile}&cert_key=${pki.clientKeyFile}&cert_cert=${pki.clientCertFile}`;
      const c = await createCoordination({ backendUrl: url }, { connectTimeoutMs: 5000 });
      try {
        expect(c.kind).toBe("etcd");
        expect(await c.coordinator.getLock("10.4.4.40").tryAcquire()).toBe(true);
        expect(c.batcher).toBeDefined();
      } finally {
        await c.close();
      }
      // Same server without a client certificate: refused at startup, clearly.
      const err = await createCoordination({ backendUrl: `${etcd.url}?ca_cert=${pki.caFile}` }, { connectTimeoutMs: 3000 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(GenericSwitchException);
      expect((err as Error).message).toContain(`Cannot connect to the coordination backend [ngs_coordination] backend_url ${etcd.url}?ca_cert=`);
      expect((err as Error).message).toContain("To resolve this issue, check ca_cert");
      // A CA file that is not there: a config error naming it.
      const missing = await createCoordination({ backendUrl: `${etcd.url}?ca_cert=/nonexistent/ca.pem` }).catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(GenericSwitchConfigException);
      expect((missing as Error).message).toContain("cannot read ca_cert /nonexistent/ca.pem");
    } finally {
      await etcd.stop();
      await rm(pki.dir, { recursive: true, force: true });
    }
  });
});

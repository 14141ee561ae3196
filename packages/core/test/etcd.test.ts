// The real-etcd fixture from @ngs/test-utils.
import { describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { Etcd3 } from "etcd3";
import { startEtcd } from "@ngs/test-utils";

describe("startEtcd", () => {
  it("runs etcd on a free loopback port; kill/restart keeps the data; stop removes it", async () => {
    const etcd = await startEtcd();
    let client = new Etcd3({ hosts: etcd.clientUrl });
    try {
      expect(etcd.url).toBe(`etcd3+${etcd.clientUrl}`);
      expect(etcd.endpoint).toMatch(/^127\.0\.0\.1:\d+$/);
      await client.put("/t/k").value("v");
      await etcd.kill();
      expect(etcd.pid).toBeUndefined();
      await expect(client.get("/t/k").options({ deadline: Date.now() + 1000 }).string()).rejects.toThrow();
      await etcd.restart();
      client.close();
      client = new Etcd3({ hosts: etcd.clientUrl });
      expect(await client.get("/t/k").string()).toBe("v");
    } finally {
      client.close();
      await etcd.stop();
    }
    expect(existsSync(etcd.dataDir)).toBe(false);
  });

  it("fails (does not skip) when etcd cannot start", async () => {
    await expect(startEtcd({ binary: "/nonexistent/etcd" })).rejects.toThrow(/could not be started/);
  });
});

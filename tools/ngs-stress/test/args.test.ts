import { describe, expect, it } from "vitest";
import { GenericSwitchException } from "@ngs/core";
import { createProgress, expandPorts, parseStressArgs, percentile, summarise } from "@ngs/stress";

describe("ngs-stress arguments", () => {
  it("defaults to simulated switches with upstream's exclusive VLAN range", () => {
    const o = parseStressArgs(["--mode", "network", "--vlan-range", "100:103"])!;
    expect(o.mode).toBe("network");
    expect(o.switch).toBe("sim0");
    expect([o.vlanMin, o.vlanMax]).toEqual([100, 103]);
    expect(o.sim?.deviceType).toBe("netmiko_cisco_ios");
    expect(o.configFiles).toEqual([]);
    expect(o.netId).toMatch(/^[0-9][0-9a-f-]{35}$/);
  });

  it("reads port lists with ranges, processes and driver options", () => {
    const o = parseStressArgs([
      "--mode", "port", "--ports", "Gi1/0/[1-3],Te1/1", "--processes", "2", "--batch",
      "--etcd-url", "etcd3+http://127.0.0.1:2379", "--max-connections", "2", "--reuse", "--no-save",
      "--sim-command-latency-ms", "20", "--json",
    ])!;
    expect(o.ports).toEqual(["Gi1/0/1", "Gi1/0/2", "Gi1/0/3", "Te1/1"]);
    expect(o.processes).toBe(2);
    expect(o.driver).toMatchObject({ batch: true, maxConnections: 2, reuse: true, save: false });
    expect(o.sim?.commandLatencyMs).toBe(20);
    expect(o.json).toBe(true);
  });

  it("needs --switch, --vlan-range and --ports with a real config", () => {
    expect(() => parseStressArgs(["--mode", "port", "--config-file", "/x.conf"])).toThrow(/--switch/);
    expect(() => parseStressArgs(["--mode", "port", "--config-file", "/x.conf", "--switch", "a"])).toThrow(/--vlan-range/);
    expect(() =>
      parseStressArgs(["--mode", "port", "--config-file", "/x.conf", "--switch", "a", "--vlan-range", "5:6"]),
    ).toThrow(/--ports/);
  });

  it.each([
    [["--mode", "vlan"], /--mode must be one of: network, port/],
    [["--mode", "network", "--vlan-range", "110:100"], /--vlan-range.*MIN < MAX/],
    [["--mode", "network", "--vlan-range", "0:10"], /--vlan-range/],
    [["--mode", "network", "--vlan-range", "abc"], /--vlan-range.*MIN:MAX/],
    [["--mode", "port", "--ports", "Gi1;reload"], /--ports.*not a port name/],
    [["--mode", "port", "--ports", "a,a"], /listed twice/],
    [["--mode", "port", "--ports", "a,b", "--processes", "3"], /more processes than ports/],
    [["--mode", "network", "--iterations", "-1"], /--iterations/],
    [["--mode", "network", "--batch"], /--etcd-url/],
    [["--mode", "network", "--switch", "sim3"], /sim0\.\.sim0/],
    [["--mode", "network", "--bogus"], /bogus/],
  ])("refuses %j with a GenericSwitch error", (argv, message) => {
    let err: unknown;
    try {
      parseStressArgs(argv);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GenericSwitchException);
    expect((err as Error).message).toMatch(message);
  });

  it("refuses a bad etcd URL without echoing its credentials", () => {
    let err: unknown;
    try {
      parseStressArgs(["--mode", "network", "--etcd-url", "http://user:s3cr3t@127.0.0.1:2379"]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GenericSwitchException);
    expect((err as Error).message).toContain("backend_url");
    expect((err as Error).message).not.toContain("s3cr3t");
  });

  it("returns null for --help", () => {
    expect(parseStressArgs(["--help"])).toBeNull();
  });

  it("expands bracket ranges", () => {
    expect(expandPorts("eth[8-10], x")).toEqual(["eth8", "eth9", "eth10", "x"]);
  });
});

describe("latency statistics", () => {
  it("uses nearest-rank percentiles", () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 95)).toBe(95);
    expect(percentile(xs, 99)).toBe(99);
    expect(summarise([3, 1, 2])).toEqual({ p50: 2, p95: 3, p99: 3, max: 3, mean: 2 });
    expect(summarise([])).toEqual({ p50: 0, p95: 0, p99: 0, max: 0, mean: 0 });
  });
});

describe("progress bar", () => {
  const fakeStream = (isTTY: boolean) => {
    const chunks: string[] = [];
    return { chunks, stream: { isTTY, write: (s: string) => chunks.push(s) } as unknown as NodeJS.WriteStream };
  };

  it("draws on a terminal and ends with the final count", () => {
    const { chunks, stream } = fakeStream(true);
    const p = createProgress({ total: 4, stream });
    p.tick(3);
    p.tick(1, 1);
    p.stop();
    const text = chunks.join("");
    expect(text).toContain("4/4 ops");
    expect(text).toContain("1 failed");
    expect(text.endsWith("\n")).toBe(true);
  });

  it("stays silent when stderr is not a terminal", () => {
    const { chunks, stream } = fakeStream(false);
    const p = createProgress({ total: 4, stream });
    p.tick(4);
    p.stop();
    expect(chunks).toEqual([]);
  });
});

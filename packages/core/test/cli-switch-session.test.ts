// The CLI-switch base over real SSH against @ngs/switch-sim: state after
// each operation, error answers, connect retries, the reuse pool, locking.
import { createServer } from "node:net";
import { Writable } from "node:stream";
import { afterEach, describe, expect, test, vi } from "vitest";
import {
  CliSwitch,
  createLogger,
  iosLike,
  GenericSwitchNetmikoConfigError,
  GenericSwitchNetmikoConnectError,
  PROBE_AFTER_IDLE_MS,
  type Batcher,
  type CommandTemplates,
  type DeviceConfig,
  type DeviceContext,
  type GenericSwitchDevice,
} from "@ngs/core";
import { startSwitch, type SimSwitch, type SimSwitchOptions } from "@ngs/switch-sim";
import { SIM_PASSWORD as PASSWORD, SIM_SECRET as SECRET } from "@ngs/test-utils";

class Ios extends CliSwitch {
  // The simulated switch is a Cisco IOS; the tests speak to it with a dialect of their own.
  static override platform = iosLike({ name: "cisco_ios", basePromptMaxLength: 16, save: { command: "write mem" } });
  static override commands: CommandTemplates = {
    ADD_NETWORK: ["vlan {segmentation_id}", "name {network_name}"],
    DELETE_NETWORK: ["no vlan {segmentation_id}"],
    PLUG_PORT_TO_NETWORK: ["interface {port}", "switchport mode access", "switchport access vlan {segmentation_id}"],
    DELETE_PORT: ["interface {port}", "no switchport access vlan {segmentation_id}", "no switchport mode trunk", "switchport trunk allowed vlan none"],
  };
}

/** Log lines as parsed JSON objects, to wait on and to check for secrets. */
function captureLogger() {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      for (const l of String(chunk).split("\n").filter(Boolean)) {
        raw.push(l);
        lines.push(JSON.parse(l) as Record<string, unknown>);
      }
      cb();
    },
  });
  return { logger: createLogger({ level: "debug", destination }), lines, raw };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const sims: SimSwitch[] = [];
const devices: CliSwitch[] = [];
afterEach(async () => {
  await Promise.all(devices.splice(0).map((d) => d.close()));
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

async function sim(opts: Partial<SimSwitchOptions> = {}): Promise<SimSwitch> {
  const s = await startSwitch({ platform: "cisco_ios", host: "127.0.0.1", username: "admin", password: PASSWORD, secret: SECRET, ...opts });
  sims.push(s);
  return s;
}

function device(target: { host: string; port: number }, extra: DeviceConfig = {}, context: DeviceContext = {}): Ios {
  const d = new Ios(
    {
      device_type: "netmiko_cisco_ios",
      ip: target.host,
      port: String(target.port),
      username: "admin",
      password: PASSWORD,
      secret: SECRET,
      ...extra,
    },
    "sw1",
    { logger: createLogger({ level: "silent" }), ...context },
  );
  devices.push(d);
  return d;
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected the operation to fail");
}

describe("operations over SSH", () => {
  test("plug and unplug change the switch's port, and each change is saved", async () => {
    const s = await sim();
    const d = device(s);
    await d.addNetwork(33, "0ae071f5-5be9-43e4-80ea-e41fefe85b21");
    expect(s.state.vlans.get(33)?.name).toBe("0ae071f55be943e480eae41fefe85b21");
    await d.plugPortToNetwork("Ethernet1/1", 33);
    expect(s.state.ports.get("Ethernet1/1")).toMatchObject({ mode: "access", accessVlan: 33 });
    await d.deletePort("Ethernet1/1", 33, { defaultVlan: 35 });
    expect(s.state.ports.get("Ethernet1/1")).toMatchObject({ mode: "access", accessVlan: 35 });
    expect(s.state.vlans.has(35)).toBe(true);
    expect(s.counters.saves).toBe(3);
    expect(s.counters.sessionsOpened).toBe(3);
  });

  test("ngs_save_configuration = false: the change is made but not saved", async () => {
    const s = await sim();
    await device(s, { ngs_save_configuration: "false" }).plugPortToNetwork("Ethernet1/2", 40);
    expect(s.state.ports.get("Ethernet1/2")).toMatchObject({ accessVlan: 40 });
    expect(s.counters.saves).toBe(0);
  });

  test("an error answer from the switch is a GenericSwitchNetmikoConfigError naming the answer, and nothing is saved", async () => {
    const s = await sim({ faults: { errorOn: [{ pattern: /switchport access vlan 77/, output: "% Invalid input detected at '^' marker." }] } });
    const err = await rejection(device(s).plugPortToNetwork("Ethernet1/3", 77));
    expect(err).toBeInstanceOf(GenericSwitchNetmikoConfigError);
    expect(err.message).toContain("% Invalid input detected");
    expect(err.message).toContain("plug port");
    expect(err.message).not.toContain(PASSWORD);
    expect(err.message).not.toContain(SECRET);
    expect(s.counters.saves).toBe(0);
  });

  test("a vendor error pattern the platform does not know is caught too", async () => {
    class Picky extends Ios {
      static override errorPatterns = [/VLAN is reserved/];
    }
    const s = await sim({ faults: { errorOn: [{ pattern: /switchport access vlan 78/, output: "VLAN is reserved for the fabric" }] } });
    const d = new Picky(
      { device_type: "netmiko_cisco_ios", ip: s.host, port: String(s.port), username: "admin", password: PASSWORD, secret: SECRET },
      "sw1",
      { logger: createLogger({ level: "silent" }) },
    );
    devices.push(d);
    const err = await rejection(d.plugPortToNetwork("Ethernet1/4", 78));
    expect(err).toBeInstanceOf(GenericSwitchNetmikoConfigError);
    expect(err.message).toContain("VLAN is reserved for the fabric");
  });

  test("an injection attempt in a port name never reaches the switch", async () => {
    const s = await sim();
    const d = device(s);
    for (const port of ["Ethernet1/1\nreload", "Ethernet1/1; reload", "Eth1 | include x", "$(reboot)"]) {
      const err = await rejection(d.plugPortToNetwork(port, 33));
      expect(err.name).toBe("GenericSwitchInvalidValue");
    }
    await expect(d.plugBondToNetwork("Po1\nreload", 33)).rejects.toThrow(/bond name/);
    await expect(d.addSubportsOnTrunk({}, "Eth1", [{ segmentation_id: "33\nreload" }])).rejects.toThrow(/subport/);
    expect(s.counters.sessionsOpened).toBe(0);
    expect(s.commandLog).toEqual([]);
  });
});

describe("connecting", () => {
  test("a wrong password fails at once with a clear error, without retrying", async () => {
    const s = await sim();
    const { logger, raw } = captureLogger();
    const d = device(s, { password: "wrong-password", ngs_ssh_connect_timeout: "60", ngs_ssh_connect_interval: "10" }, { logger });
    const err = await rejection(d.plugPortToNetwork("Ethernet1/1", 33));
    expect(err).toBeInstanceOf(GenericSwitchNetmikoConnectError);
    expect(err.message).toMatch(/authentication/i);
    expect(err.message).not.toContain("wrong-password");
    expect(raw.some((l) => l.includes("retrying"))).toBe(false);
    expect(raw.join("\n")).not.toContain("wrong-password");
    expect(s.counters.sessionsOpened).toBe(0);
  });

  test("transport failures are retried every ngs_ssh_connect_interval, each logged at info with its attempt and cause, until the switch answers", async () => {
    // Something listens but hangs up at once (a switch still booting its SSH server).
    const door = await slammingListener();
    const { logger, lines } = captureLogger();
    const d = device({ host: "127.0.0.1", port: door.port }, { ngs_ssh_connect_timeout: "30", ngs_ssh_connect_interval: "0.2" }, { logger });
    const op = d.plugPortToNetwork("Ethernet1/5", 55);
    await vi.waitFor(() => expect(lines.some((l) => String(l.msg).includes("retrying")), "a failed connect attempt").toBe(true), { timeout: 15_000, interval: 1 });
    const retry = lines.find((l) => String(l.msg).includes("retrying"))!;
    expect(retry).toMatchObject({ level: 30, attempt: 1, msg: "SSH connect attempt 1 failed; retrying" });
    expect(String(retry.error)).toMatch(/127\.0\.0\.1/);
    await door.close();
    const s = await sim({ port: door.port });
    await op;
    expect(s.state.ports.get("Ethernet1/5")).toMatchObject({ accessVlan: 55 });
  });

  test("retries stop inside ngs_ssh_connect_timeout with a connect error, even with a longer interval", async () => {
    const door = await slammingListener();
    try {
      // A 10 s interval does not stretch a 1 s budget (it once took 10.4 s for a 3 s timeout).
      const d = device({ host: "127.0.0.1", port: door.port }, { ngs_ssh_connect_timeout: "1", ngs_ssh_connect_interval: "10" });
      const err = await rejection(d.plugPortToNetwork("Ethernet1/5", 55));
      expect(err).toBeInstanceOf(GenericSwitchNetmikoConnectError);
      const m = /gave up after (\d+) attempts? in ([\d.]+) s \(ngs_ssh_connect_timeout = 1\)/.exec(err.message);
      expect(m, err.message).not.toBeNull();
      expect(Number(m![2])).toBeLessThanOrEqual(1.5);
      // The switch said once, by name and address; the masked config stays on the error for programs.
      expect(err.message).toMatch(/^Netmiko connection error: sw1 \(127\.0\.0\.1:\d+\), error: /);
      expect((err as GenericSwitchNetmikoConnectError).args.device).toMatchObject({ password: "******" });
      expect(err.message).not.toContain(PASSWORD);
    } finally {
      await door.close();
    }
  });

  test("a refused connection on loopback and an unresolvable host name are not retried", async () => {
    const { logger, lines } = captureLogger();
    const refused = device({ host: "127.0.0.1", port: await freePort() }, { ngs_ssh_connect_timeout: "60" }, { logger });
    const e1 = await rejection(refused.plugPortToNetwork("Ethernet1/5", 55));
    expect(e1).toBeInstanceOf(GenericSwitchNetmikoConnectError);
    expect(e1.message).toMatch(/not retried: connection refused on loopback/);
    const unknown = device({ host: "no-such-switch.invalid", port: 22 }, { ngs_ssh_connect_timeout: "60" }, { logger });
    const e2 = await rejection(unknown.plugPortToNetwork("Ethernet1/5", 55));
    expect(e2.message).toMatch(/not retried: host name no-such-switch\.invalid does not resolve/);
    expect(lines.some((l) => String(l.msg).includes("retrying"))).toBe(false);
  });
});

/** A TCP listener that closes every connection at once: a transport failure worth retrying. */
async function slammingListener(): Promise<{ port: number; close(): Promise<void> }> {
  const srv = createServer((sock) => sock.destroy());
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  return {
    port: (srv.address() as { port: number }).port,
    close: () => new Promise<void>((r) => srv.close(() => r())),
  };
}

describe("the reuse pool (ngs_ssh_reuse_connection)", () => {
  test("operations share one session", async () => {
    const s = await sim();
    const d = device(s, { ngs_ssh_reuse_connection: "true" });
    await d.plugPortToNetwork("Ethernet1/1", 10);
    const before = s.commandLog.length;
    await d.plugPortToNetwork("Ethernet1/2", 11);
    // A pooled operation sends only its own lines: no terminal setup, no second
    // `enable` (the liveness probe is a bare return, which is not a command).
    expect(s.commandLog.slice(before)).toEqual([
      "configure terminal",
      "interface Ethernet1/2",
      "switchport mode access",
      "switchport access vlan 11",
      "end",
      "write mem",
    ]);
    await d.deletePort("Ethernet1/1", 10);
    expect(s.counters.sessionsOpened).toBe(1);
    expect(s.state.ports.get("Ethernet1/2")).toMatchObject({ accessVlan: 11 });
    await d.close();
    await vi.waitFor(() => expect(s.counters.sessionsActive, "the pooled session to close").toBe(0), { timeout: 15_000, interval: 1 });
  });

  test("a session handed back moments ago is reused without a liveness probe; one idle longer is probed first", async () => {
    const s = await sim();
    const d = device(s, { ngs_ssh_reuse_connection: "true" });
    await d.plugPortToNetwork("Ethernet1/1", 10);
    const returns = s.counters.emptyLines;
    await d.plugPortToNetwork("Ethernet1/2", 11);
    expect(s.counters.emptyLines).toBe(returns);
    // Past the idle window the pool asks the switch (a bare return) before using the session.
    const realNow = Date.now.bind(Date);
    const clock = vi.spyOn(Date, "now").mockImplementation(() => realNow() + 2 * PROBE_AFTER_IDLE_MS);
    try {
      await d.plugPortToNetwork("Ethernet1/3", 12);
    } finally {
      clock.mockRestore();
    }
    expect(s.counters.emptyLines).toBe(returns + 1);
    expect(s.counters.sessionsOpened).toBe(1);
    expect(s.state.ports.get("Ethernet1/3")).toMatchObject({ accessVlan: 12 });
    await d.close();
  });

  test("a pooled session the switch closed is replaced before the operation starts, with no failed attempt", async () => {
    const s = await sim();
    const d = device(s, { ngs_ssh_reuse_connection: "true" });
    await d.plugPortToNetwork("Ethernet1/1", 10);
    s.disconnectAll();
    await vi.waitFor(() => expect(s.counters.sessionsActive, "the switch to drop the session").toBe(0), { timeout: 15_000, interval: 1 });
    const commands = s.commandLog.length;
    await d.plugPortToNetwork("Ethernet1/2", 11);
    expect(s.counters.sessionsOpened).toBe(2);
    // Only the fresh session's login and the operation itself: nothing was retried.
    expect(s.commandLog.slice(commands).filter((c) => c === "switchport access vlan 11")).toHaveLength(1);
    expect(s.state.ports.get("Ethernet1/2")).toMatchObject({ accessVlan: 11 });
    await d.close();
  });

  test("a session that drops mid-operation is replaced and the operation retried once on a fresh connection", async () => {
    const s = await sim();
    const d = device(s, { ngs_ssh_reuse_connection: "true" });
    await d.plugPortToNetwork("Ethernet1/1", 10);
    // The pooled session dies on its next command; a fresh one stays under the limit.
    s.faults.dropAfterCommands = s.counters.commandsReceived + 1;
    await d.plugPortToNetwork("Ethernet1/2", 12);
    expect(s.state.ports.get("Ethernet1/2")).toMatchObject({ accessVlan: 12 });
    expect(s.counters.sessionsOpened).toBe(2);
    // The replacement is pooled and reused.
    s.faults.dropAfterCommands = undefined;
    await d.plugPortToNetwork("Ethernet1/3", 13);
    expect(s.counters.sessionsOpened).toBe(2);
  });

  test("a config error drains the pool, so the next operation starts a fresh session", async () => {
    const s = await sim({ faults: { errorOn: [{ pattern: /vlan 99$/, output: "% Invalid input detected at '^' marker." }] } });
    const d = device(s, { ngs_ssh_reuse_connection: "true", ngs_max_connections: "2" });
    await Promise.all([d.plugPortToNetwork("Ethernet1/1", 10), d.plugPortToNetwork("Ethernet1/2", 11)]);
    expect(s.counters.sessionsOpened).toBe(2);
    await expect(d.plugPortToNetwork("Ethernet1/3", 99)).rejects.toBeInstanceOf(GenericSwitchNetmikoConfigError);
    await vi.waitFor(() => expect(s.counters.sessionsActive, "the pool to drain").toBe(0), { timeout: 15_000, interval: 1 });
    await d.plugPortToNetwork("Ethernet1/4", 14);
    expect(s.counters.sessionsOpened).toBe(3);
  });
});

describe("locking", () => {
  test("ngs_max_connections bounds concurrent sessions to one switch (in-process coordinator by default)", async () => {
    const s = await sim({ faults: { commandLatencyMs: 5 } });
    const one = device(s);
    await Promise.all([1, 2, 3].map((i) => one.plugPortToNetwork(`Ethernet2/${i}`, 20 + i)));
    expect(s.counters.sessionsPeak).toBe(1);
    const two = device(s, { ngs_max_connections: "2" });
    await Promise.all([1, 2, 3, 4].map((i) => two.plugPortToNetwork(`Ethernet3/${i}`, 30 + i)));
    expect(s.counters.sessionsPeak).toBe(2);
    expect(s.state.ports.get("Ethernet3/4")).toMatchObject({ accessVlan: 34 });
  });
});

describe("batching", () => {
  test("with ngs_batch_requests the commands go to the batcher, whose answer is checked", async () => {
    const seen: string[][] = [];
    const batcher: Batcher = {
      async doBatch(_device: GenericSwitchDevice, commands: string[]) {
        seen.push(commands);
        return commands.includes("switchport access vlan 66") ? "% Invalid input detected at '^' marker." : "ok";
      },
    };
    class Checked extends Ios {
      static override errorPatterns = [/% Invalid input/];
    }
    const d = new Checked(
      { device_type: "netmiko_cisco_ios", ip: "192.0.2.1", username: "u", password: PASSWORD, ngs_batch_requests: "true" },
      "sw1",
      { logger: createLogger({ level: "silent" }), batcher },
    );
    await expect(d.plugPortToNetwork("Eth1", 65)).resolves.toBe("ok");
    await expect(d.plugPortToNetwork("Eth1", 66)).rejects.toBeInstanceOf(GenericSwitchNetmikoConfigError);
    expect(seen[0]).toEqual(["interface Eth1", "switchport mode access", "switchport access vlan 65"]);
  });
});

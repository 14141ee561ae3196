import ssh2 from "ssh2";
import { afterEach } from "vitest";
import type { ClientChannel, ConnectConfig } from "ssh2";
import type { SimSwitch } from "@ngs/switch-sim";

const { Client } = ssh2;

/** A minimal interactive SSH client for tests: write lines, wait for patterns. */
export class Term {
  /** Everything received, raw. */
  transcript = "";
  private mark = 0;
  closed = false;
  private listeners = new Set<() => void>();

  private constructor(
    readonly client: InstanceType<typeof Client>,
    private readonly stream: ClientChannel,
  ) {
    stream.on("data", (d: Buffer) => {
      this.transcript += d.toString("utf8");
      this.notify();
    });
    stream.on("close", () => {
      this.closed = true;
      this.notify();
    });
    client.on("close", () => {
      this.closed = true;
      this.notify();
    });
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }

  static async open(sim: SimSwitch, cfg: Partial<ConnectConfig> = {}): Promise<Term> {
    const client = new Client();
    const ready = new Promise<void>((resolve, reject) => {
      client.once("ready", resolve);
      client.once("error", reject);
    });
    client.connect({ host: sim.host, port: sim.port, username: "admin", readyTimeout: 10_000, hostVerifier: () => true, ...cfg });
    client.setNoDelay(true);
    await ready;
    client.on("error", () => {});
    const stream = await new Promise<ClientChannel>((resolve, reject) =>
      client.shell({ term: "vt100", cols: 511, rows: 1000 }, (err, s) => (err ? reject(err) : resolve(s))),
    );
    return new Term(client, stream);
  }

  /**
   * `open`, then PowerConnect's in-band `User Name:` / `Password:` answered
   * (as netmiko's dell_powerconnect login does): the prompt comes next.
   */
  static async openLoggedIn(sim: SimSwitch, cfg: Partial<ConnectConfig> = {}): Promise<Term> {
    const t = await Term.open(sim, cfg);
    if (sim.platform === "dell_powerconnect") {
      await t.expect(/User Name:$/);
      t.write(`${cfg.username ?? "admin"}\n`);
      await t.expect(/Password:$/);
      t.write(`${String(cfg.password ?? "")}\n`);
    }
    return t;
  }

  /** Waits until the text received since the last mark matches; returns that text. */
  expect(re: RegExp, timeoutMs = 5000): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const text = this.transcript.slice(this.mark);
        const m = re.exec(text);
        if (m) {
          cleanup();
          this.mark += m.index + m[0].length;
          resolve(text.slice(0, m.index + m[0].length));
        } else if (this.closed) {
          cleanup();
          reject(new Error(`connection closed while waiting for ${re}; got ${JSON.stringify(text)}`));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timeout waiting for ${re}; got ${JSON.stringify(this.transcript.slice(this.mark))}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  write(data: string): void {
    this.stream.write(data);
  }

  /** Sends a line and returns everything up to the next prompt. */
  async cmd(line: string, prompt: RegExp): Promise<string> {
    this.write(line + "\n");
    return this.expect(prompt);
  }

  waitClosed(timeoutMs = 5000): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.closed) return resolve();
      const timer = setTimeout(() => reject(new Error("connection did not close")), timeoutMs);
      const l = () => {
        if (this.closed) {
          clearTimeout(timer);
          this.listeners.delete(l);
          resolve();
        }
      };
      this.listeners.add(l);
    });
  }

  close(): void {
    this.client.end();
  }
}

export function port(p: Partial<{ mode: string; accessVlan: number | null; nativeVlan: number | null; allowedVlans: number[]; shutdown: boolean }>) {
  return { mode: "none", accessVlan: null, nativeVlan: null, allowedVlans: [], shutdown: false, ...p };
}

/** The simulators and terminals a test file opens, closed after each test. */
export function closedAfterEach(): { sims: SimSwitch[]; terms: Term[] } {
  const sims: SimSwitch[] = [];
  const terms: Term[] = [];
  afterEach(async () => {
    terms.splice(0).forEach((t) => t.close());
    await Promise.all(sims.splice(0).map((s) => s.close()));
  });
  return { sims, terms };
}

import { setTimeout as delay } from "node:timers/promises";
import {
  CliSwitch,
  number,
  seconds,
  type OptionValues,
  type CliSessionLike,
  type CommandTemplates,
  type PortNameRule,
} from "@ngs/core/device-kit";
import { fake } from "./platforms.js";

/** One config set the fake switch "received". */
export interface FakeSentSet {
  commands: string[];
}

/** One operation and how it ended. */
export interface FakeOperation {
  operation: string;
  commands: string[];
  ok: boolean;
  error?: string;
}

/** Upstream's Fake command templates (docs/upstream.md#command-lists-per-device-type). */
const FAKE_COMMANDS: CommandTemplates = {
  ADD_NETWORK: ["add network {segmentation_id}"],
  DELETE_NETWORK: ["delete network {segmentation_id}"],
  PLUG_PORT_TO_NETWORK: ["plug port {port} to network {segmentation_id}"],
  DELETE_PORT: ["delete port {port}"],
  ADD_NETWORK_TO_TRUNK: ["add network {segmentation_id} to trunk {port}"],
  REMOVE_NETWORK_FROM_TRUNK: ["remove network {segmentation_id} from trunk {port}"],
  ENABLE_PORT: ["enable {port}"],
  DISABLE_PORT: ["disable {port}"],
};

/** The fake's options (upstream's, docs/upstream.md#per-device-options); a blank value means the default, as before. */
export const FAKE_OPTIONS = {
  ngs_fake_sleep_min_s: seconds({ default: 0, blankIsDefault: true, description: "shortest simulated delay per command set" }),
  ngs_fake_sleep_max_s: seconds({ blankIsDefault: true, description: "longest simulated delay (default: the minimum)" }),
  ngs_fake_failure_prob: number({ min: 0, max: 1, default: 0, blankIsDefault: true, description: 'probability a command set fails with "Random failure!"' }),
};

/**
 * `netmiko_fake`: a switch that exists only in memory. It composes commands,
 * locks and batches exactly like a CLI switch, but its "session" records the
 * commands instead of opening SSH, after an optional random delay
 * (`ngs_fake_sleep_min_s`..`ngs_fake_sleep_max_s`) and with an optional
 * random failure (`ngs_fake_failure_prob`, upstream's "Random failure!").
 * Use it for demos, load tests and tests of everything above the switch.
 */
export default class FakeSwitch extends CliSwitch {
  static override platform = fake;
  /** One port: as a switch CLI: one inner space, `1-4` a range. */
  static override portNameRule: PortNameRule = { innerSpace: true, dashRange: true };
  static override commands = FAKE_COMMANDS;
  /** Nothing to log in to. */
  static override needsLogin = false;
  static override readonly options = FAKE_OPTIONS;
  declare readonly options: OptionValues<typeof FAKE_OPTIONS>;

  /** Every config set delivered, in delivery order. */
  readonly sent: FakeSentSet[] = [];
  /** Every operation that reached the send step, with its outcome. */
  readonly operations: FakeOperation[] = [];
  /** How many times the configuration was "saved". */
  saves = 0;
  /** How many sessions were opened (with reuse on, fewer than operations). */
  sessionsOpened = 0;

  get sleepMinS(): number {
    return this.options.ngs_fake_sleep_min_s;
  }
  /** Only a minimum given: sleep exactly that long. */
  get sleepMaxS(): number {
    return this.options.ngs_fake_sleep_max_s ?? this.sleepMinS;
  }
  get failureProb(): number {
    return this.options.ngs_fake_failure_prob;
  }

  /** The delay range must not be upside down. */
  protected override configProblems(): string[] {
    const problems = super.configProblems();
    if (this.sleepMaxS < this.sleepMinS) {
      problems.push(`ngs_fake_sleep_max_s: ${this.sleepMaxS} is less than ngs_fake_sleep_min_s (${this.sleepMinS})`);
    }
    return problems;
  }

  /** Commands of every delivered set, flattened (what a real switch would have run). */
  get sentCommands(): string[] {
    return this.sent.flatMap((s) => s.commands);
  }

  /** Forget the record (between test cases or demo steps). */
  clearRecord(): void {
    this.sent.length = 0;
    this.operations.length = 0;
    this.saves = 0;
    this.sessionsOpened = 0;
  }

  override async sendCommandsToDevice(commands: readonly string[], operation: string): Promise<string> {
    if (commands.length > 0) this.logger.info({ operation, commands }, `Fake switch ${this.deviceName}: ${operation}`);
    try {
      const out = await super.sendCommandsToDevice(commands, operation);
      if (commands.length > 0) this.operations.push({ operation, commands: [...commands], ok: true });
      return out;
    } catch (e) {
      this.operations.push({ operation, commands: [...commands], ok: false, error: e instanceof Error ? e.message : String(e) });
      throw e;
    }
  }

  /** No SSH: a session object that records into this device. */
  override async openSession(): Promise<CliSessionLike> {
    this.sessionsOpened++;
    return new FakeSession(this);
  }

  /** @internal called by FakeSession */
  async deliver(commands: readonly string[]): Promise<string> {
    const span = this.sleepMaxS - this.sleepMinS;
    const seconds = this.sleepMinS + Math.random() * span;
    // Simulated switch latency (what ngs_fake_sleep_* configures), not a wait for a condition.
    if (seconds > 0) await delay(seconds * 1000);
    if (this.failureProb > 0 && Math.random() < this.failureProb) throw new Error("Random failure!");
    this.sent.push({ commands: [...commands] });
    this.logger.debug({ commands }, "Fake switch received config set");
    return "Success!";
  }
}

class FakeSession implements CliSessionLike {
  private alive = true;
  constructor(private readonly device: FakeSwitch) {}
  async enable(): Promise<void> {}
  async sendConfigSet(lines: readonly string[]): Promise<string> {
    return this.device.deliver(lines);
  }
  async sendCommand(command: string): Promise<string> {
    return this.device.deliver([command]);
  }
  async saveConfig(): Promise<void> {
    // Upstream's fake save is a no-op; count it so callers can see it happened.
    this.device.saves++;
  }
  async commit(): Promise<void> {}
  isAlive(): boolean {
    return this.alive;
  }
  async close(): Promise<void> {
    this.alive = false;
  }
}

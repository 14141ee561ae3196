/**
 * The session: netmiko's behaviour (login, prompt, enable, config mode,
 * config sets, save, commit) driven by a Platform object. Every wait is a
 * read-until-pattern with a deadline; nothing sleeps. Reading and writing
 * are in `session-io.ts`, mode changes in `session-modes.ts`.
 */
import { Channel } from "./channel.js";
import {
  AuthenticationError,
  ChannelClosedError,
  CliSessionError,
  CommitNotSupportedError,
  ConnectError,
  ReadTimeoutError,
  SaveNotSupportedError,
} from "./errors.js";
import { getPlatform, promptPatternFor } from "./platform-kit.js";
import { Wire, since, stripEcho, type LineResult } from "./session-io.js";
import { SessionModes } from "./session-modes.js";
import { Redactor } from "./text.js";
import { Transcript } from "./transcript.js";
import { openTransport, type Transport } from "./transport.js";
import type { CliSessionApi, SendCommandOptions, SendConfigSetOptions, SessionOptions } from "./types.js";

/** Numbers each session of the process, so a debug log or transcript block says which session it is. */
let sessionCounter = 0;

export class CliSession extends SessionModes implements CliSessionApi {
  private queue: Promise<unknown> = Promise.resolve();
  private closing = false;
  private readonly openedAt = performance.now();

  /** Connects, logs in, finds the prompt and runs the platform's session preparation (paging off). */
  static async open(options: SessionOptions): Promise<CliSession> {
    const platform = typeof options.platform === "string" ? getPlatform(options.platform) : options.platform;
    const port = options.port ?? 22;
    const secrets = [options.password, options.secret, options.passphrase].filter(
      (s): s is string => typeof s === "string" && s.length > 0,
    );
    const redactor = new Redactor(secrets);
    const id = ++sessionCounter;
    const wire = new Wire(options.logger, redactor, { session: id, host: options.host, port, platform: platform.name });
    const transcript = new Transcript(options.sessionLog, secrets, redactor);
    transcript.note(
      `\n=== ngs cli-session #${id} ${options.username}@${options.host}:${port} (${platform.name}) opened ${new Date().toISOString()} ===\n`,
    );
    const t0 = performance.now();
    wire.log("connecting", { username: options.username });
    let transport: Transport;
    try {
      transport = await openTransport(options);
    } catch (err) {
      wire.log("connect failed", { ms: since(t0), error: (err as Error).message });
      transcript.note(`=== connect failed: ${(err as Error).name} ===\n`);
      await transcript.close();
      throw err;
    }
    wire.log("SSH connected and authenticated", { ms: since(t0), hostKey: transport.hostKeyFingerprint });
    const where = { host: options.host, port };
    const channel = new Channel(transport.shell, where, redactor, transcript);
    transport.client.on("error", (err: Error) => channel.markClosed(`SSH error: ${err.message}`, err));
    transport.client.on("close", () => channel.markClosed("the SSH connection closed"));
    const session = new CliSession(options, platform, transport, channel, redactor, transcript, wire);
    const tLogin = performance.now();
    try {
      await session.login();
      wire.log("logged in", { ms: since(tLogin), prompt: session.basePrompt });
    } catch (err) {
      wire.log("login failed", { ms: since(tLogin), error: (err as Error).message });
      await session.destroy();
      if (session.inbandPasswordSent && (err instanceof ReadTimeoutError || err instanceof ChannelClosedError)) {
        // The switch asked for the credentials in the shell (PowerConnect) and did not take them.
        throw new AuthenticationError(
          `Authentication to ${options.username}@${options.host}:${port} failed: the switch refused the user name or password it asked for in-band. ` +
            "To resolve this issue, check username and password for this switch.",
          { cause: err, ...where },
        );
      }
      if (err instanceof ReadTimeoutError || err instanceof ChannelClosedError) {
        throw new ConnectError(
          `Login to ${options.host}:${port} (${platform.name}) did not reach a usable prompt: ${err.message}`,
          { cause: err, ...where },
        );
      }
      throw err;
    }
    return session;
  }

  /** The prompt without its terminator (`sw1` for `sw1#`), as netmiko's base_prompt. */
  get basePrompt(): string {
    return this.base;
  }

  /** `SHA256:...` of the host key the device presented. */
  get hostKeyFingerprint(): string {
    return this.transport.hostKeyFingerprint;
  }

  enable(): Promise<string> {
    return this.serial(() => this.doEnable());
  }

  configMode(command?: string): Promise<string> {
    return this.serial(() => this.doConfigMode(command));
  }

  exitConfigMode(): Promise<string> {
    return this.serial(() => this.doExitConfigMode());
  }

  /** Whether the last prompt seen is a config-mode prompt (always true on platforms without config mode). */
  get inConfigMode(): boolean {
    return this.isInConfig();
  }

  /**
   * Enters config mode (unless disabled), sends each line and waits for the
   * prompt after it, leaves config mode (unless disabled) and returns all output.
   */
  sendConfigSet(lines: readonly string[], opts: SendConfigSetOptions = {}): Promise<string> {
    return this.serial(async () => {
      const timeout = opts.readTimeoutMs ?? this.readTimeout;
      const exit = opts.exitConfigMode ?? this.platform.config?.exitAfterConfigSet ?? true;
      let out = "";
      if (opts.enterConfigMode ?? true) out += await this.doConfigMode(opts.configModeCommand);
      for (const line of lines) {
        const r = await this.sendLine(line, timeout);
        out += r.output;
        const bad = this.findError(stripEcho(r.output, line, this.platform), opts.checkErrors ?? true, opts.errorPatterns);
        if (bad !== undefined) {
          if (exit) await this.doExitConfigMode().catch(() => "");
          throw this.commandError(`Command '${line}' was rejected`, line, bad, out);
        }
      }
      if (exit) out += await this.doExitConfigMode();
      return out;
    });
  }

  /** Sends one command and returns its output without the echo and the trailing prompt. */
  sendCommand(cmd: string, opts: SendCommandOptions = {}): Promise<string> {
    return this.serial(async () => {
      const timeout = opts.readTimeoutMs ?? this.readTimeout;
      let r: LineResult;
      if (opts.expect !== undefined) {
        this.channel.drain();
        this.channel.write(cmd + this.platform.returnChar);
        const res = await this.read([new RegExp(opts.expect)], timeout);
        r = { output: res.output, index: 1 };
      } else {
        r = await this.sendLine(cmd, timeout);
      }
      const body = stripEcho(r.output, cmd, this.platform);
      const bad = this.findError(body, opts.checkErrors ?? true, opts.errorPatterns);
      if (bad !== undefined) throw this.commandError(`Command '${cmd}' was rejected`, cmd, bad, r.output);
      return opts.raw ? r.output : body;
    });
  }

  /** Runs the platform's save command and answers its confirmation dialogue. */
  saveConfig(): Promise<string> {
    return this.serial(async () => {
      const save = this.platform.save;
      if (!save) throw new SaveNotSupportedError(this.platform.name, this.where);
      let out = "";
      if (save.requiresEnable) out += await this.doEnable();
      if (save.mode === "exec") out += await this.doExitConfigMode();
      if (save.mode === "config") out += await this.doConfigMode();
      const t0 = performance.now();
      let r: string;
      try {
        r = await this.dialogue(save.command, save.confirm ?? [], this.saveTimeout);
      } catch (e) {
        // The device said the save completed, then the connection dropped before its prompt: saved.
        if (e instanceof ChannelClosedError && save.success && afterLast(e.output, save.command, save.success)) {
          this.wire.log("save", { command: save.command, ms: since(t0), closedAfterSuccess: true });
          return out + e.output;
        }
        throw e;
      }
      this.wire.log("save", { command: save.command, ms: since(t0) });
      out += r;
      const body = stripEcho(r, save.command, this.platform);
      const bad = save.failure?.test(body) ? body : this.findError(body, true);
      if (bad !== undefined) throw this.commandError("Saving the configuration failed", save.command, bad, out);
      if (save.mode === "config") out += await this.doExitConfigMode();
      return out;
    });
  }

  /** Junos `commit` (expects `commit complete`), SRL `commit stay`, VRPv8 `commit`; failure carries the output. */
  commit(): Promise<string> {
    return this.serial(async () => {
      const c = this.platform.commit;
      if (!c) throw new CommitNotSupportedError(this.platform.name, this.where);
      let out = "";
      if (c.inConfigMode) out += await this.doConfigMode();
      const t0 = performance.now();
      const r = await this.sendLine(c.command, this.saveTimeout);
      out += r.output;
      const body = stripEcho(r.output, c.command, this.platform);
      this.wire.log("commit", { command: c.command, ms: since(t0) });
      if (c.failure?.test(body) || !c.success.test(body)) {
        throw this.commandError("Commit failed", c.command, body, out);
      }
      return out;
    });
  }

  /** The connection is gone or close() was called: no probe needed to know it is unusable. */
  get isClosed(): boolean {
    return this.channel.isClosed || this.closing;
  }

  /** Sends a bare return and expects the prompt back; false when the session is unusable. */
  isAlive(): Promise<boolean> {
    if (this.isClosed) return Promise.resolve(false);
    return this.serial(async () => {
      try {
        await this.sendLine("", Math.min(this.readTimeout, 5_000));
        return true;
      } catch {
        return false;
      }
    });
  }

  /** Leaves config mode, logs out and closes the connection. Never throws. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    await this.queue.catch(() => undefined);
    if (!this.channel.isClosed && !this.tainted) {
      try {
        if (this.platform.logout.length > 0 && this.isInConfig() && this.platform.config) {
          await this.doExitConfigMode();
        }
        for (const line of this.platform.logout) this.channel.write(line + this.platform.returnChar);
      } catch {
        // Best effort: the connection is closed below either way.
      }
    }
    await this.destroy();
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(() => {
      if (this.closing) throw new CliSessionError("The session is closed.", this.where);
      return fn();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async destroy(): Promise<void> {
    const { client } = this.transport;
    const closed = new Promise<void>((resolve) => {
      if (this.channel.isClosed) resolve();
      else client.once("close", () => resolve());
    });
    client.end();
    // Wait for the close event, with a deadline, then force it.
    const timer = setTimeout(() => client.destroy(), 2_000);
    await closed;
    clearTimeout(timer);
    this.channel.markClosed("closed by the client");
    this.wire.log("closed", { sessionMs: since(this.openedAt) });
    this.transcript.note(`\n=== ngs cli-session closed ${new Date().toISOString()} ===\n`);
    await this.transcript.close();
  }

}

// Kept for callers that build prompt patterns for custom platforms.
export { promptPatternFor };
export { stripEcho };

/** Does `pattern` match in what `output` holds after the last echo of `command`? */
function afterLast(output: string, command: string, pattern: RegExp): boolean {
  const at = output.lastIndexOf(command);
  if (at < 0) return false;
  pattern.lastIndex = 0;
  return pattern.test(output.slice(at + command.length));
}

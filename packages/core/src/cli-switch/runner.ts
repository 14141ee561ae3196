import { CliSession, isRetryableConnectError, sessionOptionsFromConfig, type SessionOptions } from "@ngs/cli-session";
import { setTimeout as delay } from "node:timers/promises";
import type { DeviceConfig, DeviceContext } from "../device.js";
import { GenericSwitchConfigException, GenericSwitchException, GenericSwitchNetmikoConfigError, GenericSwitchNetmikoConnectError } from "../errors.js";
import { InProcessCoordinator, PoolLock } from "../locking/index.js";
import { notWorthRetrying } from "./connect-retry.js";
import { aliveQuietly, rejectedLine, saveRunning, sendSet, sendSets, type SetOutcome, type SetStyle } from "./live-session.js";
import { CliPlanner } from "./planner.js";
import { isAuthenticationError, isCommandError, isEnableRefused, isSessionConfigError, type CliSessionLike } from "./session.js";
import { SessionPool, closeQuietly } from "./session-pool.js";

/** A retry-once-worthy failure: the session broke, not the switch refusing a change. */
class SessionFailure extends Error {}

/**
 * The last "switch unreachable" verdict per switch (lock prefix) in this
 * process: callers waiting for the switch's PoolLock when its holder gave up
 * connecting fail with that verdict instead of waiting to fail the same way.
 */
const unreachable = new Map<string, { at: number; error: GenericSwitchNetmikoConnectError }>();

// Without a coordinator in the context, sessions to one switch are still
// limited to `ngs_max_connections` inside this process.
let processCoordinator: InProcessCoordinator | undefined;
function defaultCoordinator(): InProcessCoordinator {
  processCoordinator ??= new InProcessCoordinator();
  return processCoordinator;
}

/**
 * The runner half of a CLI switch: the PoolLock, the pooled session, connect
 * retries, config mode and the apply step (from the class's `configMode` and
 * `applyMode` data), and error mapping. It sends what the planner composed.
 */
export abstract class CliRunner extends CliPlanner {
  readonly #pool: SessionPool<CliSessionLike> | undefined;

  constructor(config: DeviceConfig, deviceName: string, context: DeviceContext = {}) {
    super(config, deviceName, context);
    this.#pool = this.reuseConnection ? new SessionPool(this.maxConnections) : undefined;
  }

  /**
   * How errors name this switch's connection: `leaf1 (192.0.2.10)`, with the
   * port when it is not 22. Never a credential.
   */
  get where(): string {
    const host = this.transportConfig.host || this.transportConfig.ip || "no address";
    const port = this.transportConfig.port?.trim();
    return `${this.deviceName} (${host}${port && port !== "22" ? `:${port}` : ""})`;
  }

  /** A switch section that cannot do what was asked (a missing option, a VLAN the switch lacks): logged, with the sanitised config. */
  protected configError(error: string): GenericSwitchNetmikoConfigError {
    this.logger.debug(error);
    return new GenericSwitchNetmikoConfigError({ config: this.where, device: this.sanitisedConfig, error });
  }

  /** A change the switch refused: idle pooled sessions are dropped (their state is unknown). */
  protected rejected(operation: string, detail: string, cause?: unknown): GenericSwitchNetmikoConfigError {
    // Debug only: the thrown error is the report (one error, said once).
    this.logger.debug({ operation, error: detail }, `Switch rejected the configuration. Operation: ${operation}.`);
    void this.#pool?.drain();
    return new GenericSwitchNetmikoConfigError({
      config: this.where,
      device: this.sanitisedConfig,
      error: `operation '${operation}': ${detail}`,
      ...(cause === undefined ? {} : { cause }),
    });
  }

  // ---- send: batch or lock + session -----------------------------------

  /**
   * Send a command set and check the answer. Empty → nothing happens. With
   * `ngs_batch_requests` (and a class that may batch) the set goes through
   * the context's batcher; otherwise through `withSession` (lock, session, apply).
   */
  async sendCommandsToDevice(commands: readonly string[], operation: string): Promise<string> {
    if (commands.length === 0) {
      this.logger.debug({ operation }, "Nothing to execute");
      return "";
    }
    if (this.batchRequests && this.statics.batchable !== false) {
      const batcher = this.batcher;
      if (!batcher) {
        throw new GenericSwitchConfigException({
          message: `Switch ${this.deviceName}: ngs_batch_requests is true but no batcher is configured ([ngs_coordination] backend_url)`,
        });
      }
      const output = await batcher.doBatch(this, [...commands]);
      this.checkOutput(output, operation);
      return output;
    }
    return this.withSession((session) => this.applyOnSession(session, commands, operation));
  }

  /**
   * Run the plan's queries and its set on ONE session under the lock: the
   * set is completed from the answers (`planAfterQueries`) and applied there.
   */
  protected async sendAfterQueries(queries: readonly string[], complete: (answers: string[]) => string[], operation: string): Promise<string> {
    return this.withSession(async (session) => {
      await session.enable();
      const answers: string[] = [];
      for (const q of queries) answers.push(await session.sendCommand(q));
      return this.applyOnSession(session, complete(answers), operation);
    });
  }

  /** On a live session: send the set, check the answer, then apply (commit/save) as the class declares. */
  protected async applyOnSession(session: CliSessionLike, commands: readonly string[], operation: string): Promise<string> {
    let output: string;
    try {
      output = await this.sendConfigSet(session, commands);
    } catch (e) {
      // The session stops at the first line the switch rejects. A "rejection"
      // on a connection that just died is a broken session instead (retryable).
      if (isCommandError(e) && (await aliveQuietly(session))) throw this.rejected(operation, e.message, e);
      throw e;
    }
    this.checkOutput(output, operation);
    // Apply/save only what the switch accepted (upstream: "when configuration is applied successfully").
    if (this.saveConfiguration) {
      try {
        await this.saveConfig(session);
      } catch (e) {
        const step = this.applyMode.kind === "commit" || this.applyMode.kind === "commit-then-save" ? "commit" : "save configuration";
        if (isCommandError(e) && (await aliveQuietly(session))) throw this.rejected(`${operation} (${step})`, e.message, e);
        throw e;
      }
    }
    return output;
  }

  // ---- live-session steps (from the class's data; batching calls these) ----

  private get setStyle(): SetStyle {
    return { configMode: this.configMode, apply: this.applyMode, errorPatterns: this.errorPatterns };
  }

  /** Send one set as `static configMode` says, with `static applyMode`'s line last when it has one. */
  async sendConfigSet(session: CliSessionLike, commands: readonly string[]): Promise<string> {
    return sendSet(session, this.setStyle, commands);
  }

  /**
   * Batching: several sets on one session, in ONE config-mode pass when the
   * class's data allows it (plain config mode, no apply line); otherwise one
   * `sendConfigSet` per set. See `sendSets` in `live-session.ts`.
   */
  async sendConfigSets(
    session: CliSessionLike,
    batches: readonly (readonly string[])[],
    onOutcome?: (index: number, outcome: SetOutcome) => void,
    before?: (index: number) => Promise<boolean>,
  ): Promise<SetOutcome[]> {
    return sendSets(session, this.setStyle, batches, (cmds) => this.sendConfigSet(session, cmds), onOutcome, before);
  }

  /**
   * The apply step after accepted sets, as `static applyMode` says: the save
   * (platform's, else SAVE_CONFIGURATION lines, else a warning), the commit,
   * or both. Batching runs it once after a run of sets.
   */
  async saveConfig(session: CliSessionLike): Promise<void> {
    const apply = this.applyMode;
    if (apply.kind === "none") return;
    if (apply.kind === "commit" && apply.command !== undefined) {
      this.checkOutput(await session.sendCommand(apply.command), "commit");
      return;
    }
    if (apply.kind === "commit" || apply.kind === "commit-then-save") await this.commitChanges(session);
    if (apply.kind !== "commit") await saveRunning(session, this.commands.SAVE_CONFIGURATION, this.logger, this.platform);
  }

  /**
   * Hook: the platform's commit. A vendor whose commit needs more than data
   * can say overrides this (Junos retries while another session holds the
   * configuration database).
   */
  protected async commitChanges(session: CliSessionLike): Promise<void> {
    await session.commit();
  }

  /**
   * Raise GenericSwitchNetmikoConfigError when the output matches an error
   * pattern; idle pooled sessions are dropped first (their state is unknown).
   */
  checkOutput(output: string | undefined | null, operation: string): void {
    if (!output) return;
    const line = rejectedLine(output, this.errorPatterns);
    if (line === undefined) return;
    this.logger.debug({ operation, output }, `Found invalid configuration in device response. Operation: ${operation}.`);
    throw this.rejected(operation, `the switch answered ${JSON.stringify(line)}`);
  }

  // ---- lock, pool, retry ------------------------------------------------

  /**
   * Run `fn` on a session under this switch's PoolLock: a pooled one when
   * `ngs_ssh_reuse_connection` is on, else a fresh one closed afterwards.
   * With reuse on, a session that breaks is replaced and `fn` retried once
   * on a fresh connection. Errors come out as GenericSwitch* errors.
   */
  async withSession<T>(fn: (session: CliSessionLike) => Promise<T>): Promise<T> {
    try {
      return await this.lockedOnce(fn, false);
    } catch (e) {
      if (this.#pool && e instanceof SessionFailure) {
        this.logger.warn({ error: String((e.cause as Error | undefined)?.message ?? e.message) }, "Session failed; retrying once on a fresh connection");
        try {
          return await this.lockedOnce(fn, true);
        } catch (e2) {
          throw this.mapError(e2);
        }
      }
      throw this.mapError(e);
    }
  }

  private async lockedOnce<T>(fn: (session: CliSessionLike) => Promise<T>, fresh: boolean): Promise<T> {
    const waitingSince = Date.now();
    /** Found unreachable by a caller that held the lock while this one waited. */
    const unreachableError = () => {
      const v = unreachable.get(this.lockPrefix);
      if (!v || v.at < waitingSince) return undefined;
      return new GenericSwitchNetmikoConnectError({
        config: this.sanitisedConfig,
        error: `switch unreachable (another caller gave up connecting ${((Date.now() - v.at) / 1000).toFixed(1)} s ago): ${v.error.message}`,
        cause: v.error,
      });
    };
    const lock = new PoolLock(this.coordinator ?? defaultCoordinator(), {
      poolSize: this.maxConnections,
      prefix: this.lockPrefix,
      timeoutMs: this.globalConfig.acquireTimeoutS * 1000,
      logger: this.logger,
      stopWaiting: unreachableError,
    });
    return lock.withLock(async () => {
      const verdict = unreachableError();
      if (verdict) throw verdict;
      const pooled = fresh ? undefined : await this.#pool?.take();
      let session: CliSessionLike;
      if (pooled) session = pooled;
      else {
        try {
          session = await this.openSession();
        } catch (e) {
          if (e instanceof GenericSwitchNetmikoConnectError && !isAuthenticationError(e.cause)) unreachable.set(this.lockPrefix, { at: Date.now(), error: e });
          throw e;
        }
        unreachable.delete(this.lockPrefix);
      }
      let ok = false;
      try {
        const result = await fn(session);
        ok = true;
        return result;
      } catch (e) {
        if (e instanceof GenericSwitchException) throw e;
        // Refused credentials are final: not a broken session worth a retry.
        if (isEnableRefused(e) || isAuthenticationError(e)) throw this.connectError(e);
        throw new SessionFailure(e instanceof Error ? e.message : String(e), { cause: e });
      } finally {
        if (ok && this.#pool) await this.#pool.give(session);
        else await closeQuietly(session);
      }
    });
  }

  /** GenericSwitch* errors pass; anything else becomes a connect error with the sanitised config. */
  protected mapError(e: unknown): GenericSwitchException {
    if (e instanceof GenericSwitchException) return e;
    const cause = e instanceof SessionFailure && e.cause !== undefined ? e.cause : e;
    if (isEnableRefused(cause) || isAuthenticationError(cause)) return this.connectError(cause);
    const error = cause instanceof Error ? cause.message : String(cause);
    this.logger.debug({ error }, "Error sending commands to device");
    return new GenericSwitchNetmikoConnectError({ config: this.where, device: this.sanitisedConfig, error, cause });
  }

  // ---- connect ----------------------------------------------------------

  /**
   * Connect, retrying transport failures every `ngs_ssh_connect_interval`
   * seconds for up to `ngs_ssh_connect_timeout` seconds. Refused credentials
   * and host keys fail at once.
   */
  async openSession(): Promise<CliSessionLike> {
    let options: SessionOptions;
    try {
      options = sessionOptionsFromConfig(this.sessionConfig(), this.sessionPlatform);
    } catch (e) {
      if (isSessionConfigError(e)) {
        throw new GenericSwitchNetmikoConfigError({ config: this.where, device: this.sanitisedConfig, error: (e as Error).message, cause: e });
      }
      throw this.connectError(e);
    }
    // The wire at debug level, through this switch's child logger (its name on every line).
    options.logger = this.logger;
    const logFile = this.globalConfig.sessionLogFile;
    if (logFile && options.sessionLog === undefined) options.sessionLog = logFile;

    // tenacity's stop_after_delay + wait_fixed, but every attempt and pause fits inside
    // ngs_ssh_connect_timeout (0: one attempt with its own timeouts).
    const started = Date.now();
    const timeoutMs = this.sshConnectTimeoutS * 1000;
    const intervalMs = this.sshConnectIntervalS * 1000;
    const deadline = timeoutMs > 0 ? started + timeoutMs : undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        return await CliSession.open(deadline === undefined ? options : { ...options, connectDeadline: deadline });
      } catch (e) {
        if (isAuthenticationError(e)) throw this.connectError(e);
        const final = notWorthRetrying(e, options.host);
        if (final) throw this.connectError(e, `not retried: ${final}`);
        const waitMs = deadline === undefined ? -1 : Math.min(intervalMs, deadline - Date.now());
        if (!isRetryableConnectError(e) || deadline === undefined || waitMs <= 0 || Date.now() + waitMs >= deadline) {
          const secs = ((Date.now() - started) / 1000).toFixed(1);
          const tries = `${attempt} attempt${attempt > 1 ? "s" : ""}`;
          throw this.connectError(e, deadline === undefined ? undefined : `gave up after ${tries} in ${secs} s (ngs_ssh_connect_timeout = ${this.sshConnectTimeoutS})`);
        }
        this.logger.info(
          { attempt, error: e instanceof Error ? e.message : String(e), retryInMs: waitMs },
          `SSH connect attempt ${attempt} failed; retrying`,
        );
        await delay(waitMs);
      }
    }
  }

  /** The keys handed to the session layer: transport keys plus the `ngs_*` ones it reads. */
  protected sessionConfig(): Record<string, string> {
    const cfg: Record<string, string> = { ...this.transportConfig, device_type: this.platform };
    for (const key of ["ngs_ssh_disabled_algorithms", "ngs_known_hosts_file", "ngs_host_key_fingerprint"]) {
      const v = this.option(key);
      if (v !== undefined) cfg[key] = v;
    }
    return cfg;
  }

  /**
   * One clean cause per failure: refused credentials and enable secrets are
   * said in a few words (the raw device answer goes to the debug log only);
   * anything else keeps the session layer's message.
   */
  private connectError(e: unknown, note?: string): GenericSwitchNetmikoConnectError {
    let error: string;
    if (isEnableRefused(e)) {
      // The message names the switch once, as its config: `leaf1 (192.0.2.10), error: enable secret rejected`.
      error = e.reason;
      this.logger.debug({ answer: e.output }, error);
    } else if (isAuthenticationError(e)) {
      const user = this.transportConfig.username ?? "";
      error = `authentication as ${user} rejected (check username, password or key_file; not retried)`;
      this.logger.debug({ error: e instanceof Error ? e.message : String(e) }, "authentication failed");
    } else {
      const msg = e instanceof Error ? e.message : String(e);
      error = note ? `${msg} (${note})` : msg;
      this.logger.debug({ error }, "Failed to connect to switch");
    }
    return new GenericSwitchNetmikoConnectError({ config: this.where, device: this.sanitisedConfig, error, cause: e });
  }

  /** Close every pooled session (call on shutdown). */
  async close(): Promise<void> {
    await this.#pool?.drain();
  }
}

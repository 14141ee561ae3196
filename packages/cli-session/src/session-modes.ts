/**
 * Mode changes on top of the session's I/O: login (questions before the
 * first prompt, session preparation), enable / sudo with its password
 * dialogue, entering and leaving config mode.
 */
import { CommandError, ConnectError, EnableRefusedError } from "./errors.js";
import { CTRL_C, MAX_DIALOGUE_ROUNDS, MAX_LOGIN_ROUNDS, SessionIo, lastLines, since } from "./session-io.js";
import type { LoginHandler } from "./types.js";

export abstract class SessionModes extends SessionIo {
  protected async login(): Promise<void> {
    const handlers = this.platform.loginHandlers ?? [];
    const patterns = [...handlers.map((h) => h.prompt), this.platform.promptPattern];
    let output = "";
    for (let round = 0; ; round++) {
      const r = await this.channel.readUntil(patterns, this.readTimeout);
      if (r.index === handlers.length) {
        output = r.output;
        break;
      }
      if (round >= MAX_LOGIN_ROUNDS) {
        throw new ConnectError(`Login to ${this.where.host} kept asking questions; last output:\n${this.scrubTail(r.output)}`, this.where);
      }
      this.answerLogin(handlers[r.index]!);
    }
    // Confirm with a fresh prompt (a banner line can look like one), then learn it.
    const r = await this.sendLine("", this.readTimeout, [], this.genericAfterWrite);
    this.learnPrompt(r.output || output);
    if (this.platform.enableDuringLogin) await this.doEnable();
    for (const cmd of this.platform.sessionPreparation) await this.sendLine(cmd, this.readTimeout);
  }

  protected answerLogin(h: LoginHandler): void {
    const a = h.answer;
    if (typeof a === "string") {
      this.channel.write(a + this.platform.returnChar);
      return;
    }
    const value =
      a.credential === "username" ? this.options.username : a.credential === "password" ? this.options.password : this.options.secret;
    if (a.credential === "password") this.inbandPasswordSent = true;
    this.channel.write((value ?? "") + this.platform.returnChar);
  }

  protected async doEnable(): Promise<string> {
    const e = this.platform.enable;
    if (!e || e.enabledPattern.test(this.promptBlock)) return "";
    const t0 = performance.now();
    let out: string;
    let secretSent: boolean;
    try {
      ({ out, passwords: secretSent } = await this.modeCommand(e.command, e.passwordPrompt, e.usernamePrompt));
    } catch (err) {
      if (!(err instanceof CommandError) || !/was refused/.test(err.message)) throw err;
      throw this.enableRefused(e.command, err.output, true);
    }
    if (!e.enabledPattern.test(this.promptBlock)) throw this.enableRefused(e.command, out, secretSent);
    this.wire.log("enable", { command: e.command, ms: since(t0) });
    return out;
  }

  protected async doConfigMode(command?: string): Promise<string> {
    const c = this.platform.config;
    if (!c || this.isInConfig()) return "";
    const cmd = command ?? c.enter;
    const { out } = await this.modeCommand(cmd, this.platform.enable?.passwordPrompt, this.platform.enable?.usernamePrompt);
    if (!this.isInConfig()) throw this.commandError("Failed to enter configuration mode", cmd, lastLines(out, 3), out);
    return out;
  }

  protected async doExitConfigMode(): Promise<string> {
    const c = this.platform.config;
    if (!c || !this.isInConfig()) return "";
    if (c.noExitForUser !== undefined && c.noExitForUser === this.options.username) return "";
    let out = "";
    for (const b of c.beforeExit ?? []) {
      if (b.when.test(this.promptBlock)) out += (await this.sendLine(b.command, this.readTimeout)).output;
    }
    const relearn = this.platform.relearnPromptOnModeChange === true;
    for (let i = 0; i < (c.exitRepeat ?? 1) && this.isInConfig(); i++) {
      out += await this.dialogue(c.exit, c.exitConfirm ?? [], this.readTimeout, relearn ? this.genericAfterWrite : undefined);
    }
    if (relearn) this.learnPrompt(out);
    if (this.isInConfig()) throw this.commandError("Failed to exit configuration mode", c.exit, lastLines(out, 3), out);
    return out;
  }

  /**
   * A mode change that may ask for a password (enable, `sudo -s`) or a user
   * name (RADIUS enable). A second password prompt means the secret was
   * refused: abort with Ctrl-C and report.
   */
  protected async modeCommand(cmd: string, passwordPrompt?: RegExp, usernamePrompt?: RegExp): Promise<{ out: string; passwords: boolean }> {
    const relearn = this.platform.relearnPromptOnModeChange === true;
    const prompt = relearn ? this.genericAfterWrite : undefined;
    const extra: RegExp[] = [];
    if (passwordPrompt) extra.push(passwordPrompt);
    if (usernamePrompt) extra.push(usernamePrompt);
    let r = await this.sendLine(cmd, this.readTimeout, extra, prompt);
    let out = r.output;
    let passwords = 0;
    for (let round = 0; r.index !== 0; round++) {
      const isPassword = extra[r.index - 1] === passwordPrompt;
      if (round >= MAX_DIALOGUE_ROUNDS || (isPassword && passwords > 0)) {
        this.channel.write(CTRL_C);
        await this.readPrompt(this.readTimeout, [], prompt).catch(() => undefined);
        throw this.commandError(`'${cmd}' was refused: the password was not accepted`, cmd, lastLines(out, 3), out);
      }
      if (isPassword) {
        passwords++;
        // Secrets are never echoed by the device, and writes never reach the transcript.
        this.channel.write((this.options.secret ?? "") + this.platform.returnChar);
      } else {
        this.channel.write(this.options.username + this.platform.returnChar);
      }
      r = await this.readPrompt(this.readTimeout, extra, prompt);
      out += r.output;
    }
    if (relearn) this.learnPrompt(out);
    return { out, passwords: passwords > 0 };
  }

  /**
   * The enable (or sudo) step failed: one clean cause for the message, the
   * scrubbed device answer kept on the error (and in the debug log) only.
   */
  protected enableRefused(command: string, output: string, secretSent: boolean): EnableRefusedError {
    const answer = this.scrubTail(lastLines(output, 3));
    this.wire.log("enable refused", { command, answer });
    const what = secretSent ? "enable secret rejected" : this.options.secret ? "enable mode refused" : "enable mode refused (no secret configured)";
    return new EnableRefusedError(what, `${what} by ${this.where.host}:${this.where.port}`, this.redactor.scrub(command), answer, this.where);
  }

}

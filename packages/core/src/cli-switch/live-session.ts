import type { Logger } from "../logging.js";
import { sharesConfigPass, withApplyLine, type ApplyStyle, type ConfigModeStyle } from "./apply-style.js";
import { isCommandError, isSaveNotSupported, type CliSessionLike } from "./session.js";

/**
 * The runner's steps on a live session, driven by the class's declared data
 * (`configMode`, `apply`, `errorPatterns`): send one set, send many sets in
 * one config-mode pass (batching), save.
 */
export interface SetStyle {
  readonly configMode: ConfigModeStyle;
  readonly apply: ApplyStyle;
  readonly errorPatterns: readonly RegExp[];
}

type SendOptions = NonNullable<Parameters<CliSessionLike["sendConfigSet"]>[1]>;

function sendOptions(style: SetStyle): SendOptions {
  const m = style.configMode;
  const o: SendOptions = {};
  if (m.enter === false) o.enterConfigMode = false;
  else if (m.enter !== undefined) o.configModeCommand = m.enter;
  if (m.exit !== undefined) o.exitConfigMode = m.exit;
  if (m.checkLines !== false) o.errorPatterns = [...style.errorPatterns];
  return o;
}

/** One set as the class declares it (upstream: enable(), then send_config_set(cmd_verify=False)). */
export async function sendSet(session: CliSessionLike, style: SetStyle, commands: readonly string[]): Promise<string> {
  if (style.configMode.enable !== false) await session.enable();
  return session.sendConfigSet(withApplyLine(commands, style.apply), sendOptions(style));
}

export type SetOutcome = { result: string } | { error: string };

/**
 * Batching: several sets in ONE config-mode pass when the style allows it
 * (`sharesConfigPass`: enter once, each set's lines, leave once), each set
 * with its own output or error; a line the switch rejects fails only its
 * set. Otherwise one `sendOne` per set. Returns fewer outcomes than sets
 * when the session broke (the rest go on a fresh session).
 */
export async function sendSets(
  session: CliSessionLike,
  style: SetStyle,
  batches: readonly (readonly string[])[],
  sendOne: (commands: readonly string[]) => Promise<string>,
  onOutcome?: (index: number, outcome: SetOutcome) => void,
  before?: (index: number) => Promise<boolean>,
): Promise<SetOutcome[]> {
  const out: SetOutcome[] = [];
  const push = (o: SetOutcome) => {
    out.push(o);
    onOutcome?.(out.length - 1, o);
  };
  const singlePass = sharesConfigPass(style.configMode, style.apply);
  if (singlePass) await session.enable();
  for (let i = 0; i < batches.length; i++) {
    // Not allowed to send this one (the worker could not mark it started): stop here.
    if (before && !(await before(i))) return out;
    const last = i === batches.length - 1;
    try {
      const output = singlePass
        ? await session.sendConfigSet(batches[i]!, {
            errorPatterns: [...style.errorPatterns],
            // Stay in config mode between batches; the last one leaves as the platform does.
            ...(last ? {} : { exitConfigMode: false }),
          })
        : await sendOne(batches[i]!);
      push({ result: output });
    } catch (e) {
      push({ error: e instanceof Error ? e.message : String(e) });
      // A rejected line on a live session fails only this batch; anything else ends the pass.
      if (!singlePass || !isCommandError(e) || !(await aliveQuietly(session))) return out;
      if (last) break;
    }
  }
  return out;
}

/**
 * Persist the running config: the platform's save, else each
 * SAVE_CONFIGURATION line with sendCommand, else a warning.
 */
export async function saveRunning(session: CliSessionLike, saveLines: readonly string[] | undefined, logger: Logger, platform: string): Promise<void> {
  try {
    await session.saveConfig();
  } catch (e) {
    if (!isSaveNotSupported(e)) throw e;
    if (saveLines?.length) {
      for (const line of saveLines) await session.sendCommand(line);
    } else {
      logger.warn(`Saving config is not supported for ${platform}, all changes will be lost after switch reboot`);
    }
  }
}

/** The line of `output` the first matching pattern points at, or undefined. */
export function rejectedLine(output: string, patterns: readonly RegExp[]): string | undefined {
  for (const pattern of patterns) {
    pattern.lastIndex = 0;
    const m = pattern.exec(output);
    if (m) return lineAround(output, m.index);
  }
  return undefined;
}

export async function aliveQuietly(session: CliSessionLike): Promise<boolean> {
  try {
    return await session.isAlive();
  } catch {
    return false;
  }
}

/** The full line of `text` that contains offset `i`. */
function lineAround(text: string, i: number): string {
  const start = text.lastIndexOf("\n", i) + 1;
  const end = text.indexOf("\n", i);
  return text.slice(start, end < 0 ? undefined : end).trim();
}

/**
 * `@ngs/cli-session/platform-kit`: builders for CLI dialects. A vendor
 * package declares its platforms with these (next to its command
 * templates) and hands the objects to the session; the session engine knows
 * no vendor. Each builder starts from its family's defaults (netmiko's
 * strings for that family) and takes overrides; it records the family and
 * the literal texts behind the patterns in `kit`, which is what lets
 * `@ngs/switch-sim` speak a dialect it has never seen and `ngs plugins
 * check` tell a built platform from a hand-made one.
 */
import type { DialogueStep, Platform, PlatformFamily, PlatformKit } from "./types.js";
import { registerPlatform } from "./registry.js";

export type { Platform, PlatformFamily, PlatformKit, DialogueStep, LoginHandler } from "./types.js";
export { getPlatform, platformNames, registerPlatform } from "./registry.js";
export { platformProblems, PLATFORM_FAMILIES } from "./platform-check.js";

/** A prompt: a line ending in one of `terminators`, optionally followed by spaces, at the end of the buffer. */
export function promptPatternFor(terminators: string): RegExp {
  const cls = terminators.replace(/[\]\\^-]/g, "\\$&");
  return new RegExp(`(?:^|\\n)[^\\n]*[${cls}][ \\t]*$`);
}

/** A prompt pattern and the terminators it was built from, kept in step. */
function promptEndingIn(terminators: string): Pick<Platform, "promptPattern" | "promptTerminators"> {
  return { promptPattern: promptPatternFor(terminators), promptTerminators: terminators };
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const PASSWORD = /ssword/i;

type Save = NonNullable<Platform["save"]>;

/** What every builder takes: the name, the literal texts, and any session field to override. */
export interface PlatformOptions extends Partial<Omit<Platform, "name" | "kit" | "save">> {
  name: string;
  /** Unprivileged and privileged prompt characters (the family's by default). */
  promptChars?: { user: string; enabled: string };
  /** The command that gains privilege (IOS `enable`), when the family has one. */
  enableCommand?: string;
  /** The commands that enter and leave config mode (IOS `configure terminal` / `end`). */
  configEnter?: string;
  configExit?: string;
  /** What the device prints for a rejected command; matched by the error patterns (default: a pattern for it). */
  errorText?: string;
  /** The save command and its dialogue; `undefined` for none. */
  save?: Partial<Save> & { command: string };
  /** The save command's question and the answer that confirms it (derives `save.confirm`). */
  saveQuestion?: { question: string; answer: string };
}

interface FamilyDefaults {
  family: PlatformFamily;
  promptChars: { user: string; enabled: string };
  errorText: string;
  /** Patterns used when neither `errorPatterns` nor `errorText` is given. */
  errorPatterns: RegExp[];
  fields(chars: { user: string; enabled: string }): Omit<Platform, "name" | "kit" | "errorPatterns">;
  saveDefaults?: Partial<Save>;
}

function build(d: FamilyDefaults, o: PlatformOptions): Platform {
  const { name, promptChars = d.promptChars, errorText, save, saveQuestion, enableCommand, configEnter, configExit, ...over } = o;
  const text = errorText ?? d.errorText;
  const errorPatterns = over.errorPatterns ?? (errorText !== undefined ? [new RegExp(escape(errorText))] : d.errorPatterns);
  const base = d.fields(promptChars);
  if (enableCommand !== undefined && base.enable) base.enable = { ...base.enable, command: enableCommand };
  if (base.config) base.config = { ...base.config, ...(configEnter !== undefined ? { enter: configEnter } : {}), ...(configExit !== undefined ? { exit: configExit } : {}) };
  const confirm: DialogueStep[] | undefined = saveQuestion
    ? [{ prompt: new RegExp(`${escape(saveQuestion.question.trim())}[^\\n]*$`), answer: saveQuestion.answer }]
    : undefined;
  const savePart = save ?? base.save;
  const kit: PlatformKit = { family: d.family, promptChars, errorText: text, ...(saveQuestion ? { saveQuestion: saveQuestion.question } : {}) };
  const p: Platform = {
    name,
    ...base,
    ...over,
    errorPatterns,
    ...(savePart ? { save: { ...d.saveDefaults, ...savePart, ...(confirm ? { confirm } : {}) } as Save } : {}),
    kit,
  };
  return registerPlatform(p);
}

/** IOS-like: `>` / `#` prompts, `enable`, `configure terminal` / `end`, `(config)#`. */
export function iosLike(o: PlatformOptions): Platform {
  return build(
    {
      family: "ios",
      promptChars: { user: ">", enabled: "#" },
      errorText: "% Invalid input detected at '^' marker.",
      errorPatterns: [/% Invalid input/, /% Incomplete command/, /% Ambiguous command/],
      fields: (c) => {
        const en = escape(c.enabled);
        return {
          ...promptEndingIn(c.enabled + c.user),
          sessionPreparation: ["terminal width 511", "terminal length 0"],
          returnChar: "\n",
          enable: { command: "enable", passwordPrompt: PASSWORD, enabledPattern: new RegExp(`${en}\\s*$`) },
          config: { enter: "configure terminal", exit: "end", inConfigPattern: new RegExp(`\\)\\s*${en}\\s*$`) },
          logout: ["exit"],
        };
      },
      saveDefaults: { requiresEnable: true, mode: "exec", success: /^\s*\[OK\]\s*$|Copy complete/m },
    },
    o,
  );
}

/** Junos-like: `>` / `#`, `[edit]` above the prompt, `configure` / `exit configuration-mode`, `commit`. */
export function junosLike(o: PlatformOptions): Platform {
  return build(
    {
      family: "junos",
      promptChars: { user: ">", enabled: "#" },
      errorText: "syntax error.",
      errorPatterns: [/unknown command\./, /syntax error\./, /^\s*error:/m],
      fields: (c) => ({
        ...promptEndingIn(c.enabled + c.user),
        promptContextLines: /^\s*(?:\[edit[^\]\n]*\]|\{[\w:]+\})\s*$/,
        // root lands in the FreeBSD shell and needs `cli`.
        loginHandlers: [{ prompt: /(?:^|\n)(?:root@[^\n]*)?[%$][ \t]*$/, answer: "cli" }],
        sessionPreparation: ["set cli screen-width 511", "set cli complete-on-space off", "set cli screen-length 0"],
        returnChar: "\n",
        config: {
          enter: "configure",
          exit: "exit configuration-mode",
          inConfigPattern: new RegExp(`${escape(c.enabled)}\\s*$`),
          exitConfirm: [{ prompt: /Exit with uncommitted changes\?[^\n]*$/, answer: "yes" }],
        },
        commit: { command: "commit", success: /commit complete/, inConfigMode: true },
        logout: ["exit"],
      }),
    },
    o,
  );
}

/** VRP-like (Huawei, H3C Comware): `<host>` / `[host]`, `system-view` / `return`, `save`. */
export function vrpLike(o: PlatformOptions): Platform {
  return build(
    {
      family: "vrp",
      promptChars: { user: ">", enabled: "]" },
      errorText: "Error: Unrecognized command found at '^' position.",
      errorPatterns: [/^\s*Error: /m],
      fields: (c) => ({
        ...promptEndingIn(c.user + c.enabled),
        basePromptPattern: /^(?:HRP_.)?[<[][~*]?([^>\]]+)[>\]]\s*$/,
        loginHandlers: [
          { prompt: /(?:Change now|Please choose)[^\n]*$/i, answer: "N" },
          { prompt: /security risks in the configuration file[\s\S]*\[y\/n\][^\n]*$/i, answer: "Y" },
        ],
        sessionPreparation: ["screen-length 0 temporary"],
        returnChar: "\n",
        config: { enter: "system-view", exit: "return", inConfigPattern: new RegExp(`${escape(c.enabled)}\\s*$`) },
        save: { command: "save", confirm: [{ prompt: /[Cc]ontinue\s*\?[^\n]*$/, answer: "y" }] },
        logout: ["quit"],
      }),
    },
    o,
  );
}

/** A Linux shell: `$` / `#`, `sudo -s` for privilege and for "config mode", no save. */
export function linuxShell(o: PlatformOptions): Platform {
  return build(
    {
      family: "linux",
      promptChars: { user: "$", enabled: "#" },
      errorText: "command not found",
      errorPatterns: [/command not found/],
      fields: (c) => {
        const enabled = new RegExp(`${escape(c.enabled)}\\s*$`);
        return {
          ...promptEndingIn(c.user + c.enabled),
          // `user@host:~$` → `user@host`: the working directory is not part of the identity.
          basePromptPattern: /^\[?([^@\s\]]+@[^:\s\]]+)/,
          relearnPromptOnModeChange: true,
          sessionPreparation: [],
          returnChar: "\n",
          enable: { command: "sudo -s", passwordPrompt: PASSWORD, enabledPattern: enabled },
          config: { enter: "sudo -s", exit: "exit", inConfigPattern: enabled, noExitForUser: "root" },
          logout: ["exit"],
        };
      },
    },
    o,
  );
}

/** SR Linux-like: `--{ running }--` above a `#` prompt, a private candidate, `commit stay`. */
export function srlLike(o: PlatformOptions): Platform {
  return build(
    {
      family: "srl",
      promptChars: { user: "#", enabled: "#" },
      errorText: "Parsing error: Unknown token",
      errorPatterns: [/Parsing error/, /^\s*Error:/m],
      fields: (c) => ({
        ...promptEndingIn(c.enabled),
        promptContextLines: /^--\{.*\}--/,
        sessionPreparation: ["environment complete-on-space false", "environment cli-engine type basic"],
        returnChar: "\n",
        config: {
          enter: "enter candidate private",
          exit: "enter running",
          // One space after `{`, flags, one space before `candidate` (netmiko's regex, loosened).
          inConfigPattern: /--\{ [*+! ]*candidate/,
          beforeExit: [{ when: /--\{ [+!]*\*[+!]* ?candidate/, command: "discard stay" }],
          exitAfterConfigSet: false,
        },
        save: { command: "save startup" },
        commit: { command: "commit stay", success: /All changes have been committed/, inConfigMode: true },
        logout: [],
      }),
    },
    o,
  );
}

/** One mode only (Pluribus Netvisor): no enable, no config mode, every change persists. */
export function singleModeCli(o: PlatformOptions): Platform {
  return build(
    {
      family: "single-mode",
      promptChars: { user: ">", enabled: ">" },
      errorText: "Error: unknown command",
      errorPatterns: [/^\s*[Ee]rror\b/m],
      fields: () => ({
        ...promptEndingIn("#>"),
        sessionPreparation: [],
        returnChar: "\n",
        logout: [],
      }),
    },
    o,
  );
}

/** The plain Linux shell netmiko calls `linux` (no vendor owns it). */
export const linux: Platform = linuxShell({ name: "linux", errorPatterns: [/command not found/, /ERROR: Command not found\./] });

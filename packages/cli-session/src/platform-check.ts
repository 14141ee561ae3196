/** The shape a session needs of a Platform, checked without connecting (`ngs plugins check`). */
import type { PlatformFamily } from "./types.js";

export const PLATFORM_FAMILIES: readonly PlatformFamily[] = ["ios", "junos", "vrp", "linux", "srl", "single-mode"];
const BUILDERS = "iosLike, junosLike, vrpLike, linuxShell, srlLike, singleModeCli";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === "string";
const isStrings = (v: unknown): boolean => Array.isArray(v) && v.every(isStr);

/**
 * Every problem with `p` as a platform, as readable sentences (empty: fine).
 * A platform must come from a platform-kit builder (`kit.family`), carry
 * RegExps where the session matches and strings where it sends.
 */
export function platformProblems(p: unknown): string[] {
  if (typeof p === "string") {
    return [`is the name "${p}", not a Platform object: build it with @ngs/cli-session/platform-kit (${BUILDERS})`];
  }
  if (!isObj(p)) return [`is ${p === null ? "null" : typeof p}, not a Platform object built with @ngs/cli-session/platform-kit (${BUILDERS})`];
  const out: string[] = [];
  const regex = (v: unknown, field: string, optional = false): void => {
    if (v === undefined && optional) return;
    if (!(v instanceof RegExp)) out.push(`${field} must be a RegExp`);
  };
  const str = (v: unknown, field: string): void => {
    if (!isStr(v) || v === "") out.push(`${field} must be a non-empty string`);
  };
  if (!isStr(p.name) || !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(p.name)) out.push("name must be letters, digits, _ . - (e.g. acme_os)");
  const kit = p.kit;
  if (!isObj(kit) || !PLATFORM_FAMILIES.includes(kit.family as PlatformFamily)) {
    out.push(`was not built with a platform-kit builder (${BUILDERS}): kit.family is missing or unknown`);
  }
  regex(p.promptPattern, "promptPattern");
  regex(p.basePromptPattern, "basePromptPattern", true);
  regex(p.promptContextLines, "promptContextLines", true);
  if (!isStrings(p.sessionPreparation)) out.push("sessionPreparation must be a list of strings");
  if (!isStrings(p.logout)) out.push("logout must be a list of strings");
  if (!["\n", "\r", "\r\n"].includes(p.returnChar as string)) out.push('returnChar must be "\\n", "\\r" or "\\r\\n"');
  if (!Array.isArray(p.errorPatterns) || p.errorPatterns.length === 0) out.push("errorPatterns must list at least one RegExp");
  else p.errorPatterns.forEach((e, i) => regex(e, `errorPatterns[${i}]`));
  const steps = (v: unknown, field: string): void => {
    if (v === undefined) return;
    if (!Array.isArray(v)) return void out.push(`${field} must be a list`);
    v.forEach((s, i) => {
      regex(isObj(s) ? s.prompt : undefined, `${field}[${i}].prompt`);
      const a = isObj(s) ? s.answer : undefined;
      if (!isStr(a) && !(isObj(a) && ["username", "password", "secret"].includes(a.credential as string))) out.push(`${field}[${i}].answer must be a string`);
    });
  };
  steps(p.loginHandlers, "loginHandlers");
  if (p.enable !== undefined) {
    const e = isObj(p.enable) ? p.enable : {};
    str(e.command, "enable.command");
    regex(e.passwordPrompt, "enable.passwordPrompt");
    regex(e.enabledPattern, "enable.enabledPattern");
  }
  if (p.config !== undefined) {
    const c = isObj(p.config) ? p.config : {};
    str(c.enter, "config.enter");
    str(c.exit, "config.exit");
    regex(c.inConfigPattern, "config.inConfigPattern");
    steps(c.exitConfirm, "config.exitConfirm");
  }
  if (p.save !== undefined) {
    const s = isObj(p.save) ? p.save : {};
    str(s.command, "save.command");
    steps(s.confirm, "save.confirm");
    regex(s.success, "save.success", true);
    regex(s.failure, "save.failure", true);
  }
  if (p.commit !== undefined) {
    const c = isObj(p.commit) ? p.commit : {};
    str(c.command, "commit.command");
    regex(c.success, "commit.success");
  }
  if (out.length === 0 && isObj(kit)) {
    const chars = isObj(kit.promptChars) ? kit.promptChars : {};
    const pattern = p.promptPattern as RegExp;
    for (const c of [chars.user, chars.enabled]) {
      if (!isStr(c) || !pattern.test(`\nsw1${c} `)) out.push(`promptPattern does not match the prompt "sw1${String(c)}"`);
    }
    const text = kit.errorText;
    if (!isStr(text) || !(p.errorPatterns as RegExp[]).some((r) => r.test(text))) {
      out.push(`no errorPatterns entry matches the device's error text ${JSON.stringify(text)}`);
    }
  }
  return out;
}

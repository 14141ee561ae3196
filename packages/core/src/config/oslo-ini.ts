/**
 * A reader for oslo.config's ini dialect (oslo_config.iniparser), which is
 * what upstream's config files are written in. The `ini` package differs in
 * ways that change an operator's config (see the README): it keeps the last
 * of a repeated key, turns `true` into a boolean, cuts `# ...` off a value
 * and reads continuation lines as keys; and it gives no line numbers.
 *
 * Rules, as oslo applies them:
 * - a line whose first character is `#` or `;` is a comment; there are no
 *   inline comments (`a = b # c` has the value `b # c`);
 * - `[name]` starts a section (the line must end with `]`);
 * - `key = value` or `key: value` (whichever separator comes first); key and
 *   value are stripped; one pair of matching outer quotes is removed;
 * - a line starting with a blank continues the previous value (joined with `\n`);
 *   a blank line ends it;
 * - every value of a repeated key is kept, in order; a section repeated in
 *   one file adds to the same section.
 *
 * Where ngs is stricter than oslo (each an error with its line number):
 * - an indented line that reads `key = value` is refused rather than
 *   appended to the previous value (a stray blank turned `password = …`
 *   into part of the username);
 * - a section name or key with a control or invisible character (an ANSI
 *   escape would act on the terminal that prints it) is refused;
 * - a value longer than `MAX_VALUE_LENGTH` is refused and dropped;
 * - a line that may hold a credential is never quoted in an error.
 */

import { isCredentialKey } from "./keys.js";
import { hasInvisible, showValue } from "../validation.js";

/** The longest value accepted (a list of a few hundred ports fits; a 10 MB paste does not). */
export const MAX_VALUE_LENGTH = 16384;

/** An indented line that looks like a `key = value` of its own (`  password = x`, `  port: 22`). */
const KEY_VALUE_LINE = /^([A-Za-z_][\w.-]*)\s*(?:=|:\s)/;

export interface IniValue {
  value: string;
  line: number;
}

export interface IniSection {
  name: string;
  /** The line of the section's first header in this file. */
  line: number;
  /** Every value of each key, in file order. */
  values: Map<string, IniValue[]>;
}

export interface IniSyntaxError {
  line: number;
  message: string;
}

export interface ParsedIni {
  sections: Map<string, IniSection>;
  errors: IniSyntaxError[];
}

export function parseOsloIni(text: string): ParsedIni {
  const sections = new Map<string, IniSection>();
  const errors: IniSyntaxError[] = [];
  let section: IniSection | undefined;
  // The value being built, so continuation lines can extend it.
  let current: { key: string; parts: string[]; target: IniValue; list: IniValue[] } | undefined;
  // Drop an overlong value (so nothing downstream works on it) and say so, without quoting it.
  const tooLong = (key: string, target: IniValue, lineNo: number) => {
    errors.push({
      line: lineNo,
      message: `the value of ${JSON.stringify(key)} is longer than ${MAX_VALUE_LENGTH} characters (${target.value.length}); it is ignored`,
    });
    const list = current?.list;
    if (list) list.splice(list.indexOf(target), 1);
    if (list?.length === 0) section?.values.delete(key);
    current = undefined;
    skipping = true;
  };
  // After an overlong value, its further continuation lines are dropped without an error each.
  let skipping = false;
  // Inside a section refused for its name: its keys are dropped without an error each.
  let ignoredSection = false;

  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  lines.forEach((rawLine, i) => {
    const lineNo = i + 1;
    const line = rawLine.trimEnd();
    if (line === "") {
      current = undefined;
      skipping = false;
      return;
    }
    if (/^\s/.test(line) && skipping) return;
    skipping = false;
    if (/^\s/.test(line)) {
      const looksLikeKey = KEY_VALUE_LINE.exec(line.trimStart());
      if (current && looksLikeKey) {
        errors.push({
          line: lineNo,
          message: `indented line "${looksLikeKey[1]} = …" would continue the value of ${JSON.stringify(current.key)} (oslo.config reads a line starting with a blank as a continuation): remove the leading blank`,
        });
        current = undefined;
      } else if (current) {
        current.parts.push(line.trimStart());
        current.target.value = current.parts.join("\n");
        if (current.target.value.length > MAX_VALUE_LENGTH) tooLong(current.key, current.target, lineNo);
      } else {
        errors.push({ line: lineNo, message: "unexpected indented line (a continuation with no key before it)" });
      }
      return;
    }
    current = undefined;
    if (line[0] === "#" || line[0] === ";") return;
    if (line[0] === "[") {
      if (!line.endsWith("]")) {
        errors.push({ line: lineNo, message: `invalid section header ${JSON.stringify(line)} (must end with ])` });
        section = undefined;
        return;
      }
      const name = line.slice(1, -1).trim();
      if (name === "") {
        errors.push({ line: lineNo, message: "empty section name" });
        section = undefined;
        return;
      }
      if (hasInvisible(name)) {
        errors.push({ line: lineNo, message: `section name ${showValue(name)} has a control or invisible character; the section is ignored` });
        section = undefined;
        ignoredSection = true;
        return;
      }
      ignoredSection = false;
      section = sections.get(name);
      if (!section) {
        section = { name, line: lineNo, values: new Map() };
        sections.set(name, section);
      }
      return;
    }
    const colon = line.indexOf(":");
    const equal = line.indexOf("=");
    if (colon < 0 && equal < 0) {
      // `password SimPassw0rd` (no `=`) must not end up in a log: quote the line only when no word of it looks like a credential key.
      const secretish = line.split(/\s+/).some((w) => isCredentialKey(w));
      errors.push({
        line: lineNo,
        message: secretish
          ? 'expected "key = value" (the line is not shown: it may hold a credential)'
          : `expected "key = value", got ${showValue(line)}`,
      });
      return;
    }
    const sep = colon < 0 ? equal : equal < 0 ? colon : Math.min(colon, equal);
    const key = line.slice(0, sep).trim();
    let value = line.slice(sep + 1).trim();
    if (key === "") {
      errors.push({ line: lineNo, message: "empty key" });
      return;
    }
    if (hasInvisible(key)) {
      errors.push({ line: lineNo, message: `key ${showValue(key)} has a control or invisible character` });
      return;
    }
    if (!section && ignoredSection) return; // reported once, at its header
    if (!section) {
      errors.push({ line: lineNo, message: `key ${JSON.stringify(key)} appears before any [section]` });
      return;
    }
    if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value[value.length - 1] === value[0]) {
      value = value.slice(1, -1);
    }
    const target: IniValue = { value, line: lineNo };
    let list = section.values.get(key);
    if (list) list.push(target);
    else section.values.set(key, (list = [target]));
    current = { key, parts: [value], target, list };
    if (value.length > MAX_VALUE_LENGTH) tooLong(key, target, lineNo);
  });
  return { sections, errors };
}

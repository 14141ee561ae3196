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
 */

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
  let current: { parts: string[]; target: IniValue } | undefined;

  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  lines.forEach((rawLine, i) => {
    const lineNo = i + 1;
    const line = rawLine.trimEnd();
    if (line === "") {
      current = undefined;
      return;
    }
    if (/^\s/.test(line)) {
      if (current) {
        current.parts.push(line.trimStart());
        current.target.value = current.parts.join("\n");
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
      errors.push({ line: lineNo, message: `expected "key = value", got ${JSON.stringify(line)}` });
      return;
    }
    const sep = colon < 0 ? equal : equal < 0 ? colon : Math.min(colon, equal);
    const key = line.slice(0, sep).trim();
    let value = line.slice(sep + 1).trim();
    if (key === "") {
      errors.push({ line: lineNo, message: "empty key" });
      return;
    }
    if (!section) {
      errors.push({ line: lineNo, message: `key ${JSON.stringify(key)} appears before any [section]` });
      return;
    }
    if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value[value.length - 1] === value[0]) {
      value = value.slice(1, -1);
    }
    const target: IniValue = { value, line: lineNo };
    const list = section.values.get(key);
    if (list) list.push(target);
    else section.values.set(key, [target]);
    current = { parts: [value], target };
  });
  return { sections, errors };
}

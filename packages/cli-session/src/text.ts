/** Text helpers: line-ending normalisation, ANSI stripping, secret scrubbing. */

// Cursor moves, erase, colours, private modes (?25h, ?7l, ?2004h), queries (6n, c), charset selects, keypad modes, OSC titles.
const ANSI_RE =
  /\x1b\[\??[0-9;]*[A-KSTfhlmnsuJcr]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][A-Za-z0-9]|\x1b[=>78DM]/g;
const ANSI_NEWLINE_RE = /\x1bE/g;
const ANSI_INSERT_LINES_RE = /\x1b\[(\d*)L/g;
// Huawei echoes "space + cursor left"; the pair is noise.
const HUAWEI_SPACE_LEFT_RE = / \x1b\[1D/g;
// An escape sequence cut at the end of a chunk: hold it for the next one.
const PARTIAL_ESC_RE = /\x1b(?:\[[0-9;?]*|\][^\x07\x1b]*|[()])?$/;

export function stripAnsi(text: string): string {
  // Most chunks carry no escape at all: skip the four passes.
  if (!text.includes("\x1b")) return text;
  return text
    .replace(HUAWEI_SPACE_LEFT_RE, "")
    .replace(ANSI_NEWLINE_RE, "\n")
    .replace(ANSI_INSERT_LINES_RE, (_m, n: string) => "\n".repeat(Math.max(1, Number(n || "1"))))
    .replace(ANSI_RE, "");
}

export function normaliseLineEndings(text: string): string {
  if (!text.includes("\r")) return text;
  return text.replace(/\r+\n\r?|\n\r/g, "\n").replace(/\r/g, "\n");
}

/**
 * Streaming cleaner: feeds raw chunks, returns normalised text. A trailing
 * `\r` or an unfinished escape sequence is held until the next chunk so that
 * `\r\n` and `ESC[K` are never split.
 */
export class OutputCleaner {
  private held = "";
  /** The previous piece ended with a line break: a lone `\r` at the start of the next belongs to it (`\n\r`). */
  private afterNewline = false;

  push(chunk: string): string {
    let text = this.held + chunk;
    this.held = "";
    const partial = text.includes("\x1b") ? PARTIAL_ESC_RE.exec(text) : null;
    if (partial) {
      this.held = partial[0];
      text = text.slice(0, partial.index);
    }
    text = stripAnsi(text);
    if (text.endsWith("\r")) {
      this.held = "\r" + this.held;
      text = text.slice(0, -1);
    }
    return this.clean(text);
  }

  /** Releases whatever is held (at close). */
  flush(): string {
    const text = stripAnsi(this.held);
    this.held = "";
    return this.clean(text);
  }

  private clean(text: string): string {
    if (!text) return "";
    // `\n\r` split across chunks; also bash's bracketed-paste-off sequence between `\r\n` and a `\r`.
    if (this.afterNewline && text.startsWith("\r") && !text.startsWith("\r\n")) text = text.slice(1);
    this.afterNewline = text.endsWith("\n");
    // NUL (netmiko's keep-alive probe) and backspaces (IOS line wrap) carry no text.
    const lines = normaliseLineEndings(text);
    return lines.includes("\x00") || lines.includes("\x08") ? lines.replace(/[\x00\x08]/g, "") : lines;
  }
}

/** Replaces every occurrence of each secret with `********`. */
export class Redactor {
  private readonly secrets: string[];

  constructor(secrets: (string | undefined)[]) {
    // Longest first so a secret containing another is replaced whole.
    this.secrets = [...new Set(secrets.filter((s): s is string => typeof s === "string" && s.length > 0))].sort(
      (a, b) => b.length - a.length,
    );
  }

  scrub(text: string): string {
    let out = text;
    for (const s of this.secrets) out = out.split(s).join("********");
    return out;
  }
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The last `n` characters, cut at a line start when possible. */
export function tail(text: string, n = 500): string {
  if (text.length <= n) return text;
  const cut = text.slice(-n);
  const nl = cut.indexOf("\n");
  return nl >= 0 && nl < 80 ? cut.slice(nl + 1) : cut;
}

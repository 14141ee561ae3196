// Output cleaning and redaction on split chunks (what arrives over SSH is cut anywhere).
import { describe, expect, it } from "vitest";
import { OutputCleaner, Redactor, Transcript, stripAnsi } from "@ngs/cli-session";

function feed(chunks: string[]): string {
  const c = new OutputCleaner();
  return chunks.map((x) => c.push(x)).join("") + c.flush();
}

describe("output cleaning", () => {
  it("normalises line endings even when \\r\\n is split across chunks", () => {
    expect(feed(["line1\r", "\nline2\r\r\n", "line3\n\r", "sw1#"])).toBe("line1\nline2\nline3\nsw1#");
    expect(feed(["a\rb"])).toBe("a\nb");
  });

  it("strips ANSI sequences, also when cut in the middle", () => {
    expect(feed(["\x1b[?2004hroot@h:~# \x1b[", "?2004l\r\n"])).toBe("root@h:~# \n");
    expect(feed(["\x1b[1;32mgreen\x1b[0m \x1b[K", "\x1b[2J\x1b[10;20Hx"])).toBe("green x");
    // bash: echo line, bracketed-paste off, lone CR: one line break, not two.
    expect(feed(["id\r\n", "\x1b[?2004l\r", "root\r\n"])).toBe("id\nroot\n");
  });

  it("turns ESC E and ESC[nL into newlines and drops Huawei's space + cursor-left", () => {
    expect(stripAnsi("a\x1bEb")).toBe("a\nb");
    expect(stripAnsi("a\x1b[2Lb")).toBe("a\n\nb");
    expect(stripAnsi("<HUAWEI> \x1b[1Dsave")).toBe("<HUAWEI>save");
  });

  it("drops NUL and backspace", () => {
    expect(feed(["ab\x00c\x08d"])).toBe("abcd");
  });
});

describe("Redactor", () => {
  it("replaces every secret, longest first", () => {
    const r = new Redactor(["abc", "abcdef", undefined, ""]);
    expect(r.scrub("x abcdef y abc z")).toBe("x ******** y ******** z");
  });
});

describe("Transcript", () => {
  it("never writes a secret, even when it arrives split over many chunks", async () => {
    const secret = "S3cr3t-Value";
    const out: string[] = [];
    const t = new Transcript({ write: (x) => out.push(x) }, [secret], new Redactor([secret]));
    const text = `show run\nenable secret ${secret}\nusername x password ${secret}${secret}\nsw1#`;
    // Every possible cut: one character at a time.
    for (const ch of text) t.push(ch);
    await t.close();
    const all = out.join("");
    expect(all).not.toContain(secret);
    expect(all).toBe(text.split(secret).join("********"));
    // Nothing in any single write either.
    for (const piece of out) expect(piece).not.toContain(secret);
  });
});

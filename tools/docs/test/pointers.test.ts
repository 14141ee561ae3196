// Source comments and READMEs point into docs/ as `docs/<file>.md#<section>`;
// every such pointer must name a file and a heading that exist, and nothing
// may cite the old out-of-tree reference document by section number again.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
/** Split so this file does not match itself. */
const OLD_CITATION = "reference " + "\u00a7";
const SKIP = new Set(["node_modules", "dist", ".turbo", "coverage"]);

function* sources(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(e.name) || e.name.startsWith(".")) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* sources(p);
    else if (/\.(ts|js|md|py)$/.test(e.name)) yield p;
  }
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, "").replace(/ /g, "-");

function anchors(doc: string): Set<string> {
  return new Set([...readFileSync(doc, "utf8").matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1]!)));
}

it("every docs/ pointer in the sources names an existing file and section", () => {
  const bad: string[] = [];
  let seen = 0;
  for (const top of ["packages", "tools", "integrations"]) {
    for (const file of sources(join(ROOT, top))) {
      const text = readFileSync(file, "utf8");
      const where = relative(ROOT, file);
      if (text.includes(OLD_CITATION)) bad.push(`${where}: cites "${OLD_CITATION}"`);
      for (const m of text.matchAll(/docs\/([\w-]+\.md)#([\w-]+)/g)) {
        seen++;
        const doc = join(ROOT, "docs", m[1]!);
        if (!existsSync(doc)) bad.push(`${where}: docs/${m[1]} does not exist`);
        else if (!anchors(doc).has(m[2]!)) bad.push(`${where}: docs/${m[1]} has no section #${m[2]}`);
      }
    }
  }
  expect(bad).toEqual([]);
  expect(seen).toBeGreaterThan(50);
});

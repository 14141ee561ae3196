// docs/writing-a-plugin.md shows the example plugin's files verbatim; they
// must stay equal to the fixture that packages/core/test/third-party-plugin.test.ts
// packs, installs and runs against the simulator.
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

it("every file shown in docs/writing-a-plugin.md is the fixture's file, verbatim", async () => {
  const doc = await readFile(join(ROOT, "docs", "writing-a-plugin.md"), "utf8");
  const shown = [...doc.matchAll(/<!-- file:(\S+) -->\n```\w*\n([\s\S]*?)\n```/g)];
  expect(shown.map((m) => m[1])).toEqual([
    "packages/core/test/fixtures/third-party/package.json",
    "packages/core/test/fixtures/third-party/acme.js",
  ]);
  for (const [, path, body] of shown) {
    expect(body, `${path} differs from its copy in docs/writing-a-plugin.md`).toBe((await readFile(join(ROOT, path!), "utf8")).trimEnd());
  }
});

// docs/upstream.md's generated sections must equal what the code plans today,
// so the doc cannot drift from the device plugins. To refresh them after a
// deliberate change: `pnpm --filter @ngs/docs-check update` (NGS_UPDATE_DOCS=1).
import { readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { renderCommandLists, renderOptionDefaults } from "./tables.js";

const DOC = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "docs", "upstream.md");

function between(text: string, name: string): { start: number; end: number } {
  const open = `<!-- generated:${name} -->\n`;
  const close = `<!-- /generated:${name} -->`;
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  if (start < 0 || end < start) throw new Error(`docs/upstream.md lacks the markers ${open.trim()} … ${close}`);
  return { start: start + open.length, end };
}

async function check(name: string, rendered: string): Promise<void> {
  const text = await readFile(DOC, "utf8");
  const { start, end } = between(text, name);
  if (process.env.NGS_UPDATE_DOCS === "1") {
    await writeFile(DOC, text.slice(0, start) + rendered + text.slice(end));
    return;
  }
  expect(text.slice(start, end), `docs/upstream.md section "${name}" is stale: run pnpm --filter @ngs/docs-check update`).toBe(rendered);
}

it("the command lists per device type are what each device plans", async () => {
  const rendered = await renderCommandLists();
  expect(rendered).toContain("### netmiko_cisco_ios");
  await check("command-lists", rendered);
});

it("the option defaults are what the base parses from an empty section", async () => {
  await check("option-defaults", renderOptionDefaults());
});

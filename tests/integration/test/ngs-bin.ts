// The `ngs` command as installed: the `bin` entry of @ngs/cli's manifest.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const manifest = createRequire(import.meta.url).resolve("@ngs/cli/package.json");
const { bin } = JSON.parse(readFileSync(manifest, "utf8")) as { bin: { ngs: string } };
export const NGS_BIN = join(dirname(manifest), bin.ngs);

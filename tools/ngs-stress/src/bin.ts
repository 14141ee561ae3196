#!/usr/bin/env node
/** `ngs-stress`: see USAGE in args.ts. Exit 0 when every operation succeeded, 1 otherwise, 2 on bad input. */
import { GenericSwitchException } from "@ngs/core";
import { parseStressArgs, USAGE } from "./args.js";
import { formatReport } from "./report.js";
import { runStress } from "./run.js";

async function main(): Promise<number> {
  let opts;
  try {
    opts = parseStressArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }
  if (!opts) {
    process.stdout.write(USAGE);
    return 0;
  }
  try {
    const result = await runStress(opts);
    process.stdout.write(opts.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatReport(result)}\n`);
    return result.total.errors === 0 && result.total.skipped === 0 ? 0 : 1;
  } catch (e) {
    const name = e instanceof GenericSwitchException ? "" : "ngs-stress: ";
    process.stderr.write(`${name}${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
}

// Exit explicitly: pooled sessions or coordination clients must not keep a finished run alive.
main().then((code) => process.exit(code));

import type { CommandInput } from "../command.js";
import { openSwitches } from "../switches.js";

export const options = {} as const;

interface CheckableSession {
  enable(): Promise<unknown>;
  configMode?(): Promise<unknown>;
  exitConfigMode?(): Promise<unknown>;
  sendConfigSet(lines: readonly string[]): Promise<string>;
  close(): Promise<void>;
}

/** Log in, enable, enter and leave config mode, log out: per switch, "ok" or the error. */
export async function run(input: CommandInput): Promise<number> {
  const names = input.positionals.length ? input.positionals : "all";
  const opened = await openSwitches(input.global, "check", names, { connect: true });
  let failed = 0;
  try {
    const results = await Promise.all(
      [...opened.devices].map(async ([name, device]) => {
        const d = device as unknown as { openSession?: () => Promise<CheckableSession> };
        if (typeof d.openSession !== "function") return { name, ok: true, note: "ok (no SSH session: nothing to check)" };
        let session: CheckableSession | undefined;
        try {
          session = await d.openSession();
          await session.enable();
          if (session.configMode && session.exitConfigMode) {
            await session.configMode();
            await session.exitConfigMode();
          } else {
            await session.sendConfigSet([]);
          }
          return { name, ok: true, note: "ok" };
        } catch (e) {
          return { name, ok: false, note: `error: ${(e as Error).message ?? String(e)}` };
        } finally {
          await session?.close().catch(() => undefined);
        }
      }),
    );
    for (const r of results) {
      if (!r.ok) failed++;
      process.stdout.write(`${r.name}: ${r.note}\n`);
    }
  } finally {
    await opened.close();
  }
  return failed ? 1 : 0;
}

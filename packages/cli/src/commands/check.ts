import type { CommandInput } from "../command.js";
import { JSON_OPTION, reportFailure, writeJsonResults, type SwitchResult } from "../operate.js";
import { openSwitches } from "../switches.js";

export const options = { ...JSON_OPTION } as const;

interface Checkable {
  check(): Promise<{ hostKeyFingerprint?: string }>;
}

/**
 * Log in, enable, enter and leave config mode, log out: per switch "ok" with
 * the host key it presented (to pin as ngs_host_key_fingerprint), or one
 * error line on stderr.
 */
export async function run(input: CommandInput): Promise<number> {
  const names = input.positionals.length ? input.positionals : "all";
  const json = Boolean(input.values.json);
  const opened = await openSwitches(input.global, "check", names, { connect: true });
  let results: SwitchResult[];
  try {
    results = await Promise.all(
      [...opened.devices].map(async ([name, device]): Promise<SwitchResult> => {
        const base = { switch: name, device_type: device.deviceType };
        const d = device as unknown as Partial<Checkable>;
        if (typeof d.check !== "function") return { ...base, status: "ok", note: "no SSH session: nothing to check" };
        try {
          const { hostKeyFingerprint } = await d.check();
          return { ...base, status: "ok", ...(hostKeyFingerprint ? { host_key_fingerprint: hostKeyFingerprint } : {}) };
        } catch (e) {
          opened.logger.child({ switch: name }).debug({ err: e }, "check failed");
          return { ...base, status: "failed", error: { type: (e as Error).name, message: (e as Error).message }, cause: e };
        }
      }),
    );
  } finally {
    await opened.close();
  }
  for (const r of results) {
    if (r.status === "failed") reportFailure(r.switch, "check", r.cause);
    else if (!json) {
      const fp = r.host_key_fingerprint ? ` (host key ${String(r.host_key_fingerprint)})` : r.note ? ` (${String(r.note)})` : "";
      process.stdout.write(`${r.switch}: ok${fp}\n`);
    }
    delete r.cause;
  }
  if (json) writeJsonResults("check", results);
  return results.some((r) => r.status === "failed") ? 1 : 0;
}

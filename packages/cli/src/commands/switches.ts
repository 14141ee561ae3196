import type { CommandInput } from "../command.js";
import { loadCheckedConfig } from "../runtime.js";
import { formatTable } from "../table.js";

export const options = { json: { type: "boolean" } } as const;

/** Name, device type, address and physnets of every configured switch; never credentials. */
export async function run({ positionals, values, global }: CommandInput): Promise<number> {
  if (positionals.length > 0) {
    const { UsageError } = await import("../errors.js");
    throw new UsageError(`unexpected argument '${positionals[0]}'`, "switches");
  }
  const config = await loadCheckedConfig(global, "switches");
  const rows = [...config.devices].map(([name, dev]) => ({
    name,
    device_type: dev.device_type ?? "",
    host: dev.host || dev.ip || "",
    // Shown as written when it is not a number: `ngs check` reports it as a config error.
    port: !dev.port ? 22 : /^\d+$/.test(dev.port.trim()) ? Number(dev.port) : dev.port,
    physical_networks: (dev.ngs_physical_networks ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  }));
  if (values.json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  } else if (rows.length === 0) {
    process.stdout.write("No switches configured (no [genericswitch:NAME] sections).\n");
  } else {
    process.stdout.write(
      `${formatTable(
        ["NAME", "DEVICE TYPE", "HOST", "PORT", "PHYSICAL NETWORKS"],
        rows.map((r) => [r.name, r.device_type, r.host, String(r.port), r.physical_networks.join(",") || "(all)"]),
      )}\n`,
    );
  }
  return 0;
}

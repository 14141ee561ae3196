import type { CommandInput } from "./command.js";
import type { CliOperation, GenericSwitchDevice, OperationArgs } from "./core.js";
import { validateNetworkId, validateVlanId } from "./core.js";
import { EXIT_USAGE, UsageError, exitCodeFor } from "./errors.js";
import { openSwitches } from "./switches.js";

/** The device operations `ngs` offers (a subset of what a CLI switch can plan). */
export type HostOperation = Extract<
  CliOperation,
  | "addNetwork"
  | "delNetwork"
  | "plugPortToNetwork"
  | "deletePort"
  | "plugBondToNetwork"
  | "unplugBondFromNetwork"
  | "addSubportsOnTrunk"
  | "delSubportsOnTrunk"
>;

/** One operation on one switch: what `plan()` and the device method both take. */
export type Operation = { [K in HostOperation]: { op: K; args: OperationArgs[K] } }[HostOperation];

export const DRY_RUN_OPTION = { "dry-run": { type: "boolean" } } as const;
/** `--json`: one JSON document on stdout for the whole run. */
export const JSON_OPTION = { json: { type: "boolean" } } as const;

/** What one switch did, as `--json` prints it. */
export interface SwitchResult {
  switch: string;
  device_type?: string;
  status: "ok" | "skipped" | "failed";
  [key: string]: unknown;
}

/** The `--json` document of a run: every switch's result, and whether all went well. */
export function writeJsonResults(command: string, results: readonly { status: string }[], extra: Record<string, unknown> = {}): void {
  const ok = results.every((r) => r.status !== "failed");
  process.stdout.write(`${JSON.stringify({ command, ok, ...extra, results }, null, 2)}\n`);
}

/** The one human line a failure gets on stderr. */
export function reportFailure(name: string, what: string, e: unknown): void {
  process.stderr.write(`ngs: error: ${name}: ${what} failed: ${e instanceof Error ? e.message : String(e)}\n`);
}

/** `VLAN...` values: each valid, none repeated. */
export function vlanListArg(values: readonly string[], what: string, command: string): number[] {
  const vlans = values.map((v) => vlanArg(v, what, command));
  const dup = vlans.find((v, i) => vlans.indexOf(v) !== i);
  if (dup !== undefined) throw new UsageError(`${what} ${dup} is given more than once`, command);
  return vlans;
}

export function vlanArg(v: string | undefined, what: string, command: string): number {
  if (v === undefined) throw new UsageError(`missing ${what}`, command);
  try {
    return validateVlanId(v, what);
  } catch (e) {
    throw new UsageError((e as Error).message, command);
  }
}

export function networkIdArg(v: string | undefined, command: string): string {
  if (v === undefined) throw new UsageError("missing NETWORK_ID (a UUID)", command);
  try {
    return validateNetworkId(v, "NETWORK_ID");
  } catch (e) {
    throw new UsageError((e as Error).message, command);
  }
}

/** Call the device method an operation names. */
export function perform(device: GenericSwitchDevice, o: Operation): Promise<unknown> {
  switch (o.op) {
    case "addNetwork":
      return device.addNetwork(o.args.segmentationId, o.args.networkId);
    case "delNetwork":
      return device.delNetwork(o.args.segmentationId, o.args.networkId);
    case "plugPortToNetwork":
      return device.plugPortToNetwork(o.args.port, o.args.segmentationId, portOptions(o.args));
    case "deletePort":
      return device.deletePort(o.args.port, o.args.segmentationId, portOptions(o.args));
    case "plugBondToNetwork":
      return device.plugBondToNetwork(o.args.bond, o.args.segmentationId, portOptions(o.args));
    case "unplugBondFromNetwork":
      return device.unplugBondFromNetwork(o.args.bond, o.args.segmentationId, portOptions(o.args));
    case "addSubportsOnTrunk":
      return device.addSubportsOnTrunk(o.args.bindingProfile, o.args.portId, o.args.subports, o.args.trunkDetails ?? null);
    case "delSubportsOnTrunk":
      return device.delSubportsOnTrunk(o.args.bindingProfile, o.args.portId, o.args.subports, o.args.trunkDetails ?? null);
  }
}

function portOptions(a: { trunkDetails?: unknown; defaultVlan?: unknown }) {
  const out: { trunkDetails?: OperationArgs["plugPortToNetwork"]["trunkDetails"]; defaultVlan?: number | string | null } = {};
  if (a.trunkDetails) out.trunkDetails = a.trunkDetails as OperationArgs["plugPortToNetwork"]["trunkDetails"];
  if (a.defaultVlan != null) out.defaultVlan = a.defaultVlan as number;
  return out;
}

interface Plannable {
  plan(op: CliOperation, args: unknown): { operation: string; commands: string[]; save: string[]; queries?: string[]; skipped?: string };
}

/**
 * Run (or with --dry-run, plan) one operation on each named switch. A dry
 * run prints one JSON object per switch and contacts nothing. Every switch
 * is tried; the exit code is 1 if any failed.
 */
export async function runOperation(
  input: CommandInput,
  command: string,
  names: readonly string[] | "all",
  operation: Operation,
): Promise<number> {
  const dryRun = Boolean(input.values["dry-run"]);
  const json = Boolean(input.values.json);
  const opened = await openSwitches(input.global, command, names, { connect: !dryRun });
  const results: SwitchResult[] = [];
  const what = describe(operation);
  try {
    for (const [name, device] of opened.devices) {
      const log = opened.logger.child({ switch: name });
      try {
        if (dryRun) {
          const p = device as unknown as Partial<Plannable>;
          if (typeof p.plan !== "function") {
            throw new UsageError(`--dry-run: switch ${name} (${device.deviceType}) cannot show its commands (it is not a CLI switch)`, command);
          }
          const plan = p.plan(operation.op, operation.args);
          const shown = {
            switch: name,
            device_type: device.deviceType,
            operation: plan.operation,
            // Read-only queries some vendors run first (Brocade's port query); only a live run knows their answer.
            queries: plan.queries ?? [],
            commands: plan.commands,
            save: plan.save,
            ...(plan.skipped ? { skipped: plan.skipped } : {}),
          };
          results.push({ ...shown, status: plan.skipped ? "skipped" : "ok" });
          if (!json) process.stdout.write(`${JSON.stringify(shown)}\n`);
          continue;
        }
        log.info({ operation: operation.op }, `${what}: starting`);
        await perform(device, operation);
        // An option that turns the change off on purpose: said, never passed off as "ok".
        const skipped = device.skipReason(operation.op);
        log.info({ operation: operation.op, ...(skipped ? { skipped } : {}) }, `${what}: ${skipped ? "skipped" : "done"}`);
        results.push({ switch: name, device_type: device.deviceType, status: skipped ? "skipped" : "ok", ...(skipped ? { reason: skipped } : {}) });
        if (!json) process.stdout.write(`${name}: ${what}: ${skipped ? `skipped (${skipped})` : "ok"}\n`);
      } catch (e) {
        // Bad input is refused before anything is sent: a usage error, not a switch failure.
        if (exitCodeFor(e) === EXIT_USAGE) throw e;
        // The error is the report (one line below); details for whoever asks for debug.
        log.debug({ operation: operation.op, err: e }, `${what}: failed`);
        reportFailure(name, what, e);
        results.push({ switch: name, device_type: device.deviceType, status: "failed", error: { type: (e as Error).name, message: (e as Error).message } });
      }
    }
  } finally {
    await opened.close();
  }
  if (json) writeJsonResults(command, results, { operation: what, ...(dryRun ? { dry_run: true } : {}) });
  return results.some((r) => r.status === "failed") ? 1 : 0;
}

export function describe(o: Operation): string {
  const a = o.args as Record<string, unknown>;
  switch (o.op) {
    case "addNetwork":
    case "delNetwork":
      return `${o.op === "addNetwork" ? "add" : "delete"} network VLAN ${a.segmentationId} (${a.networkId})`;
    case "plugPortToNetwork":
    case "plugBondToNetwork":
      return `plug ${o.op === "plugBondToNetwork" ? "bond" : "port"} ${a.port ?? a.bond} into VLAN ${a.segmentationId}`;
    case "deletePort":
    case "unplugBondFromNetwork":
      return `unplug ${o.op === "unplugBondFromNetwork" ? "bond" : "port"} ${a.port ?? a.bond} from VLAN ${a.segmentationId}`;
    case "addSubportsOnTrunk":
    case "delSubportsOnTrunk":
      return `${o.op === "addSubportsOnTrunk" ? "add" : "remove"} trunk VLANs ${(a.subports as { segmentation_id: unknown }[])
        .map((s) => s.segmentation_id)
        .join(",")} on ${a.portId}`;
  }
}

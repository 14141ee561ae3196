import type { CommandInput } from "../command.js";
import { UsageError } from "../errors.js";
import { DRY_RUN_OPTION, JSON_OPTION, runOperation, vlanArg, vlanListArg, type Operation } from "../operate.js";

export const options = {
  ...DRY_RUN_OPTION,
  ...JSON_OPTION,
  bond: { type: "boolean" },
  subport: { type: "string", multiple: true },
  "default-vlan": { type: "string" },
} as const;

export async function run(input: CommandInput): Promise<number> {
  const [action, ...rest] = input.positionals;
  if (action !== "plug" && action !== "unplug") throw new UsageError(`expected 'plug' or 'unplug', got ${action === undefined ? "nothing" : `'${action}'`}`, "port");
  if (rest.length !== 3) throw new UsageError(`port ${action} takes SWITCH PORT VLAN (got ${rest.length} argument${rest.length === 1 ? "" : "s"})`, "port");
  const [sw, port, vlan] = rest as [string, string, string];
  const segmentationId = vlanArg(vlan, "VLAN", "port");
  const subports = vlanListArg((input.values.subport as string[] | undefined) ?? [], "--subport VLAN", "port").map((v) => ({ segmentation_id: v }));
  const dv = input.values["default-vlan"] as string | undefined;
  const extra = {
    ...(subports.length ? { trunkDetails: { sub_ports: subports } } : {}),
    ...(dv !== undefined ? { defaultVlan: vlanArg(dv, "--default-vlan VLAN", "port") } : {}),
  };
  const bond = Boolean(input.values.bond);
  let operation: Operation;
  if (action === "plug") {
    operation = bond
      ? { op: "plugBondToNetwork", args: { bond: port, segmentationId, ...extra } }
      : { op: "plugPortToNetwork", args: { port, segmentationId, ...extra } };
  } else {
    operation = bond
      ? { op: "unplugBondFromNetwork", args: { bond: port, segmentationId, ...extra } }
      : { op: "deletePort", args: { port, segmentationId, ...extra } };
  }
  return runOperation(input, "port", [sw], operation);
}

import type { CommandInput } from "../command.js";
import { UsageError } from "../errors.js";
import { DRY_RUN_OPTION, JSON_OPTION, networkIdArg, runOperation, vlanArg } from "../operate.js";

export const options = { ...DRY_RUN_OPTION, ...JSON_OPTION, all: { type: "boolean" } } as const;

export async function run(input: CommandInput): Promise<number> {
  const [action, ...rest] = input.positionals;
  if (action !== "add" && action !== "delete") throw new UsageError(`expected 'add' or 'delete', got ${action === undefined ? "nothing" : `'${action}'`}`, "network");
  const all = Boolean(input.values.all);
  const want = all ? 2 : 3;
  if (rest.length !== want) {
    throw new UsageError(`network ${action} takes ${all ? "--all VLAN NETWORK_ID" : "SWITCH VLAN NETWORK_ID"} (got ${rest.length} argument${rest.length === 1 ? "" : "s"})`, "network");
  }
  const [sw, vlan, netId] = all ? [undefined, rest[0], rest[1]] : rest;
  const segmentationId = vlanArg(vlan, "VLAN", "network");
  const networkId = networkIdArg(netId, "network");
  return runOperation(input, "network", all ? "all" : [sw!], {
    op: action === "add" ? "addNetwork" : "delNetwork",
    args: { segmentationId, networkId },
  });
}

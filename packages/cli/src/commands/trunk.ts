import type { CommandInput } from "../command.js";
import { UsageError } from "../errors.js";
import { DRY_RUN_OPTION, JSON_OPTION, runOperation, vlanListArg } from "../operate.js";

export const options = { ...DRY_RUN_OPTION, ...JSON_OPTION, bond: { type: "boolean" } } as const;

export async function run(input: CommandInput): Promise<number> {
  const [action, ...rest] = input.positionals;
  if (action !== "add" && action !== "remove") throw new UsageError(`expected 'add' or 'remove', got ${action === undefined ? "nothing" : `'${action}'`}`, "trunk");
  if (rest.length < 3) throw new UsageError(`trunk ${action} takes SWITCH PORT VLAN... (got ${rest.length} argument${rest.length === 1 ? "" : "s"})`, "trunk");
  const [sw, port, ...vlans] = rest as [string, string, ...string[]];
  const subports = vlanListArg(vlans, "VLAN", "trunk").map((v) => ({ segmentation_id: v }));
  // The vendors pick bond-trunk templates from the profile, as the trunk driver passes it.
  const bindingProfile = input.values.bond ? { local_group_information: { bond_mode: "802.3ad" } } : {};
  return runOperation(input, "trunk", [sw], {
    op: action === "add" ? "addSubportsOnTrunk" : "delSubportsOnTrunk",
    args: { bindingProfile, portId: port, subports },
  });
}

// Renders the generated parts of docs/upstream.md from the code itself: every
// first-party device type's command lists (its dry-run plans, the scenarios the
// vendor tests pin), and the per-device option defaults as the base parses them.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { CliSwitch, createLogger, discoverPlugins, loadDeviceClass, NGS_OPTIONS, parseNgsOptions, type DeviceConfig } from "@ngs/core";
import { allPlans, build, NET, NOT_SUPPORTED } from "@ngs/vendor-testkit";

const here = dirname(fileURLToPath(import.meta.url));
const HOST_PACKAGE_JSON = join(here, "..", "package.json");

/** The scenarios of `allPlans`, in the order and words the doc shows them. */
const SCENARIOS: Record<string, string> = {
  addNetwork: "add network (VLAN 33)",
  addNetworkTrunkPorts: "add network, `ngs_trunk_ports = T1, T2`",
  addNetworkNameFormat: "add network, `ngs_network_name_format = net-{segmentation_id}`",
  delNetwork: "delete network",
  delNetworkTrunkPorts: "delete network, `ngs_trunk_ports = T1, T2`",
  plugPort: "plug port",
  plugPortDefaultVlan: "plug port, default VLAN 35",
  plugPortDisableInactive: "plug port, `ngs_disable_inactive_ports = true`",
  plugPortTrunk: "plug port as trunk (subports 101, 102)",
  deletePort: "unplug port",
  deletePortDefaultVlan: "unplug port, default VLAN 35",
  deletePortDisableInactive: "unplug port, `ngs_disable_inactive_ports = true`",
  deletePortTrunk: "unplug trunk port",
  plugBond: "plug bond",
  plugBondTrunk: "plug bond as trunk",
  unplugBond: "unplug bond",
  unplugBondTrunk: "unplug trunk bond",
  addSubports: "add subports 101, 102 (port)",
  delSubports: "remove subports (port)",
  addSubportsBond: "add subports (802.3ad bond)",
  delSubportsBond: "remove subports (802.3ad bond)",
};

const cell = (s: string) => s.replace(/\|/g, "\\|");
const code = (s: string) => (s.includes("`") ? `\`\` ${cell(s)} \`\`` : `\`${cell(s)}\``);

function commandsCell(lines: string[]): string {
  if (lines.length === 0) return "(nothing sent)";
  if (lines.join() === NOT_SUPPORTED.join()) return "refused: `GenericSwitchNotSupported`";
  return lines.map(code).join("<br>");
}

/** Port and bond names the dialect accepts (each vendor spells ports its own way). */
function sampleNames(deviceType: string): [string, string] {
  if (deviceType.includes("arista")) return ["Ethernet1", "Port-Channel1"];
  return ["3333", "Po1"];
}

/** The "Command lists" section: one subsection per device type. */
export async function renderCommandLists(): Promise<string> {
  const entries = discoverPlugins({ hostPackageJson: HOST_PACKAGE_JSON }).sort((a, b) => a.deviceType.localeCompare(b.deviceType));
  const out: string[] = [];
  for (const entry of entries) {
    const Cls = await loadDeviceClass(entry.deviceType, entries);
    if ((Cls as { transport?: unknown }).transport === "netconf") {
      out.push(...netconfSection(entry, Cls as unknown as typeof CliSwitch & (new (config: DeviceConfig, name: string, context?: object) => CliSwitch)));
      continue;
    }
    if (!(Cls.prototype instanceof CliSwitch)) continue;
    const Cli = Cls as unknown as typeof CliSwitch & (new (config: DeviceConfig, name: string, context?: object) => CliSwitch);
    const [port, bond] = sampleNames(entry.deviceType);
    const plans = allPlans(Cli, entry.deviceType, port, bond);
    const dev = build(Cli, entry.deviceType);
    const save = dev.plan("addNetwork", { segmentationId: 33, networkId: NET }).save;
    out.push(`### ${entry.deviceType}`, "");
    out.push(`Package \`${entry.packageName}\`; session platform \`${dev.platform}\`.`);
    out.push(`After a change (\`ngs_save_configuration = true\`): ${save.length ? save.map(code).join(", ") : "nothing"}.`);
    out.push(`Error patterns: ${dev.errorPatterns.length ? dev.errorPatterns.map((p) => code(String(p))).join(", ") : "none"}.`, "");
    out.push(`Port \`${port}\`, bond \`${bond}\`.`, "");
    out.push("| scenario | commands |", "|---|---|");
    for (const [key, label] of Object.entries(SCENARIOS)) out.push(`| ${cell(label)} | ${commandsCell(plans[key] ?? [])} |`);
    out.push("");
  }
  return out.join("\n");
}

/** One line of XML: the dry run's indented document without the whitespace between tags. */
const oneLine = (xml: string) => xml.replace(/>\s+</g, "><").trim();

/** A NETCONF device type's section: the `<config>` document of each scenario's edit-config, and the RPCs after it. */
function netconfSection(entry: { deviceType: string; packageName: string }, Cls: typeof CliSwitch & (new (config: DeviceConfig, name: string, context?: object) => CliSwitch)): string[] {
  const [port, bond] = ["Ethernet1/1", "Port-Channel1"];
  const plans = allPlans(Cls, entry.deviceType, port, bond);
  const save = build(Cls, entry.deviceType).plan("addNetwork", { segmentationId: 33, networkId: NET }).save;
  const out = [`### ${entry.deviceType}`, ""];
  out.push(`Package \`${entry.packageName}\`; NETCONF (OpenConfig): each cell is the \`<config>\` of one edit-config, sent under a datastore lock.`);
  out.push(`After the edit (\`ngs_netconf_target\` unset, so the hello decides): ${save.map(code).join(", ")}.`, "");
  out.push(`Port \`${port}\`, bond \`${bond}\`.`, "");
  out.push("| scenario | edit-config |", "|---|---|");
  for (const [key, label] of Object.entries(SCENARIOS)) out.push(`| ${cell(label)} | ${commandsCell((plans[key] ?? []).map(oneLine))} |`);
  out.push("");
  return out;
}

/** Parsed field → the ini option it comes from (a field without an entry fails the render, so the table stays complete). */
const OPTION_OF_FIELD: Record<string, string> = {
  allowedPorts: "ngs_allowed_ports",
  allowedVlans: "ngs_allowed_vlans",
  batchRequests: "ngs_batch_requests",
  disableInactivePorts: "ngs_disable_inactive_ports",
  macAddress: "ngs_mac_address",
  manageVlans: "ngs_manage_vlans",
  maxConnections: "ngs_max_connections",
  netconfConfirmedCommit: "ngs_netconf_confirmed_commit",
  netconfConfirmedCommitTimeoutS: "ngs_netconf_confirmed_commit_timeout",
  netconfSaveConfig: "ngs_netconf_save_config",
  netconfTarget: "ngs_netconf_target",
  networkNameFormat: "ngs_network_name_format",
  openconfigDisabledProperties: "ngs_openconfig_disabled_properties",
  openconfigNetworkInstance: "ngs_openconfig_network_instance",
  physicalNetworks: "ngs_physical_networks",
  portDefaultVlan: "ngs_port_default_vlan",
  portIdReSub: "ngs_port_id_re_sub",
  reuseConnection: "ngs_ssh_reuse_connection",
  saveConfiguration: "ngs_save_configuration",
  securityGroupsEnabled: "ngs_security_groups_enabled",
  sshConnectIntervalS: "ngs_ssh_connect_interval",
  sshConnectTimeoutS: "ngs_ssh_connect_timeout",
  sshDisabledAlgorithms: "ngs_ssh_disabled_algorithms",
  switchportMode: "ngs_switchport_mode",
  trunkPorts: "ngs_trunk_ports",
};

/** The "Option defaults" table: what the base reads from a section that sets none of its options. */
export function renderOptionDefaults(): string {
  const { config } = parseNgsOptions({}, []);
  const shown = (v: unknown): string => {
    if (v === undefined) return "(unset)";
    if (v === null) return "(unset: no limit)";
    if (typeof v === "object" && v && "source" in v) return code(String((v as { source: unknown }).source));
    return code(typeof v === "string" ? v : JSON.stringify(v));
  };
  const rows = Object.entries(config).map(([field, v]) => {
    const option = OPTION_OF_FIELD[field];
    if (!option) throw new Error(`NgsConfig.${field} has no ini option in OPTION_OF_FIELD (tools/docs/test/tables.ts)`);
    if (!NGS_OPTIONS.includes(option)) throw new Error(`${option} is not in NGS_OPTIONS`);
    return `| \`${option}\` | ${shown(v)} |`;
  });
  return ["| option | default |", "|---|---|", ...rows.sort(), ""].join("\n");
}

export const quiet = { logger: createLogger({ level: "silent" }) };

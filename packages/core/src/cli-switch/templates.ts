import { GenericSwitchNetmikoMethodError } from "../errors.js";

/** One operation's CLI lines, sent in order; `{name}` placeholders are filled per call. */
export type CommandTemplate = readonly string[];

/**
 * A vendor's command table (upstream's class attributes). A missing entry
 * means the switch has no such step and nothing is sent for it.
 */
export interface CommandTemplates {
  readonly ADD_NETWORK?: CommandTemplate;
  readonly DELETE_NETWORK?: CommandTemplate;
  readonly PLUG_PORT_TO_NETWORK?: CommandTemplate;
  readonly DELETE_PORT?: CommandTemplate;
  readonly ADD_NETWORK_TO_TRUNK?: CommandTemplate;
  readonly REMOVE_NETWORK_FROM_TRUNK?: CommandTemplate;
  readonly SET_NATIVE_VLAN?: CommandTemplate;
  readonly DELETE_NATIVE_VLAN?: CommandTemplate;
  readonly ENABLE_PORT?: CommandTemplate;
  readonly DISABLE_PORT?: CommandTemplate;
  readonly PLUG_BOND_TO_NETWORK?: CommandTemplate;
  readonly UNPLUG_BOND_FROM_NETWORK?: CommandTemplate;
  readonly ENABLE_BOND?: CommandTemplate;
  readonly DISABLE_BOND?: CommandTemplate;
  readonly SET_NATIVE_VLAN_BOND?: CommandTemplate;
  readonly DELETE_NATIVE_VLAN_BOND?: CommandTemplate;
  readonly ADD_NETWORK_TO_BOND_TRUNK?: CommandTemplate;
  readonly DELETE_NETWORK_ON_BOND_TRUNK?: CommandTemplate;
  /** Security groups (NX-OS and OS10 only): `{security_group…}` names come from `aclNames()`. */
  readonly ADD_SECURITY_GROUP?: CommandTemplate;
  readonly ADD_SECURITY_GROUP_COMPLETE?: CommandTemplate;
  readonly REMOVE_SECURITY_GROUP?: CommandTemplate;
  readonly ADD_SECURITY_GROUP_RULE_INGRESS?: CommandTemplate;
  readonly ADD_SECURITY_GROUP_RULE_EGRESS?: CommandTemplate;
  readonly BIND_SECURITY_GROUP?: CommandTemplate;
  readonly UNBIND_SECURITY_GROUP?: CommandTemplate;
  /** Sent with `sendCommand` when the session has no save of its own. */
  readonly SAVE_CONFIGURATION?: CommandTemplate;
}

export type TemplateName = keyof CommandTemplates;

/** Values a template may use: `segmentation_id`, `network_id`, `network_name`, `port`, `bond`, ... */
export type TemplateVars = Readonly<Record<string, string | number>>;

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Fill each template line from `vars` (Python `str.format` named fields).
 * Like upstream, every value given must be non-empty and non-zero, and every
 * placeholder must have a value; otherwise GenericSwitchNetmikoMethodError.
 * No templates → no commands.
 */
export function formatCommands(
  templates: CommandTemplate | undefined | null,
  vars: TemplateVars = {},
  options: { optional?: readonly string[] } = {},
): string[] {
  if (!templates || templates.length === 0) return [];
  const fail = (): never => {
    throw new GenericSwitchNetmikoMethodError({ cmds: [...templates], args: { ...vars } });
  };
  const optional = new Set(options.optional ?? []);
  for (const [k, v] of Object.entries(vars)) {
    if (optional.has(k) && v === "") continue;
    if (v === "" || v === 0 || v === undefined || v === null || (typeof v === "number" && Number.isNaN(v))) fail();
  }
  return templates.map((line) => {
    const out = line.replace(PLACEHOLDER, (_m, key: string) => {
      if (!Object.prototype.hasOwnProperty.call(vars, key)) return fail();
      return String(vars[key]);
    });
    // An empty optional value (an ACL rule without a port filter) leaves no trailing blank.
    return optional.size > 0 ? out.replace(/ +$/, "") : out;
  });
}

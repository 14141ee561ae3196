import type { SecurityGroup, SecurityGroupRule } from "../../types.js";
import { formatCommands, type CommandTemplate, type CommandTemplates, type TemplateVars } from "../templates.js";

/** What ACL composition reads from a device; `aclNames` and `acceptRule` are the vendor's. */
export interface AclComposer {
  readonly commands: CommandTemplates;
  format(templates: CommandTemplate | undefined, vars?: TemplateVars): string[];
  aclNames(sgId: unknown): Record<string, string>;
  acceptRule(rule: SecurityGroupRule): boolean;
  ruleVars(sgId: string, rule: SecurityGroupRule): Record<string, string>;
  ruleNotSupported(error: string): Error;
  portName(name: unknown): string;
}

/** The ACL of a group, optionally removed first (an update), with one line per accepted rule. */
export function composeSecurityGroup(c: AclComposer, sg: SecurityGroup, deleteFirst: boolean): string[] {
  const t = c.commands;
  const names = c.aclNames(sg?.id);
  const cmds = deleteFirst ? c.format(t.REMOVE_SECURITY_GROUP, names) : [];
  cmds.push(...c.format(t.ADD_SECURITY_GROUP, names));
  for (const rule of sg.rules ?? []) {
    if (!c.acceptRule(rule)) continue;
    const template = rule.direction === "ingress" ? t.ADD_SECURITY_GROUP_RULE_INGRESS : t.ADD_SECURITY_GROUP_RULE_EGRESS;
    if (!template?.length) throw c.ruleNotSupported(`${rule.direction} rules are not supported`);
    // An empty filter is fine (upstream's all-values check rejected tcp rules without ports).
    cmds.push(...formatCommands(template, c.ruleVars(sg.id, rule), { optional: ["filter"] }));
  }
  cmds.push(...c.format(t.ADD_SECURITY_GROUP_COMPLETE, {}));
  return cmds;
}

/** BIND_SECURITY_GROUP on every port that has the group. */
export function composeBindings(c: AclComposer, portIds: readonly string[], names: Record<string, string>): string[] {
  return (portIds ?? []).flatMap((p) => c.format(c.commands.BIND_SECURITY_GROUP, { port: c.portName(p), ...names }));
}

/** Re-assert the ACL from the given group, then bind every port that has it. */
export function composeBind(c: AclComposer, sg: SecurityGroup, portId: string, portIds: readonly string[]): string[] {
  c.portName(portId);
  const names = c.aclNames(sg?.id);
  return [...composeSecurityGroup(c, sg, true), ...composeBindings(c, portIds, names)];
}

/** Unbind one port, then bind again every port that still has the group. */
export function composeUnbind(c: AclComposer, sgId: string, portId: string, portIds: readonly string[]): string[] {
  const names = c.aclNames(sgId);
  return [...c.format(c.commands.UNBIND_SECURITY_GROUP, { port: c.portName(portId), ...names }), ...composeBindings(c, portIds, names)];
}

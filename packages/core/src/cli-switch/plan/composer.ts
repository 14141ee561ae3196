import type { PortStep } from "../operations.js";
import type { CommandTemplate, CommandTemplates, TemplateVars } from "../templates.js";

/**
 * What the composition functions read from a device: its command table,
 * the options that change a list, and the steps a vendor may have replaced
 * (a bond without bond templates is plugged like a port, with the vendor's
 * port step). No I/O: every value is known before connecting.
 */
export interface Composer {
  readonly commands: CommandTemplates;
  readonly disableInactivePorts: boolean;
  /** Fill templates; a missing or empty value raises GenericSwitchNetmikoMethodError. */
  format(templates: CommandTemplate | undefined, vars?: TemplateVars): string[];
  /** `ngs_network_name_format` rendered and checked against the platform's VLAN name rule. */
  networkName(networkId: string | number, segmentationId: number): string;
  /** `ngs_trunk_ports`, validated. */
  trunkPorts(): string[];
  plugPort(s: PortStep): string[];
  deletePort(s: PortStep): string[];
  defaultVlanNetwork(vlan: number): string[];
}

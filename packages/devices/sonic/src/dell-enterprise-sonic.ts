import Sonic from "./sonic.js";

/**
 * Dell Enterprise SONiC 4.5 (`netmiko_dell_enterprise_sonic`). VLAN and
 * port handling is community SONiC's; upstream's differences (ACL table
 * commands, no ICMP rules) concern security groups, which ngs does not
 * implement for SONiC yet.
 */
export default class DellEnterpriseSonic extends Sonic {}

import { CliSwitch, type CliSessionLike } from "@ngs/core";
import { SONIC_ERROR_PATTERNS, SONIC_TEMPLATES } from "./templates.js";

/**
 * Community SONiC (`netmiko_sonic`). Commands run in a root shell
 * (`sudo -s`, password from `secret`), which stays open so that
 * `config save -y` (sent when `ngs_save_configuration` is on) may run.
 */
export default class Sonic extends CliSwitch {
  static override platform = "linux";
  static override commands = SONIC_TEMPLATES;
  static override errorPatterns = SONIC_ERROR_PATTERNS;
  static override shellCommands = true;

  override async sendConfigSet(session: CliSessionLike, commands: readonly string[]): Promise<string> {
    await session.enable();
    return session.sendConfigSet(commands, { exitConfigMode: false });
  }

  /**
   * A VLAN must exist before it gets members (LP#2148349), so every subport
   * VLAN is created first. Accepts `trunkDetails` like every device (upstream's
   * override lacked the parameter and so failed when the driver passed it).
   */
  protected override composeAddSubports(isBond: boolean, portId: string, vlans: number[]): string[] {
    const create = vlans.flatMap((v) => this.formatCommands(this.commands.ADD_NETWORK, { segmentation_id: v }));
    return [...create, ...super.composeAddSubports(isBond, portId, vlans)];
  }
}

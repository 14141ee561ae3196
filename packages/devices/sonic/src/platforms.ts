/** The SONiC shell (a Linux shell, netmiko's `linux`); `static platform` of the device class. */
import { linuxShell } from "@ngs/core/device-kit";

export const sonic = linuxShell({ name: "sonic", errorPatterns: [/command not found/, /ERROR: Command not found\./] });

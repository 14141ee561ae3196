/** The fake device's shell (a Linux shell, netmiko's `linux`); `static platform` of the device class. */
import { linuxShell } from "@ngs/core/device-kit";

export const fake = linuxShell({ name: "fake", errorPatterns: [/command not found/, /ERROR: Command not found\./] });

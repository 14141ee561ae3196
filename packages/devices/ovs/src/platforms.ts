/** The Open vSwitch host's shell; `static platform` of the device class. */
import { linuxShell } from "@ngs/core/device-kit";

export const ovsLinux = linuxShell({ name: "ovs_linux", errorPatterns: [/command not found/, /^ovs-vsctl: /m] });

/**
 * The Cumulus shells (a Linux shell, netmiko's `linux`), one platform per
 * CLI so a simulator can tell NCLU from NVUE; `static platform` of the device classes.
 */
import { linuxShell } from "@ngs/core/device-kit";

const LINUX_ERRORS = [/command not found/, /ERROR: Command not found\./];

export const cumulusNclu = linuxShell({ name: "cumulus", errorPatterns: LINUX_ERRORS });
export const cumulusNvue = linuxShell({ name: "cumulus_nvue", errorPatterns: LINUX_ERRORS });

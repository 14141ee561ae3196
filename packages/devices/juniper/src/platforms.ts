/** The Junos dialect (netmiko's strings); `static platform` of the device class. */
import { junosLike } from "@ngs/core/device-kit";

export const juniper = junosLike({ name: "juniper" });

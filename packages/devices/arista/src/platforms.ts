/** The Arista EOS dialect; `static platform` of the device class. */
import { iosLike } from "@ngs/core/device-kit";

const VNI_MAPPED = /% VLAN \d+ is already mapped to VNI \d+/;
/** Upstream's ERROR_MSG_PATTERNS (checked on every command); the platform adds netmiko's `% Ambiguous command`. */
export const EOS_ERROR_PATTERNS: readonly RegExp[] = [/% Invalid input/, /% Incomplete command/, VNI_MAPPED];

export const aristaEos = iosLike({
  name: "arista_eos",
  save: { command: "copy running-config startup-config" },
  errorPatterns: [EOS_ERROR_PATTERNS[0]!, EOS_ERROR_PATTERNS[1]!, /% Ambiguous command/, VNI_MAPPED],
});

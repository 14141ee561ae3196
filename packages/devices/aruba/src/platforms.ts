/** The Aruba AOS-CX dialect; `static platform` of the device class. */
import { iosLike } from "@ngs/core/device-kit";

/** Upstream's ERROR_MSG_PATTERNS, which are also the platform's. */
export const AOSCX_ERROR_PATTERNS: readonly RegExp[] = [/Invalid input/, /% Command incomplete/];

export const arubaAoscx = iosLike({
  name: "aruba_aoscx",
  returnChar: "\r",
  sessionPreparation: ["no page"],
  // Spelled out: the CLI completes keywords on space. Sub-modes count as config mode (netmiko: exact `(config)#`).
  config: { enter: "configure term", exit: "end", inConfigPattern: /\)\s*#\s*$/ },
  save: { command: "copy running-config startup-config" },
  errorText: "Invalid input: ",
  errorPatterns: [...AOSCX_ERROR_PATTERNS],
});

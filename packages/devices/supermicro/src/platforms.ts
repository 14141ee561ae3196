/** The Supermicro SMIS dialect; `static platform` of the device class. */
import { iosLike } from "@ngs/core/device-kit";

export const supermicroSmis = iosLike({
  name: "supermicro_smis",
  // Pagination is a config-mode command on SMIS.
  sessionPreparation: ["configure terminal", "set cli pagination off", "terminal width 511", "end"],
  enable: undefined,
  save: { command: "write startup-config", mode: "exec", requiresEnable: undefined, success: undefined },
  errorText: "% Invalid Command",
  errorPatterns: [/% Invalid/i, /% Incomplete/i],
});

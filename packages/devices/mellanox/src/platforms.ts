/** The Mellanox MLNX-OS dialect; `static platform` of the device class. */
import { iosLike } from "@ngs/core/device-kit";

export const mellanoxMlnxos = iosLike({
  name: "mellanox_mlnxos",
  sessionPreparation: ["no cli session paging enable"],
  config: { enter: "configure terminal", exit: "exit", inConfigPattern: /\(config[^)]*\)\s*#\s*$/, exitRepeat: 13 },
  save: { command: "configuration write", requiresEnable: true, mode: "config", success: undefined },
  errorText: "% Unrecognized command",
  errorPatterns: [/% Unrecognized command/, /% Invalid/, /% Incomplete command/],
});

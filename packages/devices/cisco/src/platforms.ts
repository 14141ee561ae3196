/** The Cisco CLI dialects (netmiko's strings); `static platform` of the device classes. */
import { iosLike } from "@ngs/core/device-kit";

export const ciscoIos = iosLike({ name: "cisco_ios", basePromptMaxLength: 16, save: { command: "write mem" } });

export const ciscoNxos = iosLike({
  name: "cisco_nxos",
  save: { command: "copy running-config startup-config" },
  errorText: "% Invalid command at '^' marker.",
  errorPatterns: [/% Invalid command/, /% Incomplete command/, /% Invalid input/, /% Ambiguous command/],
});

export const ciscoS300 = iosLike({
  name: "cisco_s300",
  sessionPreparation: ["terminal width 511", "terminal datadump"],
  save: { command: "write memory", confirm: [{ prompt: /\(Y\/N\)[^\n]*$/i, answer: "Y" }] },
  errorText: "% Unrecognized command",
  errorPatterns: [/% Unrecognized command/, /% Wrong number of parameters/, /% Invalid input/, /% Incomplete command/],
});

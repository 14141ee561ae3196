/** The H3C/HPE Comware dialect; `static platform` of the device class. */
import { vrpLike } from "@ngs/core/device-kit";

export const hpComware = vrpLike({
  name: "hp_comware",
  basePromptPattern: /^(?:RBM_.)?[<[]([^>\]]+)[>\]]\s*$/,
  loginHandlers: [{ prompt: /Press Y or ENTER to continue[^\n]*$/i, answer: "" }],
  sessionPreparation: ["screen-length disable"],
  // netmiko's enable() on Comware *is* system-view.
  enable: { command: "system-view", passwordPrompt: /ssword/i, enabledPattern: /\]\s*$/ },
  save: { command: "save force", requiresEnable: true },
  errorText: "% Unrecognized command found at '^' position.",
  errorPatterns: [/% Unrecognized command/, /% Wrong parameter/, /% Incomplete command/, /% Too many parameters/],
});

/** The Brocade FastIron dialect; `static platform` of the device class. */
import { iosLike } from "@ngs/core/device-kit";

export const brocadeFastiron = iosLike({
  name: "brocade_fastiron",
  enableDuringLogin: true,
  sessionPreparation: ["skip-page-display"],
  enable: { command: "enable", passwordPrompt: /ssword/i, enabledPattern: /#\s*$/, usernamePrompt: /(?:User Name|Login)\s*:\s*$/i },
  save: { command: "write mem" },
  errorText: "Invalid input -> ",
  errorPatterns: [/Invalid input ->/, /^\s*Error\b/m],
});

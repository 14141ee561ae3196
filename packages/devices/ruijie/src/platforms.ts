/** The Ruijie OS dialect; `static platform` of the device class. */
import { iosLike } from "@ngs/core/device-kit";

export const ruijieOs = iosLike({
  name: "ruijie_os",
  loginHandlers: [{ prompt: /Do you want to change the password[^\n]*$/i, answer: "n" }],
  enableDuringLogin: true,
  sessionPreparation: ["terminal width 256", "terminal length 0"],
  save: { command: "write" },
});

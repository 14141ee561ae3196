// QuartzOS, a made-up switch CLI: IOS-like modes with prompts, commands and
// texts of its own, declared with the platform kit the host's @ngs/core
// re-exports. Nothing in ngs knows this dialect by name.
//
//   sw1>  privilege  sw1%  edit running  sw1(config)%  ...  leave  sw1%
//   commit to flash → "Write running config to flash? [yes/no]" yes
//   a rejected line: "QZ-ERR: no such command"
import { iosLike } from "@ngs/core/device-kit";

export const quartzOs = iosLike({
  name: "quartz_os",
  promptChars: { user: ">", enabled: "%" },
  enableCommand: "privilege",
  configEnter: "edit running",
  configExit: "leave",
  sessionPreparation: ["set pager off"],
  save: { command: "commit to flash" },
  saveQuestion: { question: "Write running config to flash? [yes/no]", answer: "yes" },
  errorText: "QZ-ERR: no such command",
});

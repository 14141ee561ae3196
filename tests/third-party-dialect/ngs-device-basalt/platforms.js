// BasaltOS, a made-up switch CLI: Junos-like (a candidate configuration that
// takes effect on commit) with prompts, commands and texts of its own,
// declared with the platform kit. Nothing in ngs knows this dialect by name.
//
//   ops@sw1>  edit candidate  [edit] ops@sw1*  set ...  activate  leave candidate
//   a rejected line: "BASALT-E: statement rejected"
import { junosLike } from "@ngs/core/device-kit";

export const basaltOs = junosLike({
  name: "basalt_os",
  promptChars: { user: ">", enabled: "*" },
  configEnter: "edit candidate",
  configExit: "leave candidate",
  sessionPreparation: ["set terminal raw"],
  commit: { command: "activate", success: /activation complete/, inConfigMode: true },
  errorText: "BASALT-E: statement rejected",
});

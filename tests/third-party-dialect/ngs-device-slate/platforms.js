// SlateOS, a made-up switch CLI: VRP-like (`<sw1>` user view, `[sw1]` system
// view, changes apply at once and are saved) with commands and texts of its
// own, declared with the platform kit. Nothing in ngs knows it by name.
//
//   <sw1>  config-view  [sw1]  ...  back-to-user  <sw1>
//   store config → "Store the running configuration now? (y/n)" y
//   a rejected line: "SLATE: unknown keyword"
import { vrpLike } from "@ngs/core/device-kit";

export const slateOs = vrpLike({
  name: "slate_os",
  configEnter: "config-view",
  configExit: "back-to-user",
  sessionPreparation: ["pager off"],
  save: { command: "store config" },
  saveQuestion: { question: "Store the running configuration now? (y/n)", answer: "y" },
  errorText: "SLATE: unknown keyword",
});

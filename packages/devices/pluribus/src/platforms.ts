/** The Pluribus Netvisor dialect; `static platform` of the device class. */
import { singleModeCli } from "@ngs/core/device-kit";

// Single mode: no enable, no config mode, config is persistent (no save).
export const pluribus = singleModeCli({
  name: "pluribus",
  sessionPreparation: ["pager off"],
  errorPatterns: [/^\s*[Ee]rror\b/m, /command not found/, /^\s*[Uu]nknown command/m],
});

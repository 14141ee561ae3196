import type { ApplyContext } from "./apply-edit.js";
import type { Datastore } from "./capabilities.js";

/** The RPCs after the edit-config, by target (both when the target is only known after the hello). */
export function saveSteps(ctx: Pick<ApplyContext, "ngsConfig" | "saveConfiguration" | "saveConfigContent">, target: Datastore | undefined): string[] {
  const c = ctx.ngsConfig;
  const candidate = [
    "<validate><source><candidate/></source></validate> (when :validate is advertised)",
    ...(c.netconfConfirmedCommit
      ? [`<commit><confirmed/><confirm-timeout>${c.netconfConfirmedCommitTimeoutS}</confirm-timeout></commit> (when :confirmed-commit is advertised)`]
      : []),
    "<commit/>",
  ];
  const running = !ctx.saveConfiguration
    ? []
    : ctx.saveConfigContent !== undefined
      ? [`<edit-config><target><running/></target><config>${ctx.saveConfigContent}</config></edit-config>`]
      : ["<copy-config><target><startup/></target><source><running/></source></copy-config> (when :startup is advertised)"];
  if (target === "candidate") return candidate;
  if (target === "running") return running;
  return [...candidate.map((s) => `candidate: ${s}`), ...running.map((s) => `running: ${s}`)];
}

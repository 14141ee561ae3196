import type * as SwitchSim from "@ngs/switch-sim";
import { FIRST_PARTY_DEVICE_PACKAGES, importInstalled, installCommand, type PluginEntry } from "./core.js";
import { MissingPackagesError } from "./errors.js";
import { HOST_PACKAGE_JSON } from "./runtime.js";

export type SwitchSimModule = typeof SwitchSim;

/**
 * `ngs demo` and `ngs sim` run on @ngs/switch-sim, which the host does not
 * depend on: it is found where plugins are (beside the host or in a plugin
 * dir). `deviceTypes` the command needs are checked too, so one message
 * names every package to install, as one `npm install` line.
 */
export async function requireSwitchSim(command: string, pluginDirs: readonly string[], plugins: readonly PluginEntry[], deviceTypes: readonly string[] = []): Promise<SwitchSimModule> {
  const sim = await importInstalled<SwitchSimModule>("@ngs/switch-sim", { hostPackageJson: HOST_PACKAGE_JSON, pluginDirs });
  const missing = sim ? [] : ["@ngs/switch-sim"];
  for (const t of deviceTypes) {
    const pkg = FIRST_PARTY_DEVICE_PACKAGES[t];
    if (pkg && !plugins.some((p) => p.deviceType === t) && !missing.includes(pkg)) missing.push(pkg);
  }
  if (missing.length > 0) {
    throw new MissingPackagesError(
      `ngs ${command} needs ${missing.join(", ")}, not installed beside ngs or in a plugin dir. Install ${missing.length > 1 ? "them" : "it"} with:\n  ${installCommand(missing, { hostPackageJson: HOST_PACKAGE_JSON })}`,
    );
  }
  return sim!;
}

export { parseStressArgs, expandPorts, parseVlanRange, USAGE } from "./args.js";
export { runStress, summariseRun, type StressResult, type OpReport, type RunStressHooks } from "./run.js";
export { formatReport } from "./report.js";
export { summarise, percentile, type LatencySummary } from "./stats.js";
export { runJobs, mergeSamples, type Job, type Step, type SampleSet, type OpSamples } from "./runner.js";
export { createProgress, type Progress } from "./progress.js";
export { startSimulatedSwitches, renderSimConfig, type SimulatedSwitches, type SwitchCounters } from "./simulated.js";
export { openDevice, openAllDevices, hostPackageJson, type OpenedDevice, type AllDevices } from "./devices.js";
export { OP, buildJobs, split, type StressDevice, type WorkShare } from "./workload.js";
export {
  DEFAULT_SIM,
  randomNetId,
  type StressOptions,
  type SimOptions,
  type DriverOptions,
  type StressMode,
} from "./options.js";

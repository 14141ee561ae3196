export { benchOverhead, measureFloor, type OverheadResult, type OverheadRun, type OverheadOptions } from "./scenarios/overhead.js";
export {
  benchBatching,
  VARIANT_LABEL,
  type BatchingResult,
  type BatchingVariant,
  type BatchingOptions,
  type ConcurrencyPoint,
  type EtcdHandle,
  type VariantName,
} from "./scenarios/batching.js";
export { benchScale, renderScaleConfig, type ScaleResult } from "./scenarios/scale.js";
export { benchService, type ServiceResult, type ServicePoint, type ServiceOptions, type LatencyStats } from "./scenarios/service.js";
export { benchColdstart, type ColdstartResult, type ColdstartCommand, type ColdstartOptions } from "./scenarios/coldstart.js";
export { portNames, portRun, IOS_PLUG_COMMANDS, type SimProfile } from "./scenarios/common.js";
export { renderResults, type BenchResults } from "./results.js";
export { renderLineChart, ticks, type ChartOptions, type ChartSeries } from "./svg.js";
export { batchingChart } from "./chart.js";
export { machineInfo, type MachineInfo } from "./machine.js";
export { CONFIGS, SCENARIOS, type BenchConfig, type Scenario } from "./config.js";

/**
 * Child process of the scale scenario: load the config given in argv[2]
 * and report, over IPC, how long it took from process start and how much
 * memory the process holds once every device is ready.
 */
const imported0 = performance.now();
const { openAllDevices } = await import("@ngs/stress/devices");
const imported1 = performance.now();
const loaded = await openAllDevices({ configFiles: [process.argv[2]!], configDirs: [] });
const ready = performance.now();
const mem = process.memoryUsage();
const report = {
  devices: loaded.devices.size,
  // performance.now() counts from the process's time origin, i.e. its start.
  readyMs: ready,
  importMs: imported1 - imported0,
  loadMs: ready - imported1,
  rssBytes: mem.rss,
  heapUsedBytes: mem.heapUsed,
};
await loaded.close();
process.send!(report, () => process.exit(0));

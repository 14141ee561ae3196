export { main } from "./main.js";
export { UsageError, exitCodeFor, EXIT_OK, EXIT_FAILED, EXIT_USAGE } from "./errors.js";
export { formatPortTable, snapshotSim, type PortRow } from "./table.js";

export type * from "./types.js";
export { startSwitch, startSwitches, fingerprintOf } from "./server.js";
export { generateKeyPair } from "./keys.js";
export { platforms } from "./platforms/index.js";
export { snapshotState } from "./state.js";
export type * from "./netconf/types.js";

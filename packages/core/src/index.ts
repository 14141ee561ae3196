export * from "./errors.js";
export * from "./types.js";
export * from "./coordinator.js";
export * from "./device.js";

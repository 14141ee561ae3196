export * from "./manifest.js";
export * from "./exports-map.js";
export * from "./discover.js";
export * from "./load-class.js";
export * from "./get-devices.js";
export * from "./check-config.js";

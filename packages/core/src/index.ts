// Everything, for callers that do not pick an entry point (see package.json `exports`).
export * from "./device-kit.js";
export * from "./config/index.js";
export * from "./plugins/index.js";
export * from "./driver/index.js";
export * from "./coordination-kit.js";

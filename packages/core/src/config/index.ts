export * from "./oslo-ini.js";
export * from "./load.js";
export * from "./keys.js";

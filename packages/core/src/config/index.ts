export * from "./oslo-ini.js";
export * from "./load.js";

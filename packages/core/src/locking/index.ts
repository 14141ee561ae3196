export * from "./in-process.js";
export * from "./pool-lock.js";

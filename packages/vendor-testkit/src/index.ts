export * from "./plans.js";
export * from "./sim.js";

export * from "./templates.js";
export * from "./session.js";
export * from "./session-pool.js";
export * from "./cli-switch.js";
export * from "./l2vni.js";
export * from "./security-groups.js";

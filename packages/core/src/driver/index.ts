export * from "./neutron.js";
export * from "./host.js";
export * from "./switches.js";
export * from "./ports.js";
export * from "./mech-driver.js";
export * from "./trunk-driver.js";

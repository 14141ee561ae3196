export { default as HuaweiVrp, VRP_COMMANDS } from "./vrp.js";
export { default as HuaweiVrpV8, VRPV8_COMMANDS } from "./vrpv8.js";

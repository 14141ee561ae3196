export { default as DellOs10, OS10_COMMANDS, DELL_ERROR_PATTERNS } from "./os10.js";
export { default as DellForce10, FORCE10_COMMANDS } from "./force10.js";
export {
  default as DellPowerConnect,
  POWERCONNECT_ACCESS_COMMANDS,
  POWERCONNECT_GENERAL_COMMANDS,
  POWERCONNECT_ERROR_PATTERNS,
} from "./powerconnect.js";

export { default as HpeComware, COMWARE_COMMANDS } from "./comware.js";

export { default as ArubaAoscx, AOSCX_COMMANDS, AOSCX_ERROR_PATTERNS } from "./aoscx.js";

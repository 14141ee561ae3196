export { default as SupermicroSmis, SMIS_COMMANDS } from "./smis.js";

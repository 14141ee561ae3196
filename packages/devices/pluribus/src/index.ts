export { default as Pluribus, PLURIBUS_COMMANDS } from "./pluribus.js";

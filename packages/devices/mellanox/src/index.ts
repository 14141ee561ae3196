export { default as MellanoxMlnxos, MLNXOS_COMMANDS } from "./mlnxos.js";

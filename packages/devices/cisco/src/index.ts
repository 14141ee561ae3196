export { default as CiscoIos, IOS_COMMANDS } from "./ios.js";
export { default as CiscoNxos, NXOS_COMMANDS, NXOS_L2VNI, nxosVlanHasPorts } from "./nxos.js";
export { default as CiscoS300, S300_COMMANDS } from "./s300.js";

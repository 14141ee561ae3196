export { default as AristaEos, EOS_COMMANDS, EOS_ERROR_PATTERNS } from "./eos.js";

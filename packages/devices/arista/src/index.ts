export { default as AristaEos, EOS_COMMANDS, EOS_ERROR_PATTERNS, EOS_L2VNI, eosVlanHasPorts, eosVlanHasVni } from "./eos.js";

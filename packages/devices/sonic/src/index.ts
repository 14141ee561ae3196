export { default as Sonic } from "./sonic.js";
export { default as DellEnterpriseSonic } from "./dell-enterprise-sonic.js";
export { sonicVlanHasPorts, sonicVniOf } from "./parsers.js";
export { SONIC_TEMPLATES, SONIC_ERROR_PATTERNS, SONIC_L2VNI_TEMPLATES } from "./templates.js";

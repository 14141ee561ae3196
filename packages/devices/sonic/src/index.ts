export { default as Sonic } from "./sonic.js";
export { default as DellEnterpriseSonic } from "./dell-enterprise-sonic.js";
export { SONIC_TEMPLATES, SONIC_ERROR_PATTERNS } from "./templates.js";

export { default as CumulusNclu } from "./nclu.js";
export { default as CumulusNvue } from "./nvue.js";
export { NCLU_TEMPLATES, NCLU_ERROR_PATTERNS, NVUE_TEMPLATES, NVUE_ERROR_PATTERNS, NVUE_APPLY } from "./templates.js";

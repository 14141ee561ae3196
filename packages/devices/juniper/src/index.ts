export { default as Juniper } from "./junos.js";
export { JUNOS_TEMPLATES, JUNOS_RETRYABLE_COMMIT_ERRORS } from "./templates.js";

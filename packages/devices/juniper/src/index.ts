export { default as Juniper } from "./junos.js";
export { parseShowVlans, type JunosVlanEntry } from "./show-vlans.js";
export { JUNOS_TEMPLATES, JUNOS_RETRYABLE_COMMIT_ERRORS, JUNOS_L2VNI_TEMPLATES } from "./templates.js";

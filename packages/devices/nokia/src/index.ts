export { default as NokiaSrl } from "./srl.js";
export { SRL_TEMPLATES } from "./templates.js";

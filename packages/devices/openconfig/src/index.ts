export { default as NetconfOpenConfigSwitch, type NetconfPlan, type LockRetry } from "./openconfig.js";
export * from "./plan.js";
export * from "./edit.js";
export { configDocument, editContent } from "./xml.js";
export { processCapabilities, chooseTarget, NETCONF_CAPABILITIES, type Datastore } from "./capabilities.js";
export type { NetconfClient, RpcErrorInfo } from "./client.js";
export { NETCONF_CONNECT_KEYS, NETCONF_PORT, portIdMapper, parseSaveConfig } from "./options.js";

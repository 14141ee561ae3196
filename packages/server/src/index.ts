export { startServer, serveUntilSignalled, type RunningServer, type StartServerOptions } from "./serve.js";
export { readListenerConfig, DEFAULT_PORT, LISTENER_SECTION, type ListenerConfig, type ListenerOverrides, type AuthStrategy } from "./listener-config.js";
export { Htpasswd } from "./htpasswd.js";
export { NetworkingApi, type NetworkingApiOptions, type RunOperation } from "./networking-api.js";
export { METHODS, RPC_API_VERSION } from "./jsonrpc.js";
export { RpcError, type JsonRpcErrorObject } from "./ironic-errors.js";
export { ServerMetrics } from "./metrics.js";
export type { RuntimeSources } from "./runtime.js";

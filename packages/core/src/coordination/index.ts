export * from "./backend-url.js";
export * from "./etcd-client.js";
export * from "./etcd-coordinator.js";
export * from "./create-coordination.js";

export * from "./keys.js";
export * from "./switch-queue.js";
export * from "./switch-batch.js";
export * from "./etcd-batcher.js";

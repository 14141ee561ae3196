/**
 * `@ngs/core/coordination`: locks across hosts and request batching. etcd3 is
 * imported only when a `backend_url` is configured; it is an optional peer of
 * core that the hosts (`@ngs/cli`, `@ngs/server`) bring.
 */
export * from "./locking/index.js";
export * from "./coordination/index.js";
export * from "./batching/index.js";

/**
 * `@ngs/core/device-kit`: what a vendor plugin builds on — the CLI-switch base
 * and its templates, the device interface and context, errors, validation,
 * option parsers and the logger type. It loads no coordination code (etcd3,
 * gRPC), no config reader and no ML2 driver, so a plugin installs and loads
 * without them.
 */
export * from "./errors.js";
export * from "./types.js";
export * from "./coordinator.js";
export * from "./locking/index.js";
export * from "./device.js";
export * from "./logging.js";
export * from "./validation.js";
export * from "./options/index.js";
export * from "./cli-switch/index.js";
export * from "@ngs/cli-session/platform-kit";

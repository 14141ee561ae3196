// Each fixture starts a real service on loopback and throws (never skips) when it cannot.
export * from "./ovs.js";
export * from "./etcd.js";
export { startSshd, SSHD_PATH, type Sshd, type SshdUser, type SshdUserSpec, type StartSshdOptions } from "./sshd.js";
export { simSection, switchSection } from "./ini.js";
export { startNetconfd, NETCONFD_PATH, NETCONFD_YANG_DIR, type Netconfd, type StartNetconfdOptions } from "./netconfd.js";
export * from "./fixtures.js";
export * from "./ironic-client.js";

export * from "./types.js";
export * from "./errors.js";
export { CliSession, stripEcho } from "./session.js";
export { authOrder, openTransport, type Transport } from "./transport.js";
export {
  iosLike,
  junosLike,
  vrpLike,
  linuxShell,
  srlLike,
  singleModeCli,
  linux,
  platformProblems,
  PLATFORM_FAMILIES,
  registerPlatform,
  platformNames,
  getPlatform,
  promptPatternFor,
  type PlatformOptions,
} from "./platform-kit.js";
export { booleanFromString, BOOLEAN_SPELLINGS } from "./bool.js";
export { sessionOptionsFromConfig, parseDisabledAlgorithms, parseBool, SESSION_CONFIG_KEYS } from "./config.js";
export { fingerprintSha256, verifyHostKey, parseKnownHosts, hostMatches, knownHostsName } from "./hostkeys.js";
export { stripAnsi, normaliseLineEndings, OutputCleaner, Redactor } from "./text.js";
export { Transcript } from "./transcript.js";
export { sshNativeCrypto } from "./native.js";

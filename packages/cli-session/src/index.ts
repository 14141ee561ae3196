export * from "./types.js";
export * from "./errors.js";
export { CliSession, stripEcho } from "./session.js";
export { authOrder } from "./transport.js";
export { platforms, platformNames, getPlatform, promptPatternFor } from "./platforms.js";
export { sessionOptionsFromConfig, parseDisabledAlgorithms, parseBool, SESSION_CONFIG_KEYS } from "./config.js";
export { fingerprintSha256, verifyHostKey, parseKnownHosts, hostMatches, knownHostsName } from "./hostkeys.js";
export { stripAnsi, normaliseLineEndings, OutputCleaner, Redactor } from "./text.js";
export { Transcript } from "./transcript.js";

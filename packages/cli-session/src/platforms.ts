/**
 * @deprecated `@ngs/cli-session/platforms` held the closed table of built-in
 * platforms; each vendor package now declares its own with
 * `@ngs/cli-session/platform-kit`. What remains: lookups over the platforms
 * built so far in this process.
 */
export { getPlatform, platformNames, promptPatternFor, linux } from "./platform-kit.js";

export * from "./parse.js";
export * from "./name-format.js";
export * from "./ngs-options.js";
export * from "./declare.js";

/**
 * The platform table: one entry per netmiko device type upstream NGS uses.
 * Strings are netmiko's defaults; deviations are
 * commented. Import as `@ngs/cli-session/platforms`.
 */
import { UnknownPlatformError } from "./errors.js";
import type { Platform } from "./types.js";

/** A prompt: a line ending in one of `terminators`, optionally followed by spaces, at the end of the buffer. */
export function promptPatternFor(terminators: string): RegExp {
  const cls = terminators.replace(/[\]\\^-]/g, "\\$&");
  return new RegExp(`(?:^|\\n)[^\\n]*[${cls}][ \\t]*$`);
}

const PASSWORD = /ssword/i;
const ENABLED = /#\s*$/;
const IN_CONFIG = /\)\s*#\s*$/;
const CISCO_ERRORS = [/% Invalid input/, /% Incomplete command/, /% Ambiguous command/];

/** IOS-like: `configure terminal` / `end`, `enable` with a password prompt. */
function ciscoLike(name: string, extra: Partial<Platform> & { save: NonNullable<Platform["save"]> }): Platform {
  return {
    name,
    promptPattern: promptPatternFor("#>"),
    promptTerminators: "#>",
    sessionPreparation: ["terminal width 511", "terminal length 0"],
    returnChar: "\n",
    enable: { command: "enable", passwordPrompt: PASSWORD, enabledPattern: ENABLED },
    config: { enter: "configure terminal", exit: "end", inConfigPattern: IN_CONFIG },
    errorPatterns: CISCO_ERRORS,
    logout: ["exit"],
    ...extra,
    save: { requiresEnable: true, mode: "exec", success: /^\s*\[OK\]\s*$|Copy complete/m, ...extra.save },
  };
}

const linuxLike = (name: string, errorPatterns: RegExp[]): Platform => ({
  name,
  promptPattern: promptPatternFor("$#"),
  promptTerminators: "$#",
  // `user@host:~$` → `user@host`: the working directory is not part of the identity.
  basePromptPattern: /^\[?([^@\s\]]+@[^:\s\]]+)/,
  relearnPromptOnModeChange: true,
  sessionPreparation: [],
  returnChar: "\n",
  enable: { command: "sudo -s", passwordPrompt: PASSWORD, enabledPattern: ENABLED },
  config: { enter: "sudo -s", exit: "exit", inConfigPattern: ENABLED, noExitForUser: "root" },
  errorPatterns,
  logout: ["exit"],
});

const HUAWEI_BASE = /^(?:HRP_.)?[<[][~*]?([^>\]]+)[>\]]\s*$/;
const HUAWEI_LOGIN = [
  { prompt: /(?:Change now|Please choose)[^\n]*$/i, answer: "N" },
  { prompt: /security risks in the configuration file[\s\S]*\[y\/n\][^\n]*$/i, answer: "Y" },
];
const HUAWEI_ERRORS = [/^\s*Error: /m];
const HUAWEI_CONFIG = { enter: "system-view", exit: "return", inConfigPattern: /\]\s*$/ };
const HUAWEI: Platform = {
  name: "huawei",
  promptPattern: promptPatternFor(">]"),
  promptTerminators: ">]",
  basePromptPattern: HUAWEI_BASE,
  loginHandlers: HUAWEI_LOGIN,
  sessionPreparation: ["screen-length 0 temporary"],
  returnChar: "\n",
  config: HUAWEI_CONFIG,
  save: { command: "save", confirm: [{ prompt: /[Cc]ontinue\s*\?[^\n]*$/, answer: "y" }] },
  errorPatterns: HUAWEI_ERRORS,
  logout: ["quit"],
};

const list: Platform[] = [
  ciscoLike("cisco_ios", {
    basePromptMaxLength: 16,
    save: { command: "write mem" },
  }),
  ciscoLike("cisco_nxos", {
    save: { command: "copy running-config startup-config" },
    errorPatterns: [/% Invalid command/, /% Incomplete command/, /% Invalid input/, /% Ambiguous command/],
  }),
  ciscoLike("cisco_s300", {
    sessionPreparation: ["terminal width 511", "terminal datadump"],
    save: { command: "write memory", confirm: [{ prompt: /\(Y\/N\)[^\n]*$/i, answer: "Y" }] },
    errorPatterns: [/% Unrecognized command/, /% Wrong number of parameters/, /% Invalid input/, /% Incomplete command/],
  }),
  ciscoLike("arista_eos", {
    save: { command: "copy running-config startup-config" },
    errorPatterns: [...CISCO_ERRORS, /% VLAN \d+ is already mapped to VNI \d+/],
  }),
  ciscoLike("dell_os10", {
    sessionPreparation: ["terminal length 0"],
    save: { command: "copy running-configuration startup-configuration" },
    errorPatterns: [/% Error:/, /^\s*Error:/m],
  }),
  ciscoLike("dell_force10", {
    // Optional banner acknowledgement before the first prompt.
    loginHandlers: [{ prompt: /\[?y\/n\]?:?\s*$/i, answer: "y" }],
    sessionPreparation: ["terminal length 0"],
    save: { command: "write memory" },
    errorPatterns: [/% Error:/, /^\s*Error:/m],
  }),
  ciscoLike("dell_powerconnect", {
    // SSH "none" auth, then the switch asks in-band.
    loginHandlers: [
      { prompt: /User Name:\s*$/i, answer: { credential: "username" } },
      { prompt: /Password:\s*$/i, answer: { credential: "password" } },
    ],
    enableDuringLogin: true,
    sessionPreparation: ["terminal datadump", "terminal length 0"],
    // netmiko tests for the exact `(config)#`; sub-modes are config mode too, so `end` is sent from them.
    config: { enter: "config", exit: "end", inConfigPattern: IN_CONFIG },
    // netmiko sends no answer; some models ask, and a missing answer would hang until the deadline.
    save: {
      command: "copy running-config startup-config",
      confirm: [{ prompt: /\[Yes\/press any key for no\][.\s]*$/i, answer: "Y" }],
    },
    errorPatterns: [
      /% Incomplete command/,
      /VLAN was not created by user/,
      /Configuration Database locked by another application - try later/,
      /Port is not in Layer-2 mode/,
      /% Invalid input detected/,
      /% Unrecognized command/,
    ],
  }),
  {
    name: "juniper",
    promptPattern: promptPatternFor("#>"),
    promptTerminators: "#>",
    promptContextLines: /^\s*(?:\[edit[^\]\n]*\]|\{[\w:]+\})\s*$/,
    // root lands in the FreeBSD shell and needs `cli`.
    loginHandlers: [{ prompt: /(?:^|\n)(?:root@[^\n]*)?[%$][ \t]*$/, answer: "cli" }],
    sessionPreparation: ["set cli screen-width 511", "set cli complete-on-space off", "set cli screen-length 0"],
    returnChar: "\n",
    config: {
      enter: "configure",
      exit: "exit configuration-mode",
      inConfigPattern: /#\s*$/,
      exitConfirm: [{ prompt: /Exit with uncommitted changes\?[^\n]*$/, answer: "yes" }],
    },
    commit: { command: "commit", success: /commit complete/, inConfigMode: true },
    errorPatterns: [/unknown command\./, /syntax error\./, /^\s*error:/m],
    logout: ["exit"],
  },
  HUAWEI,
  {
    // VRPv8 stages changes: they take effect at `commit`, so a config set stays in system-view.
    ...HUAWEI,
    name: "huawei_vrpv8",
    config: { ...HUAWEI_CONFIG, exitAfterConfigSet: false },
    // netmiko: success unless the output says the commit failed.
    commit: { command: "commit", success: /(?:)/, failure: /Failed to generate committed config/, inConfigMode: true },
  },
  {
    name: "hp_comware",
    promptPattern: promptPatternFor(">]"),
    promptTerminators: ">]",
    basePromptPattern: /^(?:RBM_.)?[<[]([^>\]]+)[>\]]\s*$/,
    loginHandlers: [{ prompt: /Press Y or ENTER to continue[^\n]*$/i, answer: "" }],
    sessionPreparation: ["screen-length disable"],
    returnChar: "\n",
    // netmiko's enable() on Comware *is* system-view.
    enable: { command: "system-view", passwordPrompt: PASSWORD, enabledPattern: /\]\s*$/ },
    config: { enter: "system-view", exit: "return", inConfigPattern: /\]\s*$/ },
    save: { command: "save force", requiresEnable: true },
    errorPatterns: [/% Unrecognized command/, /% Wrong parameter/, /% Incomplete command/, /% Too many parameters/],
    logout: ["quit"],
  },
  ciscoLike("brocade_fastiron", {
    enableDuringLogin: true,
    sessionPreparation: ["skip-page-display"],
    enable: {
      command: "enable",
      passwordPrompt: PASSWORD,
      enabledPattern: ENABLED,
      usernamePrompt: /(?:User Name|Login)\s*:\s*$/i,
    },
    save: { command: "write mem" },
    errorPatterns: [/Invalid input ->/, /^\s*Error\b/m],
  }),
  {
    name: "mellanox_mlnxos",
    promptPattern: promptPatternFor("#>"),
    promptTerminators: "#>",
    sessionPreparation: ["no cli session paging enable"],
    returnChar: "\n",
    enable: { command: "enable", passwordPrompt: PASSWORD, enabledPattern: ENABLED },
    config: { enter: "configure terminal", exit: "exit", inConfigPattern: /\(config[^)]*\)\s*#\s*$/, exitRepeat: 13 },
    save: { command: "configuration write", requiresEnable: true, mode: "config" },
    errorPatterns: [/% Unrecognized command/, /% Invalid/, /% Incomplete command/],
    logout: ["exit"],
  },
  linuxLike("linux", [/command not found/, /ERROR: Command not found\./]),
  linuxLike("ovs_linux", [/command not found/, /^ovs-vsctl: /m]),
  {
    name: "supermicro_smis",
    promptPattern: promptPatternFor("#>"),
    promptTerminators: "#>",
    // Pagination is a config-mode command on SMIS.
    sessionPreparation: ["configure terminal", "set cli pagination off", "terminal width 511", "end"],
    returnChar: "\n",
    config: { enter: "configure terminal", exit: "end", inConfigPattern: IN_CONFIG },
    save: { command: "write startup-config", mode: "exec" },
    errorPatterns: [/% Invalid/i, /% Incomplete/i],
    logout: ["exit"],
  },
  {
    name: "nokia_srl",
    promptPattern: promptPatternFor("#"),
    promptTerminators: "#",
    promptContextLines: /^--\{.*\}--/,
    sessionPreparation: ["environment complete-on-space false", "environment cli-engine type basic"],
    returnChar: "\n",
    config: {
      enter: "enter candidate private",
      exit: "enter running",
      // One space after `{`, flags, one space before `candidate` (netmiko's regex, loosened).
      inConfigPattern: /--\{ [*+! ]*candidate/,
      beforeExit: [{ when: /--\{ [+!]*\*[+!]* ?candidate/, command: "discard stay" }],
      exitAfterConfigSet: false,
    },
    save: { command: "save startup" },
    commit: { command: "commit stay", success: /All changes have been committed/, inConfigMode: true },
    errorPatterns: [/Parsing error/, /^\s*Error:/m],
    logout: [],
  },
  {
    name: "pluribus",
    promptPattern: promptPatternFor("#>"),
    promptTerminators: "#>",
    sessionPreparation: ["pager off"],
    returnChar: "\n",
    // Single mode: no enable, no config mode, config is persistent (no save).
    errorPatterns: [/^\s*[Ee]rror\b/m, /command not found/, /^\s*[Uu]nknown command/m],
    logout: [],
  },
  ciscoLike("aruba_aoscx", {
    returnChar: "\r",
    sessionPreparation: ["no page"],
    // Spelled out: the CLI completes keywords on space. Sub-modes count as config mode (netmiko: exact `(config)#`).
    config: { enter: "configure term", exit: "end", inConfigPattern: IN_CONFIG },
    save: { command: "copy running-config startup-config" },
    errorPatterns: [/Invalid input/, /% Command incomplete/],
  }),
  ciscoLike("ruijie_os", {
    loginHandlers: [{ prompt: /Do you want to change the password[^\n]*$/i, answer: "n" }],
    enableDuringLogin: true,
    sessionPreparation: ["terminal width 256", "terminal length 0"],
    save: { command: "write" },
  }),
];

/** Every platform by name. */
export const platforms: Readonly<Record<string, Platform>> = Object.freeze(
  Object.fromEntries(list.map((p) => [p.name, Object.freeze(p)])),
);

export const platformNames: readonly string[] = Object.freeze(list.map((p) => p.name));

/** Looks a platform up by name; unknown names throw UnknownPlatformError listing the known ones. */
export function getPlatform(name: string): Platform {
  const p = Object.hasOwn(platforms, name) ? platforms[name] : undefined;
  if (!p) throw new UnknownPlatformError(name, platformNames);
  return p;
}

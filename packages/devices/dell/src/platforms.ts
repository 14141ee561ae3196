/** The Dell dialects (OS10, FTOS, PowerConnect); `static platform` of the device classes. */
import { iosLike } from "@ngs/core/device-kit";

/** Upstream's ERROR_MSG_PATTERNS for PowerConnect (checked on every command); the platform adds netmiko's. */
export const POWERCONNECT_ERROR_PATTERNS: readonly RegExp[] = [
  /% Incomplete command/,
  /VLAN was not created by user/,
  /Configuration Database locked by another application - try later/,
  /Port is not in Layer-2 mode/,
];

const DELL_ERRORS = [/% Error:/, /^\s*Error:/m];

export const dellOs10 = iosLike({
  name: "dell_os10",
  sessionPreparation: ["terminal length 0"],
  save: { command: "copy running-configuration startup-configuration" },
  errorText: "% Error: Unrecognized command.",
  errorPatterns: DELL_ERRORS,
});

export const dellForce10 = iosLike({
  name: "dell_force10",
  // Optional banner acknowledgement before the first prompt.
  loginHandlers: [{ prompt: /\[?y\/n\]?:?\s*$/i, answer: "y" }],
  sessionPreparation: ["terminal length 0"],
  save: { command: "write memory" },
  errorText: '% Error: Invalid input at "^" marker.',
  errorPatterns: DELL_ERRORS,
});

export const dellPowerconnect = iosLike({
  name: "dell_powerconnect",
  // SSH "none" auth, then the switch asks in-band.
  loginHandlers: [
    { prompt: /User Name:\s*$/i, answer: { credential: "username" } },
    { prompt: /Password:\s*$/i, answer: { credential: "password" } },
  ],
  enableDuringLogin: true,
  sessionPreparation: ["terminal datadump", "terminal length 0"],
  // netmiko tests for the exact `(config)#`; sub-modes are config mode too, so `end` is sent from them.
  config: { enter: "config", exit: "end", inConfigPattern: /\)\s*#\s*$/ },
  // netmiko sends no answer; some models ask, and a missing answer would hang until the deadline.
  save: {
    command: "copy running-config startup-config",
    confirm: [{ prompt: /\[Yes\/press any key for no\][.\s]*$/i, answer: "Y" }],
  },
  errorText: "% Unrecognized command",
  errorPatterns: [...POWERCONNECT_ERROR_PATTERNS, /% Invalid input detected/, /% Unrecognized command/],
});

/**
 * A dialect for a platform the simulator has no model of: its family's
 * model, speaking the platform's own texts, all read from what the
 * platform-kit builder recorded. IOS-, Junos-, VRP- and Linux-shell-like
 * platforms get their prompt characters, enable/config commands,
 * session-preparation lines, commit or save command (and question) and
 * error text; SR Linux- and single-mode-like ones their family's model,
 * renamed. This is what lets a third-party plugin's new dialect run against
 * the simulator with no change here.
 */
import type { Dialect } from "../dialect.js";
import type { SimPlatform } from "../types.js";
import { iosFamily, type IosSpec } from "./ios-family.js";
import { iosBase } from "./ios-specs.js";
import { junosBase, junosDialect } from "./junos.js";
import { linuxShell, plainLinux } from "./linux-shell.js";
import { pluribus, srl } from "./srl-pluribus.js";
import { vrp } from "./vrp.js";

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const exact = (s: string): RegExp => new RegExp(`^${escape(s)}$`, "i");
const NOTHING = /(?!)/;
type Kit = NonNullable<SimPlatform["kit"]>;

/** The platform's session-preparation lines, accepted silently. */
const quietLines = (p: SimPlatform): RegExp[] => (p.sessionPreparation ?? []).map(exact);
const banner = (p: SimPlatform): string => `${p.name} (simulated by ngs switch-sim)\n`;
/** The text a success pattern stands for, when it is a plain literal (else `fallback`). */
const literal = (re: RegExp | undefined, fallback: string): string => (re && /^[\w ,.'-]+$/.test(re.source) ? re.source : fallback);
/** The answer the save dialogue's first step gives (the switch's "yes"), when it is text. */
const answerOf = (p: SimPlatform): string | undefined => {
  const a = p.save?.confirm?.[0]?.answer;
  return typeof a === "string" ? a : undefined;
};

function iosSpecFor(p: SimPlatform, kit: Kit): IosSpec {
  const { user, enabled } = kit.promptChars;
  const answer = answerOf(p);
  return {
    ...iosBase,
    platform: p.name,
    defaultHostname: "sw1",
    startEnabled: !p.enable,
    banner: banner(p),
    prompt: (host, level, label) => (level === "user" ? host + user : level === "enable" ? host + enabled : `${host}(${label})${enabled}`),
    paging: [...iosBase.paging, ...(p.sessionPreparation ?? []).map((l): [RegExp, string] => [exact(l), ""])],
    ...(p.enable ? { enableCommand: exact(p.enable.command) } : {}),
    configEnter: p.config ? exact(p.config.enter) : NOTHING,
    ...(p.config ? { configExit: exact(p.config.exit) } : {}),
    configBanner: "",
    save: {
      commands: p.save ? exact(p.save.command) : NOTHING,
      level: p.save?.mode === "config" ? "config" : "enable",
      ...(kit.saveQuestion && answer !== undefined
        ? { confirm: { question: kit.saveQuestion, yes: exact(answer), aborted: "Aborted." } }
        : {}),
      output: "[OK]",
    },
    invalid: () => kit.errorText,
    syntax: { vlanCommand: true, interfaceVlan: false },
  };
}

function junosFor(p: SimPlatform, kit: Kit): Dialect {
  return junosDialect({
    ...junosBase,
    platform: p.name,
    banner: banner(p),
    promptChars: kit.promptChars,
    configEnter: p.config ? new RegExp(`^${escape(p.config.enter)}( private| exclusive)?$`, "i") : NOTHING,
    configExit: p.config ? exact(p.config.exit) : junosBase.configExit,
    commit: p.commit ? new RegExp(`^${escape(p.commit.command)}( comment ".*")?$`, "i") : NOTHING,
    commitOutput: literal(p.commit?.success, junosBase.commitOutput),
    quietLines: quietLines(p),
    invalid: () => kit.errorText,
  });
}

function vrpFor(p: SimPlatform, kit: Kit): Dialect {
  const answer = answerOf(p);
  return vrp({
    platform: p.name,
    defaultHostname: "sw1",
    banner: banner(p),
    twoStage: false,
    comware: false,
    systemViewBanner: "",
    errorPrefix: "Error:",
    derived: {
      promptChars: kit.promptChars,
      systemView: p.config ? exact(p.config.enter) : NOTHING,
      returnCommand: p.config ? exact(p.config.exit) : /^return$/,
      save: p.save ? exact(p.save.command) : NOTHING,
      saveQuestion: kit.saveQuestion ?? "Warning: The current configuration will be written to the device. Are you sure to continue?[Y/N]:",
      saveYes: answer !== undefined ? exact(answer) : /^y/i,
      quietLines: quietLines(p),
      errorText: kit.errorText,
    },
  });
}

function linuxFor(p: SimPlatform, kit: Kit): Dialect {
  const rootBy = [p.enable?.command, p.config?.enter].filter((c): c is string => c !== undefined);
  return linuxShell({
    ...plainLinux,
    platform: p.name,
    derived: {
      promptChars: kit.promptChars,
      becomeRoot: rootBy.length ? new RegExp(rootBy.map((c) => `^${escape(c)}$`).join("|"), "i") : NOTHING,
      leave: p.config ? exact(p.config.exit) : NOTHING,
      quietLines: quietLines(p),
      // The family's own text is bash's; keep bash's full line for it.
      ...(kit.errorText !== "command not found" ? { errorText: kit.errorText } : {}),
    },
  });
}

export function derivedDialect(p: SimPlatform): Dialect {
  const kit = p.kit;
  const renamed = (d: Dialect): Dialect => ({ ...d, platform: p.name });
  switch (kit?.family) {
    case "ios":
      return iosFamily(iosSpecFor(p, kit));
    case "linux":
      return linuxFor(p, kit);
    case "junos":
      return junosFor(p, kit);
    case "vrp":
      return vrpFor(p, kit);
    case "srl":
      return renamed(srl);
    case "single-mode":
      return renamed(pluribus);
    default:
      throw new Error(
        `switch-sim: platform "${p.name}" has ${kit ? `an unknown family "${kit.family}"` : "no kit.family"}: build it with @ngs/cli-session/platform-kit (iosLike, junosLike, vrpLike, linuxShell, srlLike, singleModeCli)`,
      );
  }
}

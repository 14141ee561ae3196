/**
 * A dialect for a platform the simulator has no model of: its family's
 * model, speaking the platform's own texts (prompt characters, enable and
 * config commands, save command and question, error text), all read from
 * what the platform-kit builder recorded. This is what lets a third-party
 * plugin's new dialect run against the simulator with no change here.
 */
import type { Dialect } from "../dialect.js";
import type { SimPlatform } from "../types.js";
import { iosFamily, type IosSpec } from "./ios-family.js";
import { iosBase } from "./ios-specs.js";
import { junos } from "./junos.js";
import { linuxShell, plainLinux } from "./linux-shell.js";
import { pluribus, srl } from "./srl-pluribus.js";
import { vrpDialects } from "./vrp.js";

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const exact = (s: string): RegExp => new RegExp(`^${escape(s)}$`, "i");
const NOTHING = /(?!)/;

function iosSpecFor(p: SimPlatform, kit: NonNullable<SimPlatform["kit"]>): IosSpec {
  const { user, enabled } = kit.promptChars;
  const answer = p.save?.confirm?.[0]?.answer;
  return {
    ...iosBase,
    platform: p.name,
    defaultHostname: "sw1",
    startEnabled: !p.enable,
    banner: `${p.name} (simulated by ngs switch-sim)\n`,
    prompt: (host, level, label) => (level === "user" ? host + user : level === "enable" ? host + enabled : `${host}(${label})${enabled}`),
    paging: [...iosBase.paging, ...(p.sessionPreparation ?? []).map((l): [RegExp, string] => [exact(l), ""])],
    ...(p.enable ? { enableCommand: exact(p.enable.command) } : {}),
    configEnter: p.config ? exact(p.config.enter) : NOTHING,
    ...(p.config ? { configExit: exact(p.config.exit) } : {}),
    configBanner: "",
    save: {
      commands: p.save ? exact(p.save.command) : NOTHING,
      level: p.save?.mode === "config" ? "config" : "enable",
      ...(kit.saveQuestion && typeof answer === "string"
        ? { confirm: { question: kit.saveQuestion, yes: exact(answer), aborted: "Aborted." } }
        : {}),
      output: "[OK]",
    },
    invalid: () => kit.errorText,
    syntax: { vlanCommand: true, interfaceVlan: false },
  };
}

export function derivedDialect(p: SimPlatform): Dialect {
  const kit = p.kit;
  const renamed = (d: Dialect): Dialect => ({ ...d, platform: p.name });
  switch (kit?.family) {
    case "ios":
      return iosFamily(iosSpecFor(p, kit));
    case "linux":
      return linuxShell({ ...plainLinux, platform: p.name });
    case "junos":
      return renamed(junos);
    case "vrp":
      return renamed(vrpDialects[0]!);
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

import type { Dialect } from "../dialect.js";
import type { SimPlatform } from "../types.js";
import { derivedDialect } from "./derived.js";
import { iosDialects } from "./ios-specs.js";
import { junos } from "./junos.js";
import { fake } from "./linux/fake.js";
import { nclu } from "./linux/nclu.js";
import { nvue } from "./linux/nvue.js";
import { ovs } from "./linux/ovs.js";
import { sonic } from "./linux/sonic.js";
import { linuxShell, plainLinux } from "./linux-shell.js";
import { pluribus, srl } from "./srl-pluribus.js";
import { vrpDialects } from "./vrp.js";

const all: Dialect[] = [
  ...iosDialects,
  junos,
  ...vrpDialects,
  ...[plainLinux, nclu, nvue, sonic, ovs, fake].map(linuxShell),
  srl,
  pluribus,
];
const byName = new Map(all.map((d) => [d.platform, d]));

/** Every platform the simulator models by name (any platform-kit `Platform` object is served too). */
export const platforms: readonly string[] = all.map((d) => d.platform);

/**
 * The model of a platform: the simulator's own for a platform it knows by
 * name, else one derived from a `Platform` object's family and texts.
 */
export function dialectFor(platform: string | SimPlatform): Dialect {
  const d = byName.get(typeof platform === "string" ? platform : platform.name);
  if (d) return d;
  if (typeof platform !== "string") return derivedDialect(platform);
  throw new Error(`switch-sim: unknown platform "${platform}"; known platforms: ${platforms.join(", ")} (or pass a Platform object)`);
}

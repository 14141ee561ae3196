import type { Dialect } from "../dialect.js";
import { iosDialects } from "./ios-specs.js";
import { junos } from "./junos.js";
import { fake, nclu, nvue, ovs, sonic } from "./linux-flavors.js";
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

/** Every platform the simulator speaks. */
export const platforms: readonly string[] = all.map((d) => d.platform);

export function dialectFor(platform: string): Dialect {
  const d = byName.get(platform);
  if (!d) throw new Error(`switch-sim: unknown platform "${platform}"; known platforms: ${platforms.join(", ")}`);
  return d;
}

// Every first-party platform, gathered from the vendor packages that declare them.
import { linux, type Platform } from "@ngs/cli-session/platform-kit";
import * as arista from "@ngs/device-arista/platforms";
import * as aruba from "@ngs/device-aruba/platforms";
import * as brocade from "@ngs/device-brocade/platforms";
import * as cisco from "@ngs/device-cisco/platforms";
import * as cumulus from "@ngs/device-cumulus/platforms";
import * as dell from "@ngs/device-dell/platforms";
import * as fake from "@ngs/device-fake/platforms";
import * as hpe from "@ngs/device-hpe/platforms";
import * as huawei from "@ngs/device-huawei/platforms";
import * as juniper from "@ngs/device-juniper/platforms";
import * as mellanox from "@ngs/device-mellanox/platforms";
import * as nokia from "@ngs/device-nokia/platforms";
import * as ovs from "@ngs/device-ovs/platforms";
import * as pluribus from "@ngs/device-pluribus/platforms";
import * as ruijie from "@ngs/device-ruijie/platforms";
import * as sonic from "@ngs/device-sonic/platforms";
import * as supermicro from "@ngs/device-supermicro/platforms";

const modules = [arista, aruba, brocade, cisco, cumulus, dell, fake, hpe, huawei, juniper, mellanox, nokia, ovs, pluribus, ruijie, sonic, supermicro];
const all: Platform[] = [
  linux,
  ...modules.flatMap((m) => Object.values(m as Record<string, unknown>)).filter((v): v is Platform => typeof v === "object" && v !== null && "kit" in v),
];

/** Every built-in platform by name. */
export const platforms: Readonly<Record<string, Platform>> = Object.fromEntries(all.map((p) => [p.name, p]));
export const platformNames: readonly string[] = all.map((p) => p.name);
export function getPlatform(name: string): Platform {
  const p = platforms[name];
  if (!p) throw new Error(`no built-in platform ${name}`);
  return p;
}

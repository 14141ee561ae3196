/** The upstream's `netmiko_fake` command set flavour of the simulated Linux shell. */
import { vlanName } from "../../show.js";
import { addAllowed, addVlan, deleteVlan, deriveMode, port, removeAllowed } from "../../state.js";
import type { ShellFlavor } from "../linux-shell.js";

/** The command set of upstream's `netmiko_fake` driver, modelled for demos. */
export const fake: ShellFlavor = {
  platform: "fake",
  defaultHostname: "fake",
  banner: "ngs fake switch (simulated)\n",
  open: (ctx) => (line) => {
    const s = ctx.state;
    let m: RegExpExecArray | null;
    if ((m = /^add network (\d+)$/.exec(line))) return addVlan(s, Number(m[1])), true;
    if ((m = /^delete network (\d+)$/.exec(line))) return deleteVlan(s, Number(m[1])), true;
    if ((m = /^plug port (\S+) to network (\d+)$/.exec(line))) {
      const p = port(s, m[1]!);
      p.accessVlan = Number(m[2]);
      deriveMode(p);
      return true;
    }
    if ((m = /^delete port (\S+)$/.exec(line))) {
      const p = port(s, m[1]!);
      p.accessVlan = null;
      p.nativeVlan = null;
      p.allowedVlans = [];
      deriveMode(p);
      return true;
    }
    if ((m = /^add network (\d+) to trunk (\S+)$/.exec(line))) {
      const p = port(s, m[2]!);
      addAllowed(p, [Number(m[1])]);
      deriveMode(p);
      return true;
    }
    if ((m = /^remove network (\d+) from trunk (\S+)$/.exec(line))) {
      const p = port(s, m[2]!);
      removeAllowed(p, [Number(m[1])]);
      deriveMode(p);
      return true;
    }
    if ((m = /^(enable|disable) (\S+)$/.exec(line))) return void (port(s, m[2]!).shutdown = m[1] === "disable"), true;
    if (/security group/.test(line)) return true;
    if (line === "show vlans") {
      ctx.out([...s.vlans.keys()].sort((a, b) => a - b).map((id) => `${id} ${vlanName(s, id)}`).join("\n"));
      return true;
    }
    return false;
  },
};

/**
 * The exact command lists of upstream networking-generic-switch (docs/upstream.md#command-lists-per-device-type),
 * sent the way the drivers send them, must be accepted without error output and
 * leave the switch in the VLAN/port state they mean.
 */
import { afterAll, describe, expect, it } from "vitest";
import { startSwitch, type SimSwitch } from "@ngs/switch-sim";
import { Term, port } from "./helpers.js";

const S = 100;
const N = "net-a";
const PROMPT = /[>#\]$] ?$/;
const ERROR = /% |Error|error|Invalid|invalid|Unrecognized|unknown command|syntax error|not found|Parsing error/;

interface Case {
  platform: string;
  /** Lines to reach the mode the driver works in (answers included). */
  login: string[];
  steps: { lines: string[]; state: ReturnType<typeof snap> }[];
}
function snap(vlans: [number, string | null][], ports: Record<string, ReturnType<typeof port>>) {
  return { vlans: vlans.map(([id, name]) => ({ id, name })), ports };
}

const ios = (p: string, save: string) => ({
  plug: [`vlan ${S}`, `name ${N}`, `interface ${p}`, `switchport mode access`, `switchport access vlan ${S}`],
  unplug: [`interface ${p}`, `no switchport access vlan ${S}`, `no switchport mode trunk`, `switchport trunk allowed vlan none`, `no vlan ${S}`],
  save,
});

const cases: Case[] = [
  ...(["cisco_ios", "ruijie_os", "supermicro_smis"] as const).map((platform): Case => {
    const c = ios("Gi0/1", platform === "supermicro_smis" ? "write startup-config" : platform === "ruijie_os" ? "write" : "write mem");
    return {
      platform,
      login: platform === "supermicro_smis" ? [] : ["enable", "en-secret"],
      steps: [
        { lines: ["configure terminal", ...c.plug, "end", c.save], state: snap([[S, N]], { "Gi0/1": port({ mode: "access", accessVlan: S }) }) },
        { lines: ["configure terminal", ...c.unplug, "end", c.save], state: snap([], { "Gi0/1": port({}) }) },
      ],
    };
  }),
  {
    platform: "arista_eos",
    login: ["terminal width 511", "terminal length 0", "enable", "en-secret"],
    steps: [
      {
        lines: ["configure terminal", `vlan ${S}`, `name ${N}`, "interface Ethernet1", "switchport mode trunk", `switchport trunk native vlan ${S}`, `switchport trunk allowed vlan add ${S}`, "interface Ethernet2", "switchport mode access", `switchport access vlan ${S}`, "interface Ethernet1", "shutdown", "end", "copy running-config startup-config"],
        state: snap([[S, N]], { Ethernet1: port({ mode: "trunk", nativeVlan: S, allowedVlans: [S], shutdown: true }), Ethernet2: port({ mode: "access", accessVlan: S }) }),
      },
      {
        lines: ["configure terminal", "interface Ethernet1", `no switchport trunk native vlan ${S}`, `switchport trunk allowed vlan remove ${S}`, "no shutdown", "interface Ethernet2", `no switchport access vlan ${S}`, "no switchport mode trunk", "switchport trunk allowed vlan none", `no vlan ${S}`, "end"],
        state: snap([], { Ethernet1: port({ mode: "trunk" }), Ethernet2: port({}) }),
      },
    ],
  },
  {
    platform: "cisco_nxos",
    login: ["terminal width 511", "terminal length 0"],
    steps: [
      {
        lines: ["configure terminal", `vlan ${S}`, `name ${N}`, "exit", "interface Ethernet1/1", "switchport mode access", `switchport access vlan ${S}`, "exit", "interface Ethernet1/2", "switchport mode trunk", `switchport trunk allowed vlan add ${S}`, "exit", "end", "copy running-config startup-config"],
        state: snap([[S, N]], { "Ethernet1/1": port({ mode: "access", accessVlan: S }), "Ethernet1/2": port({ mode: "trunk", allowedVlans: [S] }) }),
      },
      {
        lines: ["configure terminal", "interface Ethernet1/1", "no switchport access vlan", "exit", "interface Ethernet1/2", `switchport trunk allowed vlan remove ${S}`, "exit", `no vlan ${S}`, "end"],
        state: snap([], { "Ethernet1/1": port({ mode: "access" }), "Ethernet1/2": port({ mode: "trunk" }) }),
      },
    ],
  },
  {
    platform: "dell_os10",
    login: ["terminal length 0"],
    steps: [
      {
        lines: ["configure terminal", `interface vlan ${S}`, `description ${N}`, "exit", "interface ethernet1/1/1", "switchport mode access", `switchport access vlan ${S}`, "exit", "interface ethernet1/1/2", "switchport mode trunk", `switchport trunk allowed vlan ${S}`, "exit", "end", "copy running-configuration startup-configuration"],
        state: snap([[S, N]], { "ethernet1/1/1": port({ mode: "access", accessVlan: S }), "ethernet1/1/2": port({ mode: "trunk", allowedVlans: [S] }) }),
      },
      {
        lines: ["configure terminal", "interface ethernet1/1/1", "no switchport access vlan", "exit", "interface ethernet1/1/2", `no switchport trunk allowed vlan ${S}`, "exit", `no interface vlan ${S}`, "exit"],
        state: snap([], { "ethernet1/1/1": port({ mode: "access" }), "ethernet1/1/2": port({ mode: "trunk" }) }),
      },
    ],
  },
  {
    platform: "dell_force10",
    login: ["terminal length 0", "enable", "en-secret"],
    steps: [
      {
        lines: ["configure terminal", `interface vlan ${S}`, `description ${N}`, "exit", `interface vlan ${S}`, "untagged Te 1/1", "exit", `interface vlan ${S}`, "tagged Te 1/2", "exit", "end", "write memory"],
        state: snap([[S, N]], { "Te 1/1": port({ mode: "access", accessVlan: S }), "Te 1/2": port({ mode: "trunk", allowedVlans: [S] }) }),
      },
      {
        lines: ["configure terminal", `interface vlan ${S}`, "no untagged Te 1/1", "exit", `interface vlan ${S}`, "no tagged Te 1/2", "exit", `no interface vlan ${S}`, "exit"],
        state: snap([], { "Te 1/1": port({}), "Te 1/2": port({}) }),
      },
    ],
  },
  {
    platform: "dell_powerconnect",
    login: ["enable", "en-secret", "terminal datadump", "terminal length 0"],
    steps: [
      {
        lines: ["config", "vlan database", `vlan ${S}`, "exit", "interface 1/g1", `switchport access vlan ${S}`, "exit", "interface 1/g2", `switchport general allowed vlan add ${S} tagged`, "exit", "end", "copy running-config startup-config"],
        state: snap([[S, null]], { "1/g1": port({ accessVlan: S }), "1/g2": port({ mode: "general", allowedVlans: [S] }) }),
      },
      {
        lines: ["config", "interface 1/g1", "switchport access vlan none", "exit", "interface 1/g2", `switchport general allowed vlan remove ${S}`, "exit", "vlan database", `no vlan ${S}`, "exit", "end"],
        state: snap([], { "1/g1": port({}), "1/g2": port({ mode: "general" }) }),
      },
    ],
  },
  {
    platform: "cisco_s300",
    login: ["terminal width 511", "terminal datadump"],
    steps: [
      { lines: ["configure terminal", `vlan ${S}`, "interface gi1/0/1", "switchport mode access", `switchport access vlan ${S}`, "end"], state: snap([[S, null]], { "gi1/0/1": port({ mode: "access", accessVlan: S }) }) },
      { lines: ["configure terminal", "interface gi1/0/1", "no switchport access vlan", "switchport trunk allowed vlan remove all", `no vlan ${S}`, "end"], state: snap([], { "gi1/0/1": port({ mode: "access" }) }) },
    ],
  },
  {
    platform: "brocade_fastiron",
    login: ["enable", "en-secret", "skip-page-display"],
    steps: [
      {
        lines: ["configure terminal", `vlan ${S} by port`, `name ${N}`, "show interfaces ether 1/1/1 | include VLAN", `vlan ${S} by port`, "untagged ether 1/1/1", "end", "write mem"],
        state: snap([[S, N]], { "1/1/1": port({ mode: "access", accessVlan: S }) }),
      },
      { lines: ["configure terminal", `vlan ${S} by port`, "no untagged ether 1/1/1", `no vlan ${S}`, "end"], state: snap([], { "1/1/1": port({}) }) },
    ],
  },
  {
    platform: "mellanox_mlnxos",
    login: ["enable", "no cli session paging enable"],
    steps: [
      { lines: ["configure terminal", `vlan ${S}`, "name 3f7c-uuid", "exit", "interface ethernet 1/1", "switchport mode access", `switchport access vlan ${S}`, "exit", "configuration write", "exit"], state: snap([[S, "3f7c-uuid"]], { "1/1": port({ mode: "access", accessVlan: S }) }) },
      { lines: ["configure terminal", "interface ethernet 1/1", "no switchport access vlan", "no switchport mode", "exit", `no vlan ${S}`, "exit"], state: snap([], { "1/1": port({}) }) },
    ],
  },
  {
    platform: "aruba_aoscx",
    login: ["no page"],
    steps: [
      {
        lines: ["configure term", `vlan ${S}`, `name ${N}`, "interface 1/1/1", "no routing", `vlan access ${S}`, "interface 1/1/2", "no routing", `vlan trunk allowed ${S}`, "shutdown", "end", "copy running-config startup-config"],
        state: snap([[S, N]], { "1/1/1": port({ mode: "access", accessVlan: S }), "1/1/2": port({ mode: "trunk", allowedVlans: [S], shutdown: true }) }),
      },
      { lines: ["configure term", "interface 1/1/1", `no vlan access ${S}`, "interface 1/1/2", `no vlan trunk allowed ${S}`, "no shutdown", `no vlan ${S}`, "end"], state: snap([], { "1/1/1": port({}), "1/1/2": port({ mode: "trunk" }) }) },
    ],
  },
  {
    platform: "huawei",
    login: ["screen-length 0 temporary"],
    steps: [
      { lines: ["system-view", `vlan ${S}`, "interface GigabitEthernet0/0/1", "port link-type access", `port default vlan ${S}`, "return"], state: snap([[S, null]], { "GigabitEthernet0/0/1": port({ mode: "access", accessVlan: S }) }) },
      { lines: ["system-view", "interface GigabitEthernet0/0/1", `undo port default vlan ${S}`, `undo vlan ${S}`, "return"], state: snap([], { "GigabitEthernet0/0/1": port({ mode: "access" }) }) },
    ],
  },
  {
    platform: "huawei_vrpv8",
    login: ["screen-length 0 temporary"],
    steps: [
      { lines: ["system-view", `vlan ${S}`, "commit", "interface 10GE1/0/1", "port link-type access", `port default vlan ${S}`, "commit"], state: snap([[S, null]], { "10GE1/0/1": port({ mode: "access", accessVlan: S }) }) },
      { lines: ["interface 10GE1/0/1", `undo port default vlan ${S}`, "commit", `undo vlan ${S}`, "commit", "return"], state: snap([], { "10GE1/0/1": port({ mode: "access" }) }) },
    ],
  },
  {
    platform: "hp_comware",
    login: ["screen-length disable"],
    steps: [
      { lines: ["system-view", `vlan ${S}`, "interface GigabitEthernet1/0/1", "port link-type access", `port access vlan ${S}`, "return", "system-view", "save force", "return"], state: snap([[S, null]], { "GigabitEthernet1/0/1": port({ mode: "access", accessVlan: S }) }) },
      { lines: ["system-view", "interface GigabitEthernet1/0/1", "undo port access vlan", `undo vlan ${S}`, "return"], state: snap([], { "GigabitEthernet1/0/1": port({ mode: "access" }) }) },
    ],
  },
  {
    platform: "juniper",
    login: ["set cli screen-width 511", "set cli complete-on-space off", "set cli screen-length 0", "configure private"],
    steps: [
      {
        lines: [`set vlans ${N} vlan-id ${S}`, "delete interfaces xe-0/0/1 unit 0 family ethernet-switching vlan members", `set interfaces xe-0/0/1 unit 0 family ethernet-switching vlan members ${S}`, "set interfaces xe-0/0/1 disable", "commit"],
        state: snap([[S, N]], { "xe-0/0/1": port({ mode: "access", accessVlan: S, shutdown: true }) }),
      },
      { lines: ["delete interfaces xe-0/0/1 unit 0 family ethernet-switching vlan members", "delete interfaces xe-0/0/1 disable", `delete vlans ${N}`, "commit"], state: snap([], { "xe-0/0/1": port({}) }) },
    ],
  },
  {
    platform: "cumulus",
    login: [],
    steps: [
      { lines: [`net add vlan ${S}`, `net add interface swp1 bridge access ${S}`, `net add bond bond1 bridge access ${S}`, "net commit"], state: snap([[S, null]], { swp1: port({ mode: "access", accessVlan: S }), bond1: port({ mode: "access", accessVlan: S }) }) },
      { lines: [`net del interface swp1 bridge access ${S}`, `net del bond bond1 bridge access ${S}`, `net del vlan ${S}`, "net commit"], state: snap([], { swp1: port({}), bond1: port({}) }) },
    ],
  },
  {
    platform: "cumulus_nvue",
    login: [],
    steps: [
      {
        lines: [`nv set bridge domain br_default vlan ${S}`, "nv unset interface swp1 bridge domain br_default untagged", `nv set interface swp1 bridge domain br_default access ${S}`, "nv config apply --assume-yes", "nv config save"],
        state: snap([[S, null]], { swp1: port({ mode: "access", accessVlan: S }) }),
      },
      {
        lines: ["nv unset interface swp1 bridge domain br_default access", "nv unset interface swp1 bridge domain br_default untagged", "nv unset interface swp1 bridge domain br_default vlan", `nv unset bridge domain br_default vlan ${S}`, "nv config apply --assume-yes"],
        state: snap([], { swp1: port({}) }),
      },
    ],
  },
  {
    platform: "sonic",
    login: ["sudo -s", "en-secret"],
    steps: [
      { lines: [`config vlan add ${S}`, `config vlan member add -u ${S} Ethernet0`, `config vlan member add ${S} Ethernet4`, "config save -y"], state: snap([[S, null]], { Ethernet0: port({ mode: "access", accessVlan: S }), Ethernet4: port({ mode: "trunk", allowedVlans: [S] }) }) },
      { lines: [`config vlan member del ${S} Ethernet0`, `config vlan member del ${S} Ethernet4`, `config vlan del ${S}`, "config save -y"], state: snap([], { Ethernet0: port({}), Ethernet4: port({}) }) },
    ],
  },
  {
    platform: "ovs_linux",
    login: ["sudo -s", "en-secret"],
    steps: [
      { lines: ["ovs-vsctl set port p1 vlan_mode=access", `ovs-vsctl set port p1 tag=${S}`], state: snap([], { p1: port({ mode: "access", accessVlan: S }) }) },
      { lines: ["ovs-vsctl clear port p1 tag", "ovs-vsctl clear port p1 trunks", "ovs-vsctl clear port p1 vlan_mode"], state: snap([], { p1: port({}) }) },
    ],
  },
  {
    platform: "nokia_srl",
    login: ["environment complete-on-space false", "environment cli-engine type basic"],
    steps: [
      {
        lines: ["enter candidate private", `set network-instance mac-vrf-${S} type mac-vrf`, `set network-instance mac-vrf-${S} description OS-Network-ID-${N}`, `set interface ethernet-1/1 subinterface ${S} type bridged`, `set network-instance mac-vrf-${S} interface ethernet-1/1.${S}`, "commit stay", "save startup"],
        state: snap([[S, `OS-Network-ID-${N}`]], { "ethernet-1/1": port({ mode: "access", accessVlan: S }) }),
      },
      { lines: [`delete network-instance mac-vrf-${S} interface ethernet-1/1.${S}`, `delete interface ethernet-1/1 subinterface ${S}`, `delete network-instance mac-vrf-${S}`, "commit stay"], state: snap([], { "ethernet-1/1": port({}) }) },
    ],
  },
  {
    platform: "pluribus",
    login: ["pager off"],
    steps: [
      { lines: [`vlan-create id ${S} scope fabric ports none description ${N} auto-vxlan`, "vlan-port-remove vlan-range all ports 11", `port-vlan-add port 11 untagged-vlan ${S}`], state: snap([[S, N]], { "11": port({ mode: "access", accessVlan: S }) }) },
      { lines: ["vlan-port-remove vlan-range all ports 11", `vlan-delete id ${S}`], state: snap([], { "11": port({}) }) },
    ],
  },
];

const sims: SimSwitch[] = [];
const terms: Term[] = [];
afterAll(async () => {
  terms.forEach((t) => t.close());
  await Promise.all(sims.map((s) => s.close()));
});

describe("upstream command lists", () => {
  it.each(cases.map((c) => [c.platform, c] as const))("%s", async (_name, c) => {
    const sim = await startSwitch({ platform: c.platform, password: "pw", secret: "en-secret" });
    sims.push(sim);
    const t = await Term.openLoggedIn(sim, { password: "pw" });
    terms.push(t);
    await t.expect(PROMPT);
    const send = async (line: string) => {
      t.write(line + "\n");
      // Answers to Password:/[sudo] prompts end with ": "; everything else ends at a prompt.
      const out = await t.expect(line === "enable" || line === "sudo -s" ? /(ssword|password for \w+): $|[>#\]$] ?$/ : PROMPT);
      return out;
    };
    for (const l of c.login) await send(l);
    for (const step of c.steps) {
      for (const l of step.lines) {
        const out = await send(l);
        expect(out.replace(/^.*\r\n/, ""), `${c.platform}: ${l}`).not.toMatch(ERROR);
      }
      expect(sim.snapshot(), c.platform).toEqual(step.state);
    }
    expect(t.transcript).not.toContain("en-secret");
  });
});

import { describe, expect, it } from "vitest";
import { startSwitch } from "@ngs/switch-sim";
import { closedAfterEach, port, Term } from "./helpers.js";

const { sims, terms } = closedAfterEach();

async function open(platform: string, extra: Record<string, unknown> = {}) {
  const sim = await startSwitch({ platform, username: "netops", password: "pw-login", ...extra });
  sims.push(sim);
  const t = await Term.open(sim, { username: "netops", password: "pw-login" });
  terms.push(t);
  return { sim, t };
}

describe("juniper", () => {
  const OP = /netops@sw1> $/;
  const CFG = /\r\n\[edit\]\r\nnetops@sw1# $/;

  it("applies set/delete only on commit and shows them in show vlans", async () => {
    const { sim, t } = await open("juniper");
    await t.expect(OP);
    expect(await t.cmd("set cli screen-width 511", OP)).toContain("Screen width set to 511");
    expect(await t.cmd("set cli complete-on-space off", OP)).toContain("Disabling complete-on-space");
    expect(await t.cmd("set cli screen-length 0", OP)).toContain("Screen length set to 0");
    const enter = await t.cmd("configure private", CFG);
    expect(enter).toContain("warning: uncommitted changes will be discarded on exit\r\nEntering configuration mode\r\n");
    for (const l of [
      "set vlans net-a vlan-id 100",
      "set vlans net-b vlan-id 200",
      "delete interfaces xe-0/0/1 unit 0 family ethernet-switching vlan members",
      "set interfaces xe-0/0/1 unit 0 family ethernet-switching vlan members 100",
      "set interfaces xe-0/0/2 unit 0 family ethernet-switching interface-mode trunk",
      "set interfaces xe-0/0/2 unit 0 family ethernet-switching vlan members 100",
      "set interfaces xe-0/0/2 unit 0 family ethernet-switching vlan members 200",
      "delete interfaces xe-0/0/2 unit 0 family ethernet-switching vlan members 100",
      "set interfaces xe-0/0/3 disable",
    ]) {
      expect(await t.cmd(l, CFG)).not.toMatch(/error|unknown/);
    }
    expect(sim.state.vlans.size).toBe(0); // nothing applied before commit
    expect(await t.cmd("commit", CFG)).toContain("commit complete");
    expect(sim.counters.commits).toBe(1);
    expect(sim.snapshot()).toEqual({
      vlans: [
        { id: 100, name: "net-a" },
        { id: 200, name: "net-b" },
      ],
      ports: {
        "xe-0/0/1": port({ mode: "access", accessVlan: 100 }),
        "xe-0/0/2": port({ mode: "trunk", allowedVlans: [200] }),
        "xe-0/0/3": port({ shutdown: true }),
      },
    });
    expect(await t.cmd("run show vlans", CFG)).toMatch(/default-switch\s+net-a\s+100/);
    // rollback discards uncommitted edits
    await t.cmd("delete vlans net-a", CFG);
    expect(await t.cmd("rollback", CFG)).toContain("load complete");
    await t.cmd("commit", CFG);
    expect(sim.state.vlans.has(100)).toBe(true);
    // leaving with changes asks first
    await t.cmd("delete vlans net-b", CFG);
    t.write("exit configuration-mode\n");
    await t.expect(/Exit with uncommitted changes\? \[yes,no\] \(yes\) $/);
    t.write("yes\n");
    expect(await t.expect(OP)).toContain("Exiting configuration mode");
    expect(sim.state.vlans.has(200)).toBe(true);
  });

  it("show vlans keeps a 32-character VLAN name (ngs's default, a dashless UUID) apart from its tag", async () => {
    const { t } = await open("juniper");
    const name = "0ae071f55be943e480eae41fefe85b21";
    await t.expect(OP);
    await t.cmd("configure private", CFG);
    await t.cmd(`set vlans ${name} vlan-id 100`, CFG);
    await t.cmd("set vlans short vlan-id 200", CFG);
    await t.cmd("set interfaces xe-0/0/1 unit 0 family ethernet-switching vlan members 100", CFG);
    await t.cmd("commit", CFG);
    const out = await t.cmd("run show vlans", CFG);
    expect(out).toContain(`default-switch          ${name} 100`);
    expect(out).toMatch(/default-switch {10}short {17}200\s/);
    expect(out).toMatch(new RegExp(`${name} 100 *\\r\\n +xe-0/0/1\\.0\\*`));
  });

  it("reports syntax errors and unknown commands with a caret", async () => {
    const { sim, t } = await open("juniper");
    await t.expect(OP);
    expect(await t.cmd("frob", OP)).toBe("frob\r\n            ^\r\nunknown command.\r\nnetops@sw1> ");
    await t.cmd("configure", CFG);
    expect(await t.cmd("set vlans x vlan-id notanumber", CFG)).toContain("syntax error.");
    expect(await t.cmd("set bogus thing", CFG)).toContain("syntax error.");
    await t.cmd("commit", CFG);
    expect(sim.state.vlans.size).toBe(0);
  });
});

describe("huawei / hp_comware / huawei_vrpv8", () => {
  it("huawei: system-view, port default vlan, save asks [Y/N]", async () => {
    const { sim, t } = await open("huawei");
    await t.expect(/<HUAWEI>$/);
    expect(await t.cmd("screen-length 0 temporary", /<HUAWEI>$/)).toContain("Info: The configuration takes effect");
    expect(await t.cmd("system-view", /\[HUAWEI\]$/)).toContain("Enter system view, return user view with Ctrl+Z.");
    await t.cmd("vlan 100", /\[HUAWEI-vlan100\]$/);
    await t.cmd("quit", /\[HUAWEI\]$/);
    await t.cmd("interface GigabitEthernet0/0/1", /\[HUAWEI-GigabitEthernet0\/0\/1\]$/);
    await t.cmd("port link-type access", /\]$/);
    await t.cmd("port default vlan 100", /\]$/);
    expect(await t.cmd("frob", /\]$/)).toContain("Error: Unrecognized command found at '^' position.");
    await t.cmd("return", /<HUAWEI>$/);
    t.write("save\n");
    await t.expect(/Are you sure to continue\?\[Y\/N\]:$/);
    t.write("y\n");
    expect(await t.expect(/<HUAWEI>$/)).toContain("Info: Save the configuration successfully.");
    expect(sim.counters.saves).toBe(1);
    expect(sim.snapshot()).toEqual({ vlans: [{ id: 100, name: null }], ports: { "GigabitEthernet0/0/1": port({ mode: "access", accessVlan: 100 }) } });
    await t.cmd("system-view", /\]$/);
    await t.cmd("interface GigabitEthernet0/0/1", /\]$/);
    await t.cmd("undo port default vlan 100", /\]$/);
    await t.cmd("quit", /\[HUAWEI\]$/);
    await t.cmd("undo vlan 100", /\[HUAWEI\]$/);
    expect(sim.snapshot()).toEqual({ vlans: [], ports: { "GigabitEthernet0/0/1": port({ mode: "access" }) } });
  });

  it("hp_comware: save force inside system-view, port access vlan", async () => {
    const { sim, t } = await open("hp_comware");
    await t.expect(/<HPE>$/);
    await t.cmd("screen-length disable", /<HPE>$/);
    expect(await t.cmd("system-view", /\[HPE\]$/)).toContain("System View: return to User View with Ctrl+Z.");
    for (const l of ["vlan 20", "quit", "interface GigabitEthernet1/0/1", "port link-type access", "port access vlan 20", "quit"]) await t.cmd(l, /\]$/);
    expect(await t.cmd("bogus", /\[HPE\]$/)).toContain("% Unrecognized command found at '^' position.");
    expect(await t.cmd("save force", /\[HPE\]$/)).toContain("successfully");
    expect(sim.counters.saves).toBe(1);
    expect(sim.snapshot().ports["GigabitEthernet1/0/1"]).toEqual(port({ mode: "access", accessVlan: 20 }));
  });

  it("huawei_vrpv8: changes wait for commit, shown by [*host]", async () => {
    const { sim, t } = await open("huawei_vrpv8");
    await t.expect(/<HUAWEI>$/);
    await t.cmd("system-view", /\[~HUAWEI\]$/);
    await t.cmd("vlan 100", /\[\*HUAWEI-vlan100\]$/);
    await t.cmd("commit", /\[~HUAWEI-vlan100\]$/);
    expect(sim.state.vlans.has(100)).toBe(true);
    await t.cmd("interface 10GE1/0/1", /\[~HUAWEI-10GE1\/0\/1\]$/);
    await t.cmd("port default vlan 100", /\[\*HUAWEI-10GE1\/0\/1\]$/);
    expect(sim.state.ports.get("10GE1/0/1")).toBeUndefined();
    await t.cmd("commit", /\[~HUAWEI-10GE1\/0\/1\]$/);
    expect(sim.state.ports.get("10GE1/0/1")?.accessVlan).toBe(100);
    expect(sim.counters.commits).toBe(2);
  });
});

describe("nokia_srl and pluribus", () => {
  it("nokia_srl: candidate private, commit stay, save startup", async () => {
    const { sim, t } = await open("nokia_srl");
    await t.expect(/--\{ running \}--\[ {2}\]--\r\nA:srl# $/);
    await t.cmd("environment cli-engine type basic", /A:srl# $/);
    await t.cmd("enter candidate private", /--\{ candidate private private-netops \}--\[ {2}\]--\r\nA:srl# $/);
    for (const l of [
      "set network-instance mac-vrf-100 type mac-vrf",
      "set network-instance mac-vrf-100 description OS-Network-ID-net-a",
      "set interface ethernet-1/1 subinterface 100 type bridged",
      "set network-instance mac-vrf-100 interface ethernet-1/1.100",
    ]) {
      await t.cmd(l, /--\{ \* candidate private private-netops \}--\[ {2}\]--\r\nA:srl# $/);
    }
    expect(await t.cmd("commit stay", /--\{ \+ candidate private private-netops \}--/)).toContain("All changes have been committed. Starting new transaction.");
    await t.expect(/A:srl# $/);
    expect(await t.cmd("save startup", /A:srl# $/)).toContain("Saved current running configuration as initial (startup) configuration");
    expect(sim.snapshot()).toEqual({ vlans: [{ id: 100, name: "OS-Network-ID-net-a" }], ports: { "ethernet-1/1": port({ mode: "access", accessVlan: 100 }) } });
    expect(await t.cmd("frob", /A:srl# $/)).toContain("Parsing error: Unknown token 'frob'.");
  });

  it("pluribus: single mode, vlan-create and port-vlan-add", async () => {
    const { sim, t } = await open("pluribus");
    const P = /CLI \(netops@sw1\) > $/;
    await t.expect(P);
    await t.cmd("pager off", P);
    await t.cmd("vlan-create id 100 scope fabric ports none description net-a auto-vxlan", P);
    await t.cmd("vlan-port-remove vlan-range all ports 11", P);
    await t.cmd("port-vlan-add port 11 untagged-vlan 100", P);
    expect(sim.snapshot()).toEqual({ vlans: [{ id: 100, name: "net-a" }], ports: { "11": port({ mode: "access", accessVlan: 100 }) } });
  });
});

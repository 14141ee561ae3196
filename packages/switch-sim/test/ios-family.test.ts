import { describe, expect, it } from "vitest";
import { startSwitch } from "@ngs/switch-sim";
import { closedAfterEach, port, Term } from "./helpers.js";

const { sims, terms } = closedAfterEach();

async function open(platform: string, extra: Record<string, unknown> = {}) {
  const sim = await startSwitch({ platform, password: "pw-login", secret: "s3cret-en", ...extra });
  sims.push(sim);
  const t = await Term.openLoggedIn(sim, { password: "pw-login" });
  terms.push(t);
  return { sim, t };
}

describe("cisco_ios", () => {
  it("logs in at >, enables with the secret, enters config and saves with write mem", async () => {
    const { sim, t } = await open("cisco_ios");
    await t.expect(/sw1>$/);
    t.write("\n");
    await t.expect(/\r\nsw1>$/);
    expect(await t.cmd("terminal length 0", /sw1>$/)).toContain("terminal length 0\r\n");
    t.write("enable\n");
    await t.expect(/Password: $/);
    t.write("s3cret-en\n");
    await t.expect(/\r\nsw1#$/);
    expect(await t.cmd("configure terminal", /sw1\(config\)#$/)).toContain("Enter configuration commands, one per line.  End with CNTL/Z.");
    await t.cmd("interface Gi0/1", /sw1\(config-if\)#$/);
    await t.cmd("vlan 10", /sw1\(config-vlan\)#$/);
    await t.cmd("exit", /sw1\(config\)#$/);
    await t.cmd("end", /sw1#$/);
    expect(await t.cmd("write mem", /sw1#$/)).toMatch(/Building configuration\.\.\.\r\n\[OK\]\r\n/);
    expect(sim.counters.saves).toBe(1);
    expect(t.transcript).not.toContain("s3cret-en");
    expect(t.transcript).not.toContain("pw-login");
    expect(sim.commandLog).toEqual(["terminal length 0", "enable", "configure terminal", "interface Gi0/1", "vlan 10", "exit", "end", "write mem"]);
    t.write("exit\n");
    await t.waitClosed();
  });

  it("refuses a wrong enable secret and stays at >", async () => {
    const { t } = await open("cisco_ios");
    await t.expect(/sw1>$/);
    t.write("enable\nwrong\n");
    const out = await t.expect(/sw1>$/);
    expect(out).toContain("% Bad secrets");
    expect(out).not.toContain("wrong");
  });

  it("answers an unknown command with a caret under it and the IOS message", async () => {
    const { t } = await open("cisco_ios", { privileged: true });
    await t.expect(/sw1#$/);
    const out = await t.cmd("frobnicate now", /sw1#$/);
    expect(out).toBe("frobnicate now\r\n    ^\r\n% Invalid input detected at '^' marker.\r\nsw1#");
    // show without `do` in config mode is an error too
    await t.cmd("conf t", /\(config\)#$/);
    expect(await t.cmd("show vlan brief", /\(config\)#$/)).toContain("% Invalid input detected at '^' marker.");
    expect(await t.cmd("do show vlan brief", /\(config\)#$/)).toContain("VLAN Name");
  });

  it("ignores NUL bytes, accepts \\r and \\r\\n line endings", async () => {
    const { sim, t } = await open("cisco_ios", { privileged: true });
    await t.expect(/sw1#$/);
    t.write("\x00");
    t.write("show vlan brief\r\n");
    await t.expect(/sw1#$/);
    t.write("\x00\x00terminal length 0\r");
    await t.expect(/sw1#$/);
    expect(sim.commandLog).toEqual(["show vlan brief", "terminal length 0"]);
  });

  it("models the upstream IOS command set (add network, plug, native, trunk, unplug)", async () => {
    const { sim, t } = await open("cisco_ios", { privileged: true });
    const P = /sw1(\([\w-]+\))?#$/;
    await t.expect(P);
    const lines = [
      "configure terminal",
      "vlan 100",
      "name net-a",
      "vlan 200",
      "name net-b",
      "interface Gi0/1",
      "switchport mode access",
      "switchport access vlan 100",
      "interface Gi0/2",
      "switchport mode trunk",
      "switchport trunk native vlan 100",
      "switchport trunk allowed vlan add 100",
      "switchport trunk allowed vlan add 200",
      "interface Gi0/3",
      "switchport mode access",
      "switchport access vlan 200",
      "interface Gi0/3",
      "no switchport access vlan 200",
      "no switchport mode trunk",
      "switchport trunk allowed vlan none",
      "interface Gi0/2",
      "switchport trunk allowed vlan remove 200",
      "shutdown",
      "end",
    ];
    for (const l of lines) {
      const out = await t.cmd(l, P);
      expect(out).not.toContain("%");
    }
    expect(sim.snapshot()).toEqual({
      vlans: [
        { id: 100, name: "net-a" },
        { id: 200, name: "net-b" },
      ],
      ports: {
        "Gi0/1": port({ mode: "access", accessVlan: 100 }),
        "Gi0/2": port({ mode: "trunk", nativeVlan: 100, allowedVlans: [100], shutdown: true }),
        "Gi0/3": port({}),
      },
    });
    const brief = await t.cmd("show vlan brief", P);
    expect(brief).toMatch(/100\s+net-a\s+active\s+Gi0\/1\r\n/);
    const sw = await t.cmd("show interfaces Gi0/2 switchport", P);
    expect(sw).toContain("Administrative Mode: trunk");
    expect(sw).toContain("Trunking VLANs Enabled: 100");
    await t.cmd("configure terminal", P);
    await t.cmd("no vlan 200", P);
    expect(sim.state.vlans.has(200)).toBe(false);
  });
});

describe("IOS-like platforms", () => {
  it("cisco_nxos lands at # and saves with copy running-config startup-config", async () => {
    const { sim, t } = await open("cisco_nxos");
    await t.expect(/sw1#$/);
    await t.cmd("terminal width 511", /sw1#$/);
    expect(await t.cmd("configure terminal", /sw1\(config\)#$/)).toContain("Enter configuration commands, one per line. End with CNTL/Z.");
    for (const l of ["vlan 30", "name thirty", "exit", "interface Ethernet1/1", "switchport mode access", "switchport access vlan 30", "no shutdown", "exit", "end"]) {
      await t.cmd(l, /sw1(\([\w-]+\))?#$/);
    }
    expect(await t.cmd("copy running-config startup-config", /sw1#$/)).toContain("Copy complete.");
    expect(await t.cmd("show vlan id 30", /sw1#$/)).toMatch(/30\s+thirty\s+active\s+Ethernet1\/1/);
    expect(await t.cmd("bogus", /sw1#$/)).toContain("% Invalid command at '^' marker.");
    expect(sim.snapshot().ports["Ethernet1/1"]).toEqual(port({ mode: "access", accessVlan: 30 }));
    expect(sim.counters.saves).toBe(1);
  });

  it("cisco_s300 asks to overwrite the startup config; N aborts, Y saves", async () => {
    const { sim, t } = await open("cisco_s300");
    await t.expect(/switch#$/);
    t.write("write memory\n");
    await t.expect(/Overwrite file \[startup-config\]\.\.\.\. \(Y\/N\)\[N\] \?$/);
    t.write("N\n");
    expect(await t.expect(/switch#$/)).toContain("Copy operation aborted.");
    expect(sim.counters.saves).toBe(0);
    t.write("write memory\n");
    await t.expect(/\(Y\/N\)\[N\] \?$/);
    t.write("Y\n");
    expect(await t.expect(/switch#$/)).toContain("Copy succeeded");
    expect(sim.counters.saves).toBe(1);
    await t.cmd("configure terminal", /switch\(config\)#$/);
    for (const l of ["vlan 5", "interface gi1/0/1", "switchport mode access", "switchport access vlan 5", "no switchport access vlan", "switchport trunk allowed vlan remove all"]) {
      await t.cmd(l, /switch\([\w-]+\)#$/);
    }
    expect(sim.snapshot().ports["gi1/0/1"]).toEqual(port({ mode: "access" }));
  });

  it("arista_eos prints the paging replies netmiko waits for and per-interface prompts", async () => {
    const { sim, t } = await open("arista_eos");
    await t.expect(/sw1>$/);
    expect(await t.cmd("terminal width 511", /sw1>$/)).toContain("Width set to 511 columns.");
    expect(await t.cmd("terminal length 0", /sw1>$/)).toContain("Pagination disabled.");
    t.write("enable\ns3cret-en\n");
    await t.expect(/sw1#$/);
    await t.cmd("configure terminal", /sw1\(config\)#$/);
    await t.cmd("vlan 100", /sw1\(config-vlan-100\)#$/);
    await t.cmd("interface Ethernet1", /sw1\(config-if-Et1\)#$/);
    for (const l of ["switchport mode trunk", "switchport trunk native vlan 100", "switchport trunk allowed vlan add 100"]) await t.cmd(l, /\(config-if-Et1\)#$/);
    expect(await t.cmd("nonsense", /#$/)).toContain("% Invalid input");
    await t.cmd("end", /sw1#$/);
    expect(await t.cmd("show vlan id 100 configured-ports", /sw1#$/)).toContain("Ethernet1");
    expect(await t.cmd("copy running-config startup-config", /sw1#$/)).toContain("Copy completed successfully.");
    expect(sim.snapshot().ports["Ethernet1"]).toEqual(port({ mode: "trunk", nativeVlan: 100, allowedVlans: [100] }));
  });

  it("dell_os10 uses conf-if prompts, interface vlan and additive trunk lists", async () => {
    const { sim, t } = await open("dell_os10");
    const P = /OS10(\([\w/-]+\))?#$/;
    await t.expect(/OS10#$/);
    await t.cmd("terminal length 0", P);
    await t.cmd("configure terminal", /OS10\(config\)#$/);
    await t.cmd("interface vlan 100", /OS10\(conf-if-vl-100\)#$/);
    await t.cmd("description net-a", P);
    await t.cmd("exit", P);
    await t.cmd("interface ethernet1/1/1", /OS10\(conf-if-eth1\/1\/1\)#$/);
    for (const l of ["switchport mode trunk", "switchport trunk allowed vlan 100", "switchport trunk allowed vlan 200", "no switchport trunk allowed vlan 100", "exit"]) await t.cmd(l, P);
    expect(await t.cmd("bogus", P)).toContain("% Error: Unrecognized command.");
    await t.cmd("end", P);
    await t.cmd("copy running-configuration startup-configuration", P);
    expect(sim.snapshot()).toEqual({
      vlans: [{ id: 100, name: "net-a" }],
      ports: { "ethernet1/1/1": port({ mode: "trunk", allowedVlans: [200] }) },
    });
  });

  it("dell_force10 models untagged/tagged members inside interface vlan", async () => {
    const { sim, t } = await open("dell_force10", { privileged: true });
    const P = /Dell(\([\w/-]+\))?#$/;
    await t.expect(P);
    await t.cmd("configure terminal", /Dell\(conf\)#$/);
    for (const l of ["interface vlan 10", "description ten", "untagged Te 1/1", "exit", "interface vlan 20", "tagged Te 1/2", "exit", "interface vlan 20", "no tagged Te 1/2", "exit"]) {
      await t.cmd(l, P);
    }
    expect(await t.cmd("foo", P)).toContain('% Error: Invalid input at "^" marker.');
    expect(sim.snapshot().ports).toEqual({ "Te 1/1": port({ mode: "access", accessVlan: 10 }), "Te 1/2": port({}) });
  });

  it("dell_powerconnect uses vlan database and general mode", async () => {
    const { sim, t } = await open("dell_powerconnect", { privileged: true });
    const P = /console(\([\w/-]+\))?#$/;
    await t.expect(P);
    await t.cmd("config", /console\(config\)#$/);
    for (const l of ["vlan database", "vlan 33", "exit", "interface 1/g1", "switchport general allowed vlan add 33 untagged", "switchport general pvid 33", "exit", "interface 1/g2", "switchport access vlan 33", "exit"]) {
      await t.cmd(l, P);
    }
    expect(sim.snapshot()).toEqual({
      vlans: [{ id: 33, name: null }],
      ports: {
        "1/g1": port({ mode: "general", nativeVlan: 33, allowedVlans: [33] }),
        "1/g2": port({ accessVlan: 33 }),
      },
    });
  });

  it("brocade_fastiron: vlan by port, untagged ether, show interfaces in config mode", async () => {
    const { sim, t } = await open("brocade_fastiron");
    const P = /SSH@ICX7250(\([\w/-]+\))?[#>]$/;
    await t.expect(/SSH@ICX7250>$/);
    t.write("enable\ns3cret-en\n");
    await t.expect(/SSH@ICX7250#$/);
    expect(await t.cmd("skip-page-display", P)).toContain("Disable page display mode");
    await t.cmd("configure terminal", P);
    await t.cmd("vlan 100 by port", /\(config-vlan-100\)#$/);
    await t.cmd("name net-a", P);
    await t.cmd("untagged ether 1/1/1", P);
    expect(await t.cmd("show interfaces ether 1/1/1 | include VLAN", P)).toContain("Member of L2 VLAN ID 100, port is untagged");
    await t.cmd("no untagged ether 1/1/1", P);
    expect(await t.cmd("show interfaces ether 1/1/1 | include VLAN", P)).toContain("Member of L2 VLAN ID 1, port is untagged");
    expect(await t.cmd("frob", P)).toContain("Invalid input -> frob");
    await t.cmd("end", P);
    expect(await t.cmd("write mem", P)).toContain("Write startup-config done.");
    expect(sim.state.vlans.get(100)).toEqual({ name: "net-a" });
  });

  it("mellanox_mlnxos prompts with [standalone: master] and saves with configuration write", async () => {
    const { sim, t } = await open("mellanox_mlnxos");
    await t.expect(/switch-1 \[standalone: master\] > $/);
    await t.cmd("enable", /switch-1 \[standalone: master\] # $/);
    await t.cmd("no cli session paging enable", /# $/);
    await t.cmd("configure terminal", /\(config\) # $/);
    await t.cmd("vlan 7", /\(config vlan 7\) # $/);
    await t.cmd("name seven", /# $/);
    await t.cmd("exit", /\(config\) # $/);
    await t.cmd("interface ethernet 1/1", /\(config interface ethernet 1\/1\) # $/);
    await t.cmd("switchport mode access", /# $/);
    await t.cmd("switchport access vlan 7", /# $/);
    await t.cmd("exit", /\(config\) # $/);
    await t.cmd("configuration write", /\(config\) # $/);
    expect(sim.counters.saves).toBe(1);
    expect(sim.snapshot().ports["1/1"]).toEqual(port({ mode: "access", accessVlan: 7 }));
  });

  it("mellanox_mlnxos enters config mode with netmiko's `config term` as well as `configure terminal`", async () => {
    const { sim, t } = await open("mellanox_mlnxos");
    await t.expect(/\[standalone: master\] > $/);
    await t.cmd("enable", /\[standalone: master\] # $/);
    await t.cmd("config term", /\(config\) # $/);
    await t.cmd("vlan 8", /\(config vlan 8\) # $/);
    await t.cmd("exit", /\(config\) # $/);
    await t.cmd("exit", /\[standalone: master\] # $/);
    await t.cmd("configure terminal", /\(config\) # $/);
    await t.cmd("no vlan 8", /\(config\) # $/);
    expect(await t.cmd("config terminalx", /# $/)).toContain("% Unrecognized command");
    expect(sim.state.vlans.has(8)).toBe(false);
    expect(sim.commandLog).toContain("config term");
  });

  it("aruba_aoscx accepts \\r as Enter and models vlan access/trunk", async () => {
    const { sim, t } = await open("aruba_aoscx");
    const P = /sw1(\([\w/-]+\))?#$/;
    await t.expect(/sw1#$/);
    t.write("no page\r");
    await t.expect(P);
    t.write("configure term\r");
    await t.expect(/sw1\(config\)#$/);
    for (const l of ["vlan 10", "name ten", "exit", "interface 1/1/1", "no routing", "vlan access 10", "exit", "interface 1/1/2", "no routing", "vlan trunk allowed 10", "end"]) {
      t.write(l + "\r");
      await t.expect(P);
    }
    t.write("copy running-config startup-config\r");
    expect(await t.expect(P)).toContain("Copying configuration: [Success]");
    expect(sim.snapshot().ports).toEqual({
      "1/1/1": port({ mode: "access", accessVlan: 10 }),
      "1/1/2": port({ mode: "trunk", allowedVlans: [10] }),
    });
  });

  it("supermicro_smis and ruijie_os accept their paging and save commands", async () => {
    const a = await open("supermicro_smis");
    await a.t.expect(/SMIS#$/);
    await a.t.cmd("configure terminal", /SMIS\(config\)#$/);
    await a.t.cmd("set cli pagination off", /SMIS\(config\)#$/);
    await a.t.cmd("end", /SMIS#$/);
    expect(await a.t.cmd("write startup-config", /SMIS#$/)).toContain("[OK]");
    const b = await open("ruijie_os");
    await b.t.expect(/Ruijie>$/);
    b.t.write("enable\ns3cret-en\n");
    await b.t.expect(/Ruijie#$/);
    await b.t.cmd("terminal width 256", /Ruijie#$/);
    await b.t.cmd("configure terminal", /Ruijie\(config\)#$/);
    await b.t.cmd("interface GigabitEthernet 0/1", /Ruijie\(config-if-GigabitEthernet 0\/1\)#$/);
    await b.t.cmd("end", /Ruijie#$/);
    expect(await b.t.cmd("write", /Ruijie#$/)).toContain("Building configuration...");
    expect(a.sim.counters.saves + b.sim.counters.saves).toBe(2);
  });
});

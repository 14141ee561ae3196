import { describe, expect, it } from "vitest";
import { startSwitch } from "@ngs/switch-sim";
import { closedAfterEach, port, Term } from "./helpers.js";

const { sims, terms } = closedAfterEach();

async function open(platform: string, extra: Record<string, unknown> = {}) {
  const sim = await startSwitch({ platform, username: "cumulus", password: "pw-login", ...extra });
  sims.push(sim);
  const t = await Term.open(sim, { username: (extra.username as string | undefined) ?? "cumulus", password: "pw-login" });
  terms.push(t);
  return { sim, t };
}

describe("linux", () => {
  it("sudo -s asks for the password without echoing it; a wrong one is refused", async () => {
    const { t } = await open("linux", { secret: "sudo-secret" });
    await t.expect(/cumulus@sw1:~\$ $/);
    expect(await t.cmd("foo --bar", /\$ $/)).toContain("-bash: foo: command not found");
    t.write("sudo -s\n");
    await t.expect(/\[sudo\] password for cumulus: $/);
    t.write("nope\n");
    expect(await t.expect(/cumulus@sw1:~\$ $/)).toContain("Sorry, try again.");
    t.write("sudo -s\n");
    await t.expect(/password for cumulus: $/);
    t.write("sudo-secret\n");
    await t.expect(/root@sw1:~# $/);
    expect(await t.cmd("whoami", /# $/)).toContain("root");
    await t.cmd("exit", /cumulus@sw1:~\$ $/);
    expect(t.transcript).not.toContain("sudo-secret");
    expect(t.transcript).not.toContain("nope");
    t.write("exit\n");
    await t.waitClosed();
  });
});

describe("cumulus_nvue", () => {
  it("stages nv set/unset and applies them on nv config apply --assume-yes", async () => {
    const { sim, t } = await open("cumulus_nvue");
    const P = /cumulus@cumulus:mgmt:~\$ $/;
    await t.expect(P);
    const lines = [
      "nv set bridge domain br_default vlan 100",
      "nv set bridge domain br_default vlan 200",
      "nv unset interface swp1 bridge domain br_default untagged",
      "nv set interface swp1 bridge domain br_default access 100",
      "nv unset interface swp2 bridge domain br_default access",
      "nv set interface swp2 bridge domain br_default untagged 100",
      "nv set interface swp2 bridge domain br_default vlan 100",
      "nv set interface swp2 bridge domain br_default vlan 200",
      "nv unset interface swp2 bridge domain br_default vlan 100",
      "nv set interface swp3 link state down",
    ];
    for (const l of lines) expect(await t.cmd(l, P)).not.toMatch(/Error|not found/);
    expect(sim.state.vlans.size).toBe(0);
    expect(await t.cmd("nv config apply --assume-yes", P)).toMatch(/applied \[rev_id: 1\]/);
    expect(await t.cmd("nv config save", P)).toContain("saved");
    expect(sim.counters.saves).toBe(1);
    expect(sim.counters.commits).toBe(1);
    expect(sim.snapshot()).toEqual({
      vlans: [
        { id: 100, name: null },
        { id: 200, name: null },
      ],
      ports: {
        swp1: port({ mode: "access", accessVlan: 100 }),
        swp2: port({ mode: "trunk", nativeVlan: 100, allowedVlans: [200] }),
        swp3: port({ shutdown: true }),
      },
    });
    const json = await t.cmd("nv show bridge domain br_default vlan 100 -o json", P);
    expect(JSON.parse(json.slice(json.indexOf("{"), json.lastIndexOf("}") + 1))).toEqual({ port: { swp1: {}, swp2: {} }, vni: {} });
    expect(await t.cmd("nv set frob", P)).toContain("Error: Invalid parameter");
    // unplug
    for (const l of ["nv unset interface swp1 bridge domain br_default access", "nv unset interface swp1 bridge domain br_default untagged", "nv unset interface swp1 bridge domain br_default vlan", "nv config apply -y"]) {
      await t.cmd(l, P);
    }
    expect(sim.snapshot().ports["swp1"]).toEqual(port({}));
  });
});

describe("cumulus (NCLU)", () => {
  it("applies net add/del on net commit", async () => {
    const { sim, t } = await open("cumulus");
    const P = /cumulus@cumulus:~\$ $/;
    await t.expect(P);
    for (const l of ["net add vlan 100", "net add interface swp1 bridge access 100", "net add interface swp2 link down"]) await t.cmd(l, P);
    expect(await t.cmd("net pending", P)).toContain("net add vlan 100");
    expect(sim.state.vlans.size).toBe(0);
    await t.cmd("net commit", P);
    expect(sim.snapshot()).toEqual({ vlans: [{ id: 100, name: null }], ports: { swp1: port({ mode: "access", accessVlan: 100 }), swp2: port({ shutdown: true }) } });
    expect(await t.cmd("net add bogus", P)).toContain("ERROR: Command not found.");
    await t.cmd("net del interface swp1 bridge access 100", P);
    await t.cmd("net commit", P);
    expect(sim.state.ports.get("swp1")).toEqual(port({}));
  });
});

describe("sonic", () => {
  it("models config vlan add/member/del and reports upstream's error texts", async () => {
    const sim = await startSwitch({ platform: "sonic", username: "admin", password: "pw-login" });
    sims.push(sim);
    const t = await Term.open(sim, { password: "pw-login" });
    terms.push(t);
    await t.expect(/admin@sonic:~\$ $/);
    expect(await t.cmd("config vlan add 100", /\$ $/)).toContain("Root privileges are required for this operation");
    t.write("sudo -s\n");
    await t.expect(/\[sudo\] password for admin: $/);
    t.write("pw-login\n");
    const R = /root@sonic:~# $/;
    await t.expect(R);
    for (const l of ["config vlan add 100", "config vlan add 200", "config vlan member add -u 100 Ethernet0", "config vlan member add 100 Ethernet4", "config vlan member add 200 Ethernet4"]) {
      expect(await t.cmd(l, R)).not.toContain("Error");
    }
    expect(await t.cmd("config vlan member add 300 Ethernet0", R)).toContain("Error: Vlan300 doesn't exist");
    expect(await t.cmd("config vlan add 5000", R)).toContain("Invalid Vlan Id , Valid Range : 1 to 4094");
    expect(await t.cmd("config vlan member add 100 swp1", R)).toContain("Interface name is invalid!!");
    expect(await t.cmd("config vlan del 100", R)).toContain("can not be removed");
    expect(await t.cmd("config frob", R)).toContain('No such command "frob"');
    await t.cmd("config vlan member del 200 Ethernet4", R);
    expect(sim.snapshot()).toEqual({
      vlans: [
        { id: 100, name: null },
        { id: 200, name: null },
      ],
      ports: { Ethernet0: port({ mode: "access", accessVlan: 100 }), Ethernet4: port({ mode: "trunk", allowedVlans: [100] }) },
    });
    const brief = await t.cmd("show vlan brief", R);
    expect(brief).toMatch(/\|\s+100 \|\s+\| Ethernet0 \| untagged/);
    await t.cmd("config vlan del 200", R);
    expect(sim.state.vlans.has(200)).toBe(false);
    expect(await t.cmd("config save -y", R)).toContain("config_db.json");
    expect(sim.counters.saves).toBe(1);
    expect(t.transcript).not.toContain("pw-login");
  });
});

describe("ovs_linux", () => {
  it("models the upstream ovs-vsctl port commands", async () => {
    const { sim, t } = await open("ovs_linux", { username: "root" });
    const P = /root@ovs:~# $/;
    await t.expect(P);
    for (const l of [
      "ovs-vsctl set port p1 vlan_mode=access",
      "ovs-vsctl set port p1 tag=100",
      "ovs-vsctl set port p2 vlan_mode=native-untagged",
      "ovs-vsctl set port p2 tag=100",
      "ovs-vsctl add port p2 trunks 100",
      "ovs-vsctl add port p2 trunks 200",
      "ovs-vsctl remove port p2 trunks 100",
      "ovs-vsctl set port p3 tag=300",
      "ovs-vsctl clear port p3 tag",
      "ovs-vsctl clear port p3 trunks",
      "ovs-vsctl clear port p3 vlan_mode",
      "ovs-vsctl set bridge genericswitch external_ids:vni-5000=100",
    ]) {
      expect(await t.cmd(l, P)).not.toContain("ovs-vsctl:");
    }
    expect(sim.snapshot().ports).toEqual({
      p1: port({ mode: "access", accessVlan: 100 }),
      p2: port({ mode: "trunk", nativeVlan: 100, allowedVlans: [200] }),
      p3: port({}),
    });
    expect(await t.cmd("ovs-vsctl list port p1", P)).toMatch(/tag\s+: 100/);
    expect(await t.cmd("ovs-vsctl get bridge genericswitch external_ids", P)).toContain('{"vni-5000"="100"}');
    expect(await t.cmd("ovs-vsctl list port nosuch", P)).toContain('ovs-vsctl: no row "nosuch" in table Port');
    expect(await t.cmd("ovs-vsctl set port p1 tag=abc", P)).toContain("is not a valid integer");
  });
});

describe("fake", () => {
  it("models upstream's fake driver commands", async () => {
    const { sim, t } = await open("fake");
    const P = /cumulus@fake:~\$ $/;
    await t.expect(P);
    for (const l of ["add network 10", "plug port p1 to network 10", "add network 10 to trunk p2", "disable p3"]) await t.cmd(l, P);
    expect(sim.snapshot()).toEqual({
      vlans: [{ id: 10, name: null }],
      ports: { p1: port({ mode: "access", accessVlan: 10 }), p2: port({ mode: "trunk", allowedVlans: [10] }), p3: port({ shutdown: true }) },
    });
  });
});

/**
 * Upstream's two NETCONF examples (doc/source/configuration.rst, "NETCONF
 * Devices"), unchanged: `ngs config check` accepts them and a dry-run plug
 * prints the OpenConfig XML without connecting anywhere (192.0.2.0/24 is
 * TEST-NET: nothing answers there).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ngs, writeConfigIn } from "./run-ngs.js";

const NEXUS = `[genericswitch:sw-hostname]
device_type = netconf_openconfig
ngs_mac_address = 00:53:00:0a:0a:0a
ngs_physical_networks = physnet1
ngs_trunk_ports = Ethernet1/48
ngs_disable_inactive_ports = True
ngs_port_default_vlan = 1
ngs_port_id_re_sub = {"pattern": "^Eth", "repl": "Ethernet"}
host = 192.0.2.10
port = 830
username = admin
password = password
device_params = name:nexus
`;

const ARISTA = `[genericswitch:arista-hostname]
device_type = netconf_openconfig
ngs_mac_address = 00:53:00:0a:0a:0b
ngs_physical_networks = physnet1
ngs_trunk_ports = Ethernet1
ngs_netconf_target = running
ngs_save_configuration = true
ngs_netconf_save_config = <config><commands xmlns="http://arista.com/yang/cli"><command>write memory</command></commands></config>
host = 192.0.2.11
username = admin
password = password
`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "ngs-oc-examples-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface DryRun {
  commands: string[];
  save: string[];
  operation: string;
}

describe("upstream's NETCONF configuration examples", () => {
  it("the NX-OS example loads, and a dry-run plug maps Eth to Ethernet, clears the default VLAN and enables the port", async () => {
    const file = writeConfigIn(dir, "nexus.ini", NEXUS);
    const check = await ngs(["--config-file", file, "config", "check"]);
    expect(check.stderr).toBe("");
    expect(check.stdout).toContain("ok: 1 file, 1 switch, no problems");
    expect(check.code).toBe(0);

    const r = await ngs(["--config-file", file, "port", "plug", "sw-hostname", "Eth1/3", "100", "--dry-run", "--json"]);
    expect(r.code).toBe(0);
    const plan = (JSON.parse(r.stdout) as { results: DryRun[] }).results[0]!;
    expect(plan.operation).toBe("plug port");
    const xml = plan.commands.join("\n");
    expect(xml).toContain("<name>Ethernet1/3</name>");
    expect(xml).toContain('<enabled nc:operation="merge">true</enabled>');
    expect(xml).toContain('<description nc:operation="remove"/>');
    expect(xml).toMatch(/<config nc:operation="replace">\s*<interface-mode>ACCESS<\/interface-mode>\s*<access-vlan>100<\/access-vlan>/);
    // No target configured: both sequences, as the hello decides.
    expect(plan.save).toContain("candidate: <commit/>");
  });

  it("the Arista EOS example loads, and a dry-run shows the edit to running and the write-memory payload after it", async () => {
    const file = writeConfigIn(dir, "eos.ini", ARISTA);
    const check = await ngs(["--config-file", file, "config", "check"]);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain("no problems");

    const r = await ngs(["--config-file", file, "network", "add", "arista-hostname", "100", "0ae071f5-5be9-43e4-80ea-e41fefe85b21", "--dry-run", "--json"]);
    expect(r.code).toBe(0);
    const plan = (JSON.parse(r.stdout) as { results: DryRun[] }).results[0]!;
    expect(plan.commands[0]).toContain("<name>0ae071f55be943e480eae41fefe85b21</name>");
    expect(plan.commands[0]).toMatch(/<name>Ethernet1<\/name>[\s\S]*<trunk-vlans>100<\/trunk-vlans>/);
    expect(plan.save).toEqual([
      '<edit-config><target><running/></target><config><commands xmlns="http://arista.com/yang/cli"><command>write memory</command></commands></config></edit-config>',
    ]);
  });

  it("a bad NETCONF option in an upstream-style section is reported with its line", async () => {
    const file = writeConfigIn(dir, "bad.ini", ARISTA.replace("ngs_netconf_target = running", "ngs_netconf_target = startup"));
    const r = await ngs(["--config-file", file, "config", "check"]);
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toContain("[genericswitch:arista-hostname] ngs_netconf_target: ngs_netconf_target must be one of: candidate, running (line 6)");
    expect(r.stdout + r.stderr).not.toContain("password");
  });
});

// How a change is sent and applied is data on the device class
// (`configMode`, `applyMode`): the dry run, the runner and batching's
// one-pass decision all read it.
import { afterEach, describe, expect, test } from "vitest";
import { CliSwitch, createLogger, iosLike, type ApplyStyle, type CommandTemplates, type ConfigModeStyle, type DeviceConfig } from "@ngs/core";
import { startSwitch, type SimSwitch } from "@ngs/switch-sim";

const PASSWORD = "pw-Sw1tch-s3cret";
const logger = createLogger({ level: "silent" });

const IOS_TEMPLATES: CommandTemplates = {
  ADD_NETWORK: ["vlan {segmentation_id}", "name {network_name}"],
  DELETE_NETWORK: ["no vlan {segmentation_id}"],
  PLUG_PORT_TO_NETWORK: ["interface {port}", "switchport mode access", "switchport access vlan {segmentation_id}"],
  DELETE_PORT: ["interface {port}", "no switchport access vlan {segmentation_id}"],
};

class Ios extends CliSwitch {
  // The simulated switch is a Cisco IOS; the tests speak to it with a dialect of their own.
  static override platform = iosLike({ name: "cisco_ios", basePromptMaxLength: 16, save: { command: "write mem" } });
  static override commands = IOS_TEMPLATES;
}
class NeverSaves extends Ios {
  static override applyMode: ApplyStyle = { kind: "none" };
}
class CommitLine extends Ios {
  static override applyMode: ApplyStyle = { kind: "commit", command: "apply it" };
}
class ApplyLine extends Ios {
  static override applyMode: ApplyStyle = { kind: "line", line: "apply now" };
}
class WholeAnswerChecked extends Ios {
  static override configMode: ConfigModeStyle = { checkLines: false };
}

function make<T extends CliSwitch>(Cls: new (c: DeviceConfig, n: string, ctx: object) => T, extra: DeviceConfig = {}): T {
  return new Cls({ device_type: "netmiko_test", ip: "192.0.2.1", username: "u", password: "pw", ...extra }, "sw1", { logger });
}

const plug = { port: "Gi0/1", segmentationId: 33 } as const;

describe("dry run: the apply steps come from applyMode", () => {
  test("save (default): the platform's save, only with ngs_save_configuration", () => {
    expect(make(Ios).plan("plugPortToNetwork", plug).save).toEqual(["write mem"]);
    expect(make(Ios, { ngs_save_configuration: "false" }).plan("plugPortToNetwork", plug).save).toEqual([]);
  });
  test("none: never saved", () => {
    expect(make(NeverSaves).plan("plugPortToNetwork", plug).save).toEqual([]);
    expect(make(NeverSaves).saveConfiguration).toBe(false);
  });
  test("commit: always, whatever ngs_save_configuration says", () => {
    expect(make(CommitLine, { ngs_save_configuration: "false" }).plan("plugPortToNetwork", plug).save).toEqual(["apply it"]);
  });
  test("line: the set ends with it; the save follows ngs_save_configuration", () => {
    const p = make(ApplyLine, { ngs_save_configuration: "false" }).plan("plugPortToNetwork", plug);
    expect(p.commands).toEqual(["interface Gi0/1", "switchport mode access", "switchport access vlan 33", "apply now"]);
    expect(p.save).toEqual([]);
  });
});

describe("runner and batching read the same data (against the simulated switch)", () => {
  let sims: SimSwitch[] = [];
  const devices: CliSwitch[] = [];
  afterEach(async () => {
    await Promise.all(devices.splice(0).map((d) => d.close()));
    await Promise.all(sims.map((s) => s.close()));
    sims = [];
  });
  async function onSim<T extends CliSwitch>(Cls: new (c: DeviceConfig, n: string, ctx: object) => T): Promise<{ s: SimSwitch; d: T }> {
    const s = await startSwitch({ platform: "cisco_ios", host: "127.0.0.1", username: "admin", password: PASSWORD });
    sims.push(s);
    const d = new Cls({ device_type: "netmiko_test", ip: s.host, port: String(s.port), username: "admin", password: PASSWORD }, "sw1", { logger });
    devices.push(d);
    return { s, d };
  }
  const sets = [["vlan 41"], ["vlan 42"], ["vlan 43"]];

  test("applyMode none: the change is made and never saved", async () => {
    const { s, d } = await onSim(NeverSaves);
    await d.plugPortToNetwork("GigabitEthernet0/1", 33);
    expect(s.state.ports.get("GigabitEthernet0/1")).toMatchObject({ accessVlan: 33 });
    expect(s.counters.saves).toBe(0);
  });

  /** Send three sets as the batch worker does; how many times config mode was entered. */
  async function configPasses(Cls: new (c: DeviceConfig, n: string, ctx: object) => CliSwitch): Promise<number> {
    const { s, d } = await onSim(Cls);
    const session = await d.openSession();
    const before = s.commandLog.length;
    const outcomes = await d.sendConfigSets(session, sets);
    await session.close();
    expect(outcomes.map((o) => "result" in o)).toEqual([true, true, true]);
    expect([...s.state.vlans.keys()]).toEqual(expect.arrayContaining([41, 42, 43]));
    return s.commandLog.slice(before).filter((c) => c.startsWith("conf")).length;
  }

  test("plain config mode: batched sets share one config-mode pass", async () => {
    expect(await configPasses(Ios)).toBe(1);
  });

  test("a class that declares another config mode gets one pass per set", async () => {
    expect(await configPasses(WholeAnswerChecked)).toBe(3);
  });
});

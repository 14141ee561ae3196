import { describe, expect, it } from "vitest";
import { startSwitch } from "@ngs/switch-sim";
import { closedAfterEach, Term } from "./helpers.js";

const { sims, terms } = closedAfterEach();

async function open(platform: string, extra: Record<string, unknown> = {}, cfg: Record<string, unknown> = { password: "pw" }) {
  const sim = await startSwitch({ platform, password: "pw", loginQuestions: true, ...extra });
  sims.push(sim);
  const t = await Term.open(sim, cfg);
  terms.push(t);
  return { sim, t };
}

describe("first-login questions (loginQuestions: true)", () => {
  it("dell_force10 asks [y/n]; y reaches the prompt, n hangs up", async () => {
    const a = await open("dell_force10");
    await a.t.expect(/\[y\/n\]:$/);
    a.t.write("y\n");
    await a.t.expect(/Dell>$/);
    const b = await open("dell_force10");
    await b.t.expect(/\[y\/n\]:$/);
    b.t.write("n\n");
    await b.t.waitClosed();
  });

  it("huawei asks to change the password; N reaches <HUAWEI>", async () => {
    const { t } = await open("huawei");
    await t.expect(/Change now\? \[Y\/N\]:$/);
    t.write("N\n");
    await t.expect(/<HUAWEI>$/);
  });

  it("hp_comware: Press Y or ENTER to continue", async () => {
    const { t } = await open("hp_comware");
    await t.expect(/Press Y or ENTER to continue, N to exit\.$/);
    t.write("\n");
    await t.expect(/<HPE>$/);
  });

  it("ruijie_os asks to change the password; n reaches the prompt", async () => {
    const { t } = await open("ruijie_os");
    await t.expect(/Do you want to change the password\? \[Y\/N\]:$/);
    t.write("n\n");
    await t.expect(/Ruijie>$/);
  });

  it("dell_powerconnect logs in in-band after SSH auth none; a wrong password hangs up", async () => {
    // By default, without loginQuestions: the real switch always logs in this way.
    const good = await open("dell_powerconnect", { loginQuestions: false }, { username: "admin" });
    await good.t.expect(/User Name:$/);
    good.t.write("admin\n");
    await good.t.expect(/Password:$/);
    good.t.write("pw\n");
    await good.t.expect(/console>$/);
    expect(good.t.transcript).not.toMatch(/Password:pw/);
    const bad = await open("dell_powerconnect", {}, { username: "admin" });
    await bad.t.expect(/User Name:$/);
    bad.t.write("admin\nwrong\n");
    await bad.t.waitClosed();
    expect(bad.t.transcript).toContain("% Authentication failed.");
    expect(bad.sim.counters.authFailures).toBe(1);
  });

  it("dell_powerconnect with inbandLogin: false is a plain SSH password login", async () => {
    const { t } = await open("dell_powerconnect", { loginQuestions: false, inbandLogin: false });
    await t.expect(/console>$/);
    expect(t.transcript).not.toContain("User Name:");
  });
});

describe("juniper root login", () => {
  it("lands in the shell and needs cli", async () => {
    const sim = await startSwitch({ platform: "juniper", username: "root", password: "pw" });
    sims.push(sim);
    const t = await Term.open(sim, { username: "root", password: "pw" });
    terms.push(t);
    await t.expect(/root@sw1:RE:0% $/);
    await t.cmd("cli", /root@sw1> $/);
    await t.cmd("exit", /root@sw1:RE:0% $/);
  });
});

import { CliSession } from "@ngs/cli-session";
import { startSwitch } from "@ngs/switch-sim";
const sim = await startSwitch({ platform: "cisco_ios", username: "a", password: "pw", secret: "pw", faults: { commandLatencyMs: Number(process.argv[2]) } });
const s = await CliSession.open({ platform: "cisco_ios", host: sim.host, port: sim.port, username: "a", password: "pw", secret: "pw", hostKeyVerifier: () => true });
await s.enable();
const blocks = [];
for (let b = 0; b < 5; b++) {
  const t = performance.now();
  for (let i = 0; i < 40; i++) { await s.sendConfigSet(["interface Gi1/0/1", "switchport mode access", "switchport access vlan 10"]); await s.saveConfig(); }
  blocks.push(((performance.now() - t) / (40 * 6)).toFixed(3));
}
console.log("latency", process.argv[2], "ms/command per block of 240 commands:", blocks.join(" "));
await s.close(); await sim.close(); process.exit(0);

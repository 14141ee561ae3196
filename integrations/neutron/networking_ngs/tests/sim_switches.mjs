// Simulated switches for the Python tests: starts one @ngs/switch-sim switch
// per entry of the JSON spec in argv[2] ([{name, deviceType}], credentials in
// argv[3..4]), prints one JSON line {switches: {name: {host, port}}, state:
// url}, and serves GET <url> → {name: {vlans, ports, commands}} (the switch
// state and how many commands it has received) until SIGTERM.
import { createServer } from "node:http";

const sim = await import(new URL("../../../../packages/switch-sim/dist/index.js", import.meta.url).href);
const [spec, password, secret] = [JSON.parse(process.argv[2]), process.argv[3], process.argv[4]];
const switches = {};
for (const { name, deviceType } of spec) {
  switches[name] = await sim.startSwitchForDevice({ host: "127.0.0.1", username: "admin", password, secret, deviceType, hostname: name });
}
const server = createServer((_req, res) => {
  const state = {};
  for (const [name, s] of Object.entries(switches)) state[name] = { ...s.snapshot(), commands: s.commandLog.length };
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify(state));
});
server.listen(0, "127.0.0.1", () => {
  const addresses = Object.fromEntries(Object.entries(switches).map(([n, s]) => [n, { host: "127.0.0.1", port: s.port }]));
  process.stdout.write(`${JSON.stringify({ switches: addresses, state: `http://127.0.0.1:${server.address().port}/` })}\n`);
});
process.on("SIGTERM", async () => {
  server.close();
  await Promise.all(Object.values(switches).map((s) => s.close()));
  process.exit(0);
});

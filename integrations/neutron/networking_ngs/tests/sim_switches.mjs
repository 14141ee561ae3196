// Simulated switches for the Python tests: starts one @ngs/switch-sim switch
// per entry of the JSON spec in argv[2] ([{name, deviceType}], credentials in
// argv[3..4]), prints one JSON line {switches: {name: {host, port,
// hostKeyFingerprint}}, state: url}, and serves GET <url> → {name: {vlans,
// ports, commands}} (the switch state and how many commands it has received;
// a netconf_openconfig switch adds `netconf`, its running OpenConfig state,
// and counts RPCs as commands) until SIGTERM.
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";

const repo = (path) => new URL(`../../../../${path}`, import.meta.url);
const sim = await import(repo("packages/switch-sim/dist/index.js").href);
// The device type → platform map comes from the plugins (the host's, as `ngs` finds them).
const plugins = await import(repo("packages/core/dist/plugins/index.js").href);
const installed = plugins.discoverPlugins({ hostPackageJson: fileURLToPath(repo("packages/cli/package.json")) });
/** The interfaces of a simulated OpenConfig switch. */
const NETCONF_INTERFACES = ["Ethernet1", "Ethernet2", "Ethernet48"];
const [spec, password, secret] = [JSON.parse(process.argv[2]), process.argv[3], process.argv[4]];
const switches = {};
for (const { name, deviceType } of spec) {
  const common = { host: "127.0.0.1", username: "admin", password, secret, hostname: name };
  switches[name] =
    deviceType === "netconf_openconfig"
      ? await sim.startSwitch({ ...common, platform: "linux", netconf: { interfaces: NETCONF_INTERFACES } })
      : await sim.startSwitch({ ...common, platform: await plugins.loadDevicePlatform(deviceType, installed) });
}
const server = createServer((_req, res) => {
  const state = {};
  for (const [name, s] of Object.entries(switches)) {
    const netconf = s.netconf ? { netconf: s.netconf.state("running") } : {};
    state[name] = { ...s.snapshot(), ...netconf, commands: s.commandLog.length + (s.netconf?.transcript.length ?? 0) };
  }
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify(state));
});
server.listen(0, "127.0.0.1", () => {
  const addresses = Object.fromEntries(Object.entries(switches).map(([n, s]) => [n, { host: "127.0.0.1", port: s.port, hostKeyFingerprint: s.hostKeyFingerprint }]));
  process.stdout.write(`${JSON.stringify({ switches: addresses, state: `http://127.0.0.1:${server.address().port}/` })}\n`);
});
process.on("SIGTERM", async () => {
  server.close();
  await Promise.all(Object.values(switches).map((s) => s.close()));
  process.exit(0);
});

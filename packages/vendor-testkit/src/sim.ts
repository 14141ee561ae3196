// Start a simulated switch and a device pointed at it; both closed after each test.
import { afterEach } from "vitest";
import { createLogger, type CliSwitch, type DeviceConfig } from "@ngs/core";
import { startSwitch, type SimSwitch, type SimSwitchOptions } from "@ngs/switch-sim";

import { SIM_PASSWORD as PASSWORD, SIM_SECRET as SECRET } from "@ngs/test-utils";

export { PASSWORD, SECRET };

const open: { sims: SimSwitch[]; devices: CliSwitch[] } = { sims: [], devices: [] };
afterEach(async () => {
  await Promise.all(open.devices.splice(0).map((d) => d.close()));
  await Promise.all(open.sims.splice(0).map((s) => s.close()));
});

type DeviceCtor = new (config: DeviceConfig, name: string, context?: object) => CliSwitch;

export async function simAndDevice(
  Cls: DeviceCtor,
  deviceType: string,
  platform: string,
  extra: DeviceConfig = {},
  simOptions: Partial<SimSwitchOptions> = {},
): Promise<{ sim: SimSwitch; device: CliSwitch }> {
  const sim = await startSwitch({ platform, host: "127.0.0.1", username: "admin", password: PASSWORD, secret: SECRET, ...simOptions });
  open.sims.push(sim);
  const device = new Cls(
    { device_type: deviceType, ip: sim.host, port: String(sim.port), username: "admin", password: PASSWORD, secret: SECRET, ...extra },
    "sim",
    { logger: createLogger({ level: "silent" }) },
  );
  open.devices.push(device);
  return { sim, device };
}

import { GenericSwitchNotSupported } from "./errors.js";

/**
 * Upstream's trunk-support refusal, shared by the ML2 driver (which names the
 * switch by its section) and the device layer (which adds the device type):
 * undefined when the switch can trunk this kind of port.
 */
export function trunkNotSupported(
  sw: { readonly supportTrunkOnPorts: boolean; readonly supportTrunkOnBondPorts: boolean },
  switchLabel: string,
  bond: boolean,
): GenericSwitchNotSupported | undefined {
  if (bond ? sw.supportTrunkOnBondPorts : sw.supportTrunkOnPorts) return undefined;
  return new GenericSwitchNotSupported({
    feature: "trunks",
    switch: switchLabel,
    error: bond ? "Trunks are not supported on bond ports." : "Trunks are not supported on ports.",
  });
}

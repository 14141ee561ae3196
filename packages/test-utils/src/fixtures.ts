// Values many test files share: one definition, imported, so they cannot drift apart.

/** Login of every simulated switch the tests start (unique strings, so a leak is easy to grep for). */
export const SIM_USERNAME = "admin";
export const SIM_PASSWORD = "sim-Passw0rd!";
export const SIM_SECRET = "sim-En4ble!";
/** The same, as `startSwitch` takes them. */
export const SIM_CREDS = { username: SIM_USERNAME, password: SIM_PASSWORD, secret: SIM_SECRET } as const;

/** A Neutron network id, and the dashless form some vendors put into names. */
export const NET = "0ae071f5-5be9-43e4-80ea-e41fefe85b21";
export const HEX = "0ae071f55be943e480eae41fefe85b21";

/** Neutron-shaped binding details the command tests pass: a trunk's subports and an 802.3ad bond. */
export const TRUNK = { sub_ports: [{ segmentation_id: 101 }, { segmentation_id: "102" }] };
export const LACP = { local_group_information: { bond_mode: "802.3ad" } };

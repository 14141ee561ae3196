import {
  CliSwitch,
  GenericSwitchException,
  GenericSwitchInvalidValue,
  GenericSwitchNotSupported,
  getSwitchDevice,
  validatePortName,
  type GenericSwitchDevice,
  type TrunkDetails,
} from "@ngs/core";
import { invalid, invalidParameterValue, networkError, RpcError, switchNotFound } from "./ironic-errors.js";

/**
 * Ironic's networking API 1.0 (`ironic/networking/manager.py`) over ngs
 * devices, with the semantics of Ironic's generic-switch driver: validation
 * first (nothing reaches a switch on bad input), then one device operation
 * per switch, results shaped as Ironic's manager returns them.
 */

/** Runs one device operation; the server wraps it with metrics and logging. */
export type RunOperation = <T>(switchName: string, operation: string, fn: () => Promise<T>) => Promise<T>;

export interface NetworkingApiOptions {
  devices: ReadonlyMap<string, GenericSwitchDevice>;
  run: RunOperation;
}

type Params = Record<string, unknown>;

const MODES = ["access", "trunk"];

export class NetworkingApi {
  constructor(private readonly opts: NetworkingApiOptions) {}

  /** switch_id → configured switch: its section name, or its ngs_mac_address (case-insensitive). */
  resolveSwitch(switchId: unknown): { name: string; device: GenericSwitchDevice } {
    if (typeof switchId !== "string" || switchId.trim() === "") {
      throw invalidParameterValue(`switch_id must be a non-empty string, got ${JSON.stringify(switchId)}`);
    }
    const found = getSwitchDevice(this.opts.devices, { switch_info: switchId, switch_id: switchId });
    if (!found) throw switchNotFound(switchId);
    return { name: found.name, device: found.device as GenericSwitchDevice };
  }

  async update_port(p: Params): Promise<Params> {
    const { name, device } = this.resolveSwitch(p.switch_id);
    const mode = checkMode(p.mode);
    const nativeVlan = checkNativeVlan(p.native_vlan);
    const allowedVlans = checkAllowedVlans(p.allowed_vlans);
    const defaultVlan = checkDefaultVlan(p.default_vlan);
    const port = checkPortName(p.port_name, name);
    if (mode === "trunk") {
      if (!allowedVlans?.length) throw invalidParameterValue("allowed_vlans cannot be empty or missing when mode is 'trunk'");
      if (!device.supportTrunkOnPorts) throw trunkNotSupported(device, "ports");
    }
    checkAllowed(device, name, port, [nativeVlan, ...(allowedVlans ?? [])]);
    const trunkDetails = mode === "trunk" ? trunkDetailsOf(nativeVlan, allowedVlans) : undefined;
    await this.call(name, "update_port", "Failed to configure network port", port, () =>
      device.plugPortToNetwork(port, nativeVlan, portOptions(trunkDetails, defaultVlan)),
    );
    return {
      switch_id: p.switch_id,
      port_name: p.port_name,
      description: p.description,
      mode,
      native_vlan: nativeVlan,
      allowed_vlans: allowedVlans ?? [],
      default_vlan: p.default_vlan ?? null,
      lag_name: p.lag_name ?? null,
      status: "configured",
    };
  }

  async reset_port(p: Params): Promise<Params> {
    const { name, device } = this.resolveSwitch(p.switch_id);
    const nativeVlan = checkNativeVlan(p.native_vlan);
    const allowedVlans = checkAllowedVlans(p.allowed_vlans);
    const defaultVlan = checkDefaultVlan(p.default_vlan);
    const port = checkPortName(p.port_name, name);
    checkAllowed(device, name, port, [nativeVlan, ...(allowedVlans ?? [])]);
    // Undo trunk VLANs only where the device has trunks; elsewhere there are none to undo.
    const trunkDetails = device.supportTrunkOnPorts ? trunkDetailsOf(nativeVlan, allowedVlans) : undefined;
    await this.call(name, "reset_port", "Failed to reset network port", port, () =>
      device.deletePort(port, nativeVlan, portOptions(trunkDetails, defaultVlan)),
    );
    return {
      switch_id: p.switch_id,
      port_name: p.port_name,
      description: "Default port configuration",
      mode: "access",
      native_vlan: nativeVlan,
      allowed_vlans: [],
      default_vlan: p.default_vlan ?? null,
      status: "reset",
    };
  }

  async get_switches(): Promise<Params> {
    const out: Params = {};
    for (const [name, device] of this.opts.devices) {
      out[name] = {
        switch_id: name,
        device_name: name,
        device_type: device.deviceType,
        allowed_vlans: device.option("ngs_allowed_vlans") ?? null,
      };
    }
    return out;
  }

  /**
   * Beyond Ironic's driver (which answers "not supported"): plug the bond
   * (port-channel) `lag_name` on every listed switch with the vendor's bond
   * commands. Every switch is checked before any is touched.
   */
  async update_lag(p: Params): Promise<Params> {
    const targets = this.resolveSwitches(p.switch_ids);
    const mode = checkMode(p.mode);
    const nativeVlan = checkNativeVlan(p.native_vlan);
    const allowedVlans = checkAllowedVlans(p.allowed_vlans);
    const defaultVlan = checkDefaultVlan(p.default_vlan);
    if (typeof p.aggregation_mode !== "string" || p.aggregation_mode.trim() === "") {
      throw invalidParameterValue(`aggregation_mode must be a non-empty string such as 'lacp' or 'static', got ${JSON.stringify(p.aggregation_mode)}`);
    }
    if (mode === "trunk" && !allowedVlans?.length) throw invalidParameterValue("allowed_vlans cannot be empty or missing when mode is 'trunk'");
    const bonds = targets.map(({ name, device }) => {
      const bond = checkPortName(p.lag_name, name, "lag_name");
      requireBondCommands(device, name, "plug");
      if (mode === "trunk" && !device.supportTrunkOnBondPorts) throw trunkNotSupported(device, "bond ports");
      checkAllowed(device, name, bond, [nativeVlan, ...(allowedVlans ?? [])]);
      return { name, device, bond };
    });
    const trunkDetails = mode === "trunk" ? trunkDetailsOf(nativeVlan, allowedVlans) : undefined;
    await this.eachSwitch(bonds, "update_lag", "Failed to configure LAG", (t) =>
      t.device.plugBondToNetwork(t.bond, nativeVlan, portOptions(trunkDetails, defaultVlan)),
    );
    return {
      switch_ids: p.switch_ids,
      lag_name: p.lag_name,
      description: p.description,
      mode,
      native_vlan: nativeVlan,
      aggregation_mode: p.aggregation_mode,
      allowed_vlans: allowedVlans ?? [],
      default_vlan: p.default_vlan ?? null,
      status: "configured",
    };
  }

  /**
   * Take the bond out of its VLAN on every listed switch. Ironic sends no
   * VLAN here, so only vendors whose unplug-bond commands need none can do
   * it; the others are refused before anything is sent.
   */
  async delete_lag(p: Params): Promise<Params> {
    const targets = this.resolveSwitches(p.switch_ids);
    const bonds = targets.map(({ name, device }) => {
      const bond = checkPortName(p.lag_name, name, "lag_name");
      const templates = requireBondCommands(device, name, "unplug");
      if (templates.some((t) => t.includes("{segmentation_id}"))) {
        throw invalid(
          `Cannot delete LAG ${bond} on switch ${name}: the ${device.deviceType} bond commands need the bond's VLAN, which delete_lag does not carry. Use update_lag to move it, or reset its member ports.`,
        );
      }
      return { name, device, bond };
    });
    // The VLAN argument is unused by these templates; it only has to be valid.
    await this.eachSwitch(bonds, "delete_lag", "Failed to delete LAG", (t) => t.device.unplugBondFromNetwork(t.bond, 1));
    return { switch_ids: p.switch_ids, lag_name: p.lag_name, status: "deleted" };
  }

  private resolveSwitches(ids: unknown): { name: string; device: GenericSwitchDevice }[] {
    if (!Array.isArray(ids) || ids.length === 0) throw invalidParameterValue(`switch_ids must be a non-empty list of switch ids, got ${JSON.stringify(ids)}`);
    return ids.map((id) => this.resolveSwitch(id));
  }

  /** Run on every switch in parallel; name the ones done and the ones failed when any fails. */
  private async eachSwitch<T extends { name: string; bond: string }>(
    targets: T[],
    operation: string,
    failure: string,
    fn: (t: T) => Promise<unknown>,
  ): Promise<void> {
    const results = await Promise.allSettled(targets.map((t) => this.call(t.name, operation, failure, t.bond, () => fn(t))));
    const failed = results.flatMap((r, i) => (r.status === "rejected" ? [{ t: targets[i]!, e: r.reason as RpcError }] : []));
    if (failed.length === 0) return;
    const done = targets.filter((_, i) => results[i]!.status === "fulfilled").map((t) => t.name);
    const first = failed[0]!.e;
    const why = failed.map((f) => f.e.message).join("; ");
    throw new RpcError(first.code, `${why}${done.length ? ` (already configured on: ${done.join(", ")})` : ""}`, first.ironicClass);
  }

  /** One device call: GenericSwitch* errors become Ironic's classes, naming switch, port and cause. */
  private async call(name: string, operation: string, failure: string, port: string, fn: () => Promise<unknown>): Promise<void> {
    try {
      await this.opts.run(name, operation, fn);
    } catch (e) {
      throw toIronicError(e, `${failure} ${port} on switch ${name}`);
    }
  }
}

export function toIronicError(e: unknown, context: string): RpcError {
  if (e instanceof RpcError) return e;
  const cause = e instanceof Error ? e.message : String(e);
  if (e instanceof GenericSwitchInvalidValue) return invalidParameterValue(`${context}: ${cause}`);
  if (e instanceof GenericSwitchException || e instanceof Error) return networkError(`${context}: ${cause}`);
  return networkError(`${context}: ${cause}`);
}

// ---- validation (Ironic's manager messages where it has them) -------------

function checkMode(mode: unknown): "access" | "trunk" {
  if (typeof mode !== "string" || !MODES.includes(mode)) throw invalidParameterValue(`mode must be one of: ${MODES.join(", ")}`);
  return mode as "access" | "trunk";
}

const isVlan = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 4094;

function checkNativeVlan(v: unknown): number {
  if (!isVlan(v)) throw invalidParameterValue("native_vlan must be an integer between 1 and 4094");
  return v;
}

function checkAllowedVlans(v: unknown): number[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw invalidParameterValue("allowed_vlans must be a list or tuple");
  for (const x of v) if (!isVlan(x)) throw invalidParameterValue("Each VLAN in allowed_vlans must be an integer between 1 and 4094");
  return v as number[];
}

function checkDefaultVlan(v: unknown): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isVlan(v)) throw invalidParameterValue("default_vlan must be an integer between 1 and 4094");
  return v;
}

/** A port name that could carry a command into a switch CLI is refused here, before any lock or session. */
function checkPortName(v: unknown, switchName: string, what = "port_name"): string {
  try {
    return validatePortName(v, { shell: false, what });
  } catch (e) {
    throw invalidParameterValue(`Invalid ${what} for switch ${switchName}: ${(e as Error).message}`);
  }
}

function checkAllowed(device: GenericSwitchDevice, name: string, port: string, vlans: number[]): void {
  const { allowedPorts, allowedVlans } = device.ngsConfig;
  if (allowedPorts !== null && !allowedPorts.includes(port)) {
    throw invalidParameterValue(`Port ${port} is not in ngs_allowed_ports of switch ${name}; nothing was changed`);
  }
  const refused = vlans.filter((v) => !device.isAllowed(port, v));
  if (refused.length > 0 && allowedVlans !== null) {
    throw invalidParameterValue(
      `VLAN${refused.length > 1 ? "s" : ""} ${refused.join(", ")} not allowed on switch ${name} (ngs_allowed_vlans: ${allowedVlans.join(",")}); nothing was changed`,
    );
  }
}

function trunkNotSupported(device: GenericSwitchDevice, on: string): RpcError {
  const e = new GenericSwitchNotSupported({
    feature: "trunks",
    switch: `${device.deviceType} switch ${device.deviceName}`,
    error: `Trunks are not supported on ${on}.`,
  });
  return networkError(`Failed to configure network port: ${e.message}`);
}

/** The vendor's bond templates (plug or unplug), or a clear refusal where it has none. */
function requireBondCommands(device: GenericSwitchDevice, name: string, which: "plug" | "unplug"): string[] {
  const key = which === "plug" ? "PLUG_BOND_TO_NETWORK" : "UNPLUG_BOND_FROM_NETWORK";
  const templates = device instanceof CliSwitch ? device.commands[key] : undefined;
  if (!templates?.length) {
    throw invalid(`LAG operations are not supported on switch ${name}: device type ${device.deviceType} has no bond (port-channel) commands`);
  }
  return [...templates];
}

/** Ironic's generic-switch driver: every allowed VLAN except the native one becomes a trunk subport. */
function trunkDetailsOf(nativeVlan: number, allowed: number[] | undefined): TrunkDetails | undefined {
  const subPorts = (allowed ?? []).filter((v) => v !== nativeVlan).map((v) => ({ segmentation_id: v }));
  return subPorts.length ? ({ sub_ports: subPorts } as TrunkDetails) : undefined;
}

function portOptions(trunkDetails: TrunkDetails | undefined, defaultVlan: number | undefined) {
  return { ...(trunkDetails ? { trunkDetails } : {}), ...(defaultVlan !== undefined ? { defaultVlan } : {}) };
}

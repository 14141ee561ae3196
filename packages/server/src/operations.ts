import { AsyncLocalStorage } from "node:async_hooks";
import type { FastifyRequest } from "fastify";
import type { DriverSwitch, GenericSwitchDevice, SwitchMap } from "@ngs/core";
import type { ServerMetrics } from "./metrics.js";
import type { RunOperation } from "./networking-api.js";

/** The request id of the operation in progress; the logger's mixin adds it to every line (switch lines too). */
export const requestScope = new AsyncLocalStorage<{ request_id: string }>();

/** One device operation of a request: a debug line, the operation metrics, an error line naming switch and request. */
export function operationRunner(req: FastifyRequest, metrics: ServerMetrics, requestId: string | undefined): RunOperation {
  return async (switchName, operation, fn) => {
    const labels = { switch: switchName, operation };
    // Inside the request's scope: this line and the device's own carry the request id.
    req.log.child({ switch: switchName }).debug({ operation }, `${operation}: starting`);
    const end = metrics.operationSeconds.startTimer(labels);
    metrics.operationsInFlight.inc();
    try {
      const r = await fn();
      metrics.operations.inc({ ...labels, result: "ok" });
      return r;
    } catch (e) {
      metrics.operations.inc({ ...labels, result: (e as Error).name ?? "Error" });
      req.log.error({ err: e, switch: switchName, operation, request_id: requestId }, `${operation} failed on switch ${switchName}`);
      throw e;
    } finally {
      end();
      metrics.operationsInFlight.dec();
    }
  };
}

/** The DriverSwitch methods that talk to a switch, by their operation label. */
const OPERATIONS: Record<string, string> = {
  addNetwork: "add_network",
  delNetwork: "del_network",
  plugPortToNetwork: "plug_port_to_network",
  deletePort: "delete_port",
  plugBondToNetwork: "plug_bond_to_network",
  unplugBondFromNetwork: "unplug_bond_from_network",
  addSubportsOnTrunk: "add_subports_on_trunk",
  delSubportsOnTrunk: "del_subports_on_trunk",
  plugSwitchToNetwork: "plug_switch_to_network",
  unplugSwitchFromNetwork: "unplug_switch_from_network",
  vlanHasVni: "vlan_has_vni",
  vlanHasPorts: "vlan_has_ports",
};

/**
 * The configured switches as the ML2 driver sees them, each switch
 * operation run through `run` (metrics, logs) — so a hook counts exactly
 * like a JSON-RPC call. Everything else reads through to the device.
 */
export function instrumentedSwitches(devices: ReadonlyMap<string, GenericSwitchDevice>, run: RunOperation): SwitchMap {
  const out = new Map<string, DriverSwitch>();
  for (const [name, device] of devices) {
    const proxy = new Proxy(device, {
      get(target, prop) {
        // The device as receiver: its getters and private fields need the real instance.
        const value = Reflect.get(target, prop, target) as unknown;
        const operation = typeof prop === "string" ? OPERATIONS[prop] : undefined;
        if (!operation || typeof value !== "function") return typeof value === "function" ? value.bind(target) : value;
        return (...args: unknown[]) => run(name, operation, () => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
      },
    });
    out.set(name, proxy as DriverSwitch);
  }
  return out;
}

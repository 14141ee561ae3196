/** How a failed NETCONF RPC reaches the caller: a GenericSwitch* error naming the switch. */
import { GenericSwitchNetconfError, GenericSwitchNetconfLockDenied, GenericSwitchNetconfOperationFailed } from "@ngs/core/device-kit";
import type { Datastore } from "./capabilities.js";
import type { RpcErrorInfo } from "./client.js";
import { rpcErrorInfo } from "./session.js";

/** An rpc-error as a GenericSwitch* error naming the switch, the RPC and the server's message. */
export function rpcFailure(deviceName: string, rpc: string, target: Datastore, e: unknown): Error {
  const info: RpcErrorInfo | undefined = rpcErrorInfo(e);
  if (!info) {
    if (e instanceof GenericSwitchNetconfError) return e;
    return new GenericSwitchNetconfError({ device: deviceName, error: `${rpc} on ${target}: ${(e as Error).message}`, cause: e });
  }
  const said = info.message ? `: ${info.message}` : "";
  if (info.tag === "lock-denied") {
    return new GenericSwitchNetconfLockDenied({
      message: `NETCONF device ${deviceName}: the ${target} datastore is locked by another session${info.sessionId ? ` (session ${info.sessionId})` : ""}; nothing was sent. ${GenericSwitchNetconfLockDenied.template}`,
      device: deviceName,
      cause: e,
    });
  }
  if (info.tag === "operation-failed") {
    return new GenericSwitchNetconfOperationFailed({
      message: `NETCONF device ${deviceName} returned operation-failed for ${rpc} on ${target}${said}; nothing was committed`,
      device: deviceName,
      cause: e,
    });
  }
  return new GenericSwitchNetconfError({ device: deviceName, error: `${rpc} on ${target} failed with ${info.tag}${said}`, cause: e });
}

/** The last attempt's error, saying that it was the last. */
export function gaveUp(deviceName: string, e: GenericSwitchNetconfLockDenied | GenericSwitchNetconfOperationFailed, attempts: number): Error {
  const Cls = e instanceof GenericSwitchNetconfLockDenied ? GenericSwitchNetconfLockDenied : GenericSwitchNetconfOperationFailed;
  const message = attempts > 1 ? `${e.message} (gave up after ${attempts} attempts)` : e.message;
  return new Cls({ message, device: deviceName, cause: e.cause });
}

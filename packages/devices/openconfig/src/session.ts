import type { GenericSwitchDevice } from "@ngs/core/device-kit";
import type { NetconfClient, RpcErrorInfo } from "./client.js";

/** Opens the NETCONF session for a device (over @ngs/netconf; filled in when that package lands). */
export async function openNetconfClient(device: GenericSwitchDevice): Promise<NetconfClient> {
  throw new Error(`NETCONF transport for ${device.deviceName} is not available yet`);
}

/** The rpc-error behind an error from the session, if it is one. */
export function rpcErrorInfo(e: unknown): RpcErrorInfo | undefined {
  const r = e as { tag?: unknown; message?: unknown; sessionId?: unknown } | null;
  if (!r || typeof r.tag !== "string") return undefined;
  return { tag: r.tag, ...(typeof r.message === "string" ? { message: r.message } : {}), ...(typeof r.sessionId === "string" ? { sessionId: r.sessionId } : {}) };
}

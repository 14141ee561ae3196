/**
 * The errors Ironic's networking manager raises, as the JSON-RPC error
 * objects its client turns back into `ironic.common.exception.<Name>`
 * (the `data.class` of Ironic's JSON-RPC error objects). The JSON-RPC protocol errors carry no
 * `data.class`, as in Ironic's own server.
 */

const IRONIC_EXCEPTION_MODULE = "ironic.common.exception";

export interface JsonRpcErrorObject {
  code: number;
  message: string;
  data?: { class: string };
}

/** An error the caller gets as a JSON-RPC error object. */
export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    /** Ironic's exception class name (`SwitchNotFound`); absent for protocol errors. */
    readonly ironicClass?: string,
  ) {
    super(message);
    this.name = ironicClass ?? "JsonRpcError";
  }

  toJson(): JsonRpcErrorObject {
    const out: JsonRpcErrorObject = { code: this.code, message: this.message };
    if (this.ironicClass) out.data = { class: `${IRONIC_EXCEPTION_MODULE}.${this.ironicClass}` };
    return out;
  }
}

// ---- Ironic's exception classes (code = their HTTP-like code) ------------

export const invalidParameterValue = (message: string) => new RpcError(400, message, "InvalidParameterValue");
/** Ironic's generic `Invalid` (400): what its manager raises for LAG requests it cannot do. */
export const invalid = (message: string) => new RpcError(400, message, "Invalid");
export const switchNotFound = (switchId: string) =>
  new RpcError(404, `Switch ${switchId} could not be found or is not supported by any configured switch driver.`, "SwitchNotFound");
export const networkError = (message: string) => new RpcError(500, message, "NetworkError");

// ---- JSON-RPC 2.0 protocol errors (Ironic's server messages) -------------

export const parseError = () => new RpcError(-32700, "Invalid JSON received by RPC server");
export const invalidRequest = (why?: string) =>
  new RpcError(-32600, `Invalid request object received by RPC server${why ? `: ${why}` : ""}`);
export const methodNotFound = (name: string) => new RpcError(-32601, `Method ${name} was not found`);
export const invalidParams = (params: string, method: string, error: string) =>
  new RpcError(-32602, `Params ${params} are invalid for ${method}: ${error}`);

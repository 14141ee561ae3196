import { Ajv, type ValidateFunction } from "ajv";
import { invalidParams, invalidRequest, methodNotFound, RpcError, type JsonRpcErrorObject } from "./ironic-errors.js";

/**
 * JSON-RPC 2.0 as Ironic's server speaks it (`ironic/common/json_rpc/server.py`):
 * one request object per POST (no batches), keyword params only, `context`
 * and `rpc.version` carried inside params, no `id` = a notification.
 */

/** The API version this server implements; a caller's major version must match. */
export const RPC_API_VERSION = "1.0";

/** Each method's keyword parameters: required names, and every name it takes. */
export interface MethodSignature {
  required: readonly string[];
  optional: readonly string[];
}

export const METHODS: Readonly<Record<string, MethodSignature>> = {
  update_port: {
    required: ["switch_id", "port_name", "description", "mode", "native_vlan"],
    optional: ["allowed_vlans", "default_vlan", "lag_name"],
  },
  reset_port: { required: ["switch_id", "port_name", "native_vlan"], optional: ["allowed_vlans", "default_vlan"] },
  get_switches: { required: [], optional: [] },
  update_lag: {
    required: ["switch_ids", "lag_name", "description", "mode", "native_vlan", "aggregation_mode"],
    optional: ["allowed_vlans", "default_vlan"],
  },
  delete_lag: { required: ["switch_ids", "lag_name"], optional: [] },
};

/** The envelope schema (fastify validates the body with it; a mismatch is -32600). */
export const ENVELOPE_SCHEMA = {
  type: "object",
  required: ["jsonrpc", "method"],
  properties: {
    jsonrpc: { const: "2.0" },
    method: { type: "string", minLength: 1 },
    params: { type: "object" },
    // No type here: fastify's validator coerces types, and a number id must come back as a number.
    id: {},
  },
} as const;

/** Per-method params schemas, so a missing or unknown keyword is -32602 as in Ironic (a Python TypeError there). */
const ajv = new Ajv({ allErrors: true });
const paramValidators: Record<string, ValidateFunction> = Object.fromEntries(
  Object.entries(METHODS).map(([name, sig]) => {
    const names = [...sig.required, ...sig.optional, "context", "rpc.version"];
    const schema = {
      type: "object",
      required: [...sig.required],
      properties: Object.fromEntries(names.map((n) => [n, {}])),
      additionalProperties: false,
    };
    return [name, ajv.compile(schema)];
  }),
);

export interface RpcRequest {
  id: string | number | null | undefined;
  method: string;
  /** Keyword params without `context` and `rpc.version`. */
  params: Record<string, unknown>;
  context: Record<string, unknown> | undefined;
  /** Ironic's `context.request_id`, for logs. */
  requestId: string | undefined;
}

/** Check a parsed, envelope-valid body: method known, params as the method takes them, API major version. */
export function checkRequest(body: { method: string; params?: Record<string, unknown>; id?: string | number | null }): RpcRequest {
  const params = { ...(body.params ?? {}) };
  const sig = METHODS[body.method];
  if (!sig) throw methodNotFound(body.method);
  const validate = paramValidators[body.method]!;
  if (!validate(params)) {
    const error = (validate.errors ?? [])
      .map((e) =>
        e.keyword === "additionalProperties"
          ? `unexpected keyword argument '${(e.params as { additionalProperty: string }).additionalProperty}'`
          : e.keyword === "required"
            ? `missing required argument '${(e.params as { missingProperty: string }).missingProperty}'`
            : e.message,
      )
      .join(", ");
    throw invalidParams(Object.keys(params).join(", "), body.method, error);
  }
  const version = params["rpc.version"];
  delete params["rpc.version"];
  if (version !== undefined && version !== null) {
    const major = String(version).split(".")[0];
    if (major !== RPC_API_VERSION.split(".")[0]) {
      throw invalidParams(
        Object.keys(body.params ?? {}).join(", "),
        body.method,
        `rpc.version ${JSON.stringify(version)} is not supported; this server implements networking API ${RPC_API_VERSION}`,
      );
    }
  }
  const context = params.context;
  delete params.context;
  if (context !== undefined && (context === null || typeof context !== "object" || Array.isArray(context))) {
    throw invalidParams(Object.keys(body.params ?? {}).join(", "), body.method, "Context must be a dictionary, if provided");
  }
  const ctx = context as Record<string, unknown> | undefined;
  const rid = ctx?.request_id;
  return { id: body.id, method: body.method, params, context: ctx, requestId: typeof rid === "string" ? rid : undefined };
}

export function errorResponse(id: unknown, err: RpcError): { jsonrpc: "2.0"; id: unknown; error: JsonRpcErrorObject } {
  return { jsonrpc: "2.0", id: id ?? null, error: err.toJson() };
}

export function resultResponse(id: unknown, result: unknown): { jsonrpc: "2.0"; id: unknown; result: unknown } {
  return { jsonrpc: "2.0", id, result };
}

export { invalidRequest };

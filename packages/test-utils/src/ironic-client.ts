// An HTTP client for the JSON-RPC listener, shaped like Ironic's json_rpc client.
import { randomUUID } from "node:crypto";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json?: unknown;
}

/** One HTTP request; resolves with status, headers and body (parsed when JSON). */
export function http(
  url: string,
  opts: { method?: string; body?: string; headers?: Record<string, string>; ca?: string } = {},
): Promise<HttpAnswer> {
  const u = new URL(url);
  const req = u.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const r = req(
      u,
      { method: opts.method ?? "GET", headers: opts.headers ?? {}, ...(opts.ca ? { ca: opts.ca } : {}) },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (text += d));
        res.on("end", () => {
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    r.on("error", reject);
    if (opts.body !== undefined) r.write(opts.body);
    r.end();
  });
}

/**
 * A client that builds requests as Ironic's json_rpc client does: keyword
 * params plus `context` (a RequestContext as a dict) and `rpc.version`, the
 * context's request id as the JSON-RPC `id`, HTTP basic auth.
 */
export class IronicClient {
  constructor(
    readonly url: string,
    readonly auth?: { username: string; password: string },
    readonly ca?: string,
  ) {}

  context(requestId = `req-${randomUUID()}`): Record<string, unknown> {
    return {
      user: null,
      project_id: null,
      domain_id: null,
      is_admin: true,
      read_only: false,
      show_deleted: false,
      request_id: requestId,
      global_request_id: null,
      roles: ["admin"],
      auth_token: null,
    };
  }

  async post(body: unknown, raw?: string): Promise<HttpAnswer> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (this.auth) headers.authorization = `Basic ${Buffer.from(`${this.auth.username}:${this.auth.password}`).toString("base64")}`;
    return http(this.url, { method: "POST", headers, body: raw ?? JSON.stringify(body), ...(this.ca ? { ca: this.ca } : {}) });
  }

  /** A call: returns the whole JSON-RPC response object (result or error). */
  async call(method: string, params: Record<string, unknown> = {}, opts: { version?: string; requestId?: string } = {}) {
    const context = this.context(opts.requestId);
    const body = { jsonrpc: "2.0", method, params: { ...params, context, "rpc.version": opts.version ?? "1.0" }, id: context.request_id };
    const a = await this.post(body);
    if (a.status !== 200) throw new Error(`HTTP ${a.status}: ${a.text}`);
    return a.json as RpcAnswer;
  }

  /** A cast (notification): no id. */
  async cast(method: string, params: Record<string, unknown> = {}): Promise<HttpAnswer> {
    return this.post({ jsonrpc: "2.0", method, params: { ...params, context: this.context(), "rpc.version": "1.0" } });
  }
}

/** A JSON-RPC response as the tests read it (results are Ironic's dictionaries). */
export interface RpcAnswer {
  jsonrpc: string;
  id: unknown;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- results are free-form dictionaries the tests index into
  result?: any;
  error?: { code: number; message: string; data?: { class: string } };
}

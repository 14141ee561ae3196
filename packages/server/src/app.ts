import { AsyncLocalStorage } from "node:async_hooks";
import { readFileSync } from "node:fs";
import basicAuth from "@fastify/basic-auth";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import type { Logger } from "@ngs/core";
import { Htpasswd } from "./htpasswd.js";
import { RpcError, invalidRequest, parseError } from "./ironic-errors.js";
import { ENVELOPE_SCHEMA, checkRequest, errorResponse, resultResponse } from "./jsonrpc.js";
import type { ListenerConfig } from "./listener-config.js";
import type { ServerMetrics } from "./metrics.js";
import { NetworkingApi, toIronicError } from "./networking-api.js";
import type { Runtime } from "./runtime.js";

/** What one request did, for its log line and metrics. */
interface RequestNote {
  method?: string;
  switch?: string;
  port?: string;
  requestId?: string;
  outcome?: string;
}

/** The request id of the operation in progress; the logger's mixin adds it to every line (switch lines too). */
export const requestScope = new AsyncLocalStorage<{ request_id: string }>();

export interface AppState {
  /** The loaded config in force (swapped by a SIGHUP reload). */
  runtime: Runtime;
  /** Requests running now, so shutdown can wait for them. */
  inFlight: number;
  /** Requests running per loaded config, so a reload closes the old one only once its own requests are done. */
  readonly busy: WeakMap<Runtime, number>;
}

export interface BuildAppOptions {
  listener: ListenerConfig;
  state: AppState;
  logger: Logger;
  metrics: ServerMetrics;
}

const NOTE = Symbol("ngs.note");
type Noted = FastifyRequest & { [NOTE]?: RequestNote };
const PARSE_FAILED = Symbol("ngs.parseFailed");

export async function buildApp(opts: BuildAppOptions): Promise<FastifyInstance> {
  const { listener, state, logger, metrics } = opts;
  const https = listener.useSsl ? { cert: readFileSync(listener.certFile!), key: readFileSync(listener.keyFile!) } : null;
  const app = Fastify({
    loggerInstance: logger,
    disableRequestLogging: true,
    ...(https ? { https } : {}),
    // Ironic's requests are small; a bigger body is not one of them.
    bodyLimit: 1024 * 1024,
  }) as unknown as FastifyInstance;

  // Parse JSON ourselves so malformed JSON becomes JSON-RPC -32700, not an HTTP 400.
  const parse = (_req: FastifyRequest, body: string | Buffer, done: (err: Error | null, body?: unknown) => void) => {
    try {
      done(null, JSON.parse(body.toString()));
    } catch {
      done(null, { [PARSE_FAILED]: true });
    }
  };
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "string" }, parse);

  if (listener.authStrategy === "http_basic") {
    const users = Htpasswd.load(listener.userFile!);
    await app.register(basicAuth, {
      authenticate: { realm: "ngs" },
      async validate(username, password, req) {
        if (!(await users.verify(username, password))) {
          metrics.authFailures.inc();
          // The user name only; the password never reaches a log.
          req.log.warn({ user: username, url: req.url, remote: req.ip }, "authentication failed");
          throw new Error("Unauthorized");
        }
      },
    });
  }

  app.addHook("onResponse", async (req, reply) => {
    const note = (req as Noted)[NOTE];
    if (!note) return;
    logger.info(
      {
        method: note.method,
        switch: note.switch,
        port: note.port,
        request_id: note.requestId,
        outcome: note.outcome,
        status: reply.statusCode,
        duration_ms: Math.round(reply.elapsedTime * 100) / 100,
      },
      `${note.method ?? "rpc"} ${note.outcome ?? ""}`.trim(),
    );
  });

  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/readyz", async (_req, reply) => {
    const reason = await state.runtime.notReadyReason();
    if (reason) return reply.code(503).send({ status: "not ready", reason });
    return { status: "ready", switches: state.runtime.devices.size, coordination: state.runtime.coordinationKind };
  });
  app.get("/metrics", async (_req, reply) => {
    reply.header("content-type", metrics.registry.contentType);
    return metrics.registry.metrics();
  });

  const rpcRoute = {
    schema: { body: ENVELOPE_SCHEMA },
    attachValidation: true,
    ...(listener.authStrategy === "http_basic" ? { onRequest: app.basicAuth } : {}),
  };
  app.post("/", rpcRoute, async (req, reply) => handleRpc(req as Noted, reply, state, metrics));
  // Ironic's server answers every other verb on its endpoint with 405.
  app.route({
    method: ["GET", "PUT", "DELETE", "PATCH"],
    url: "/",
    handler: async (_req, reply) => reply.code(405).send({ error: { code: 405, message: "Only POST method can be used" } }),
  });
  return app;
}

async function handleRpc(req: Noted, reply: FastifyReply, state: AppState, metrics: ServerMetrics): Promise<unknown> {
  const note: RequestNote = {};
  req[NOTE] = note;
  const body = req.body as Record<string | symbol, unknown> | undefined;
  const id = body && typeof body === "object" && !Array.isArray(body) ? (body.id as unknown) : undefined;
  const fail = (err: RpcError, method = "invalid") => {
    note.outcome = outcomeOf(err);
    metrics.rpcRequests.inc({ method, outcome: note.outcome });
    return errorResponse(id, err);
  };
  // Malformed requests get an answer even without an id (Ironic's server does the same).
  if (body && (body as Record<symbol, unknown>)[PARSE_FAILED]) return fail(parseError());
  if (req.validationError) {
    return fail(invalidRequest(Array.isArray(body) ? "batched requests are not supported" : req.validationError.message));
  }
  const env = body as { method: string; params?: Record<string, unknown>; id?: string | number | null };
  note.method = env.method;
  const method = Object.hasOwn(METHOD_LABELS, env.method) ? env.method : "unknown";
  let rpc;
  try {
    rpc = checkRequest(env);
  } catch (e) {
    const r = fail(e as RpcError, method);
    return env.id === undefined || env.id === null ? reply.code(204).send() : r;
  }
  note.requestId = rpc.requestId;
  note.switch = typeof rpc.params.switch_id === "string" ? rpc.params.switch_id : Array.isArray(rpc.params.switch_ids) ? rpc.params.switch_ids.join(",") : undefined;
  note.port = typeof rpc.params.port_name === "string" ? rpc.params.port_name : typeof rpc.params.lag_name === "string" ? rpc.params.lag_name : undefined;
  const runtime = state.runtime;
  const api = new NetworkingApi({
    devices: runtime.devices,
    run: async (switchName, operation, fn) => {
      const labels = { switch: switchName, operation };
      // Inside the request's scope: this line and the device's own carry Ironic's request_id.
      req.log.debug({ switch: switchName, operation }, `${operation}: starting`);
      const end = metrics.operationSeconds.startTimer(labels);
      metrics.operationsInFlight.inc();
      try {
        const r = await fn();
        metrics.operations.inc({ ...labels, result: "ok" });
        return r;
      } catch (e) {
        metrics.operations.inc({ ...labels, result: (e as Error).name ?? "Error" });
        req.log.error({ err: e, switch: switchName, operation, request_id: rpc.requestId }, `${operation} failed on switch ${switchName}`);
        throw e;
      } finally {
        end();
        metrics.operationsInFlight.dec();
      }
    },
  });
  state.inFlight++;
  state.busy.set(runtime, (state.busy.get(runtime) ?? 0) + 1);
  try {
    const call = () => (api[rpc.method as keyof typeof METHOD_LABELS] as (p: Record<string, unknown>) => Promise<unknown>).call(api, rpc.params);
    const result = rpc.requestId ? await requestScope.run({ request_id: rpc.requestId }, call) : await call();
    note.outcome = "ok";
    metrics.rpcRequests.inc({ method, outcome: "ok" });
    if (rpc.id === undefined || rpc.id === null) return reply.code(204).send();
    return resultResponse(rpc.id, result);
  } catch (e) {
    const err = toIronicError(e, `${rpc.method} failed`);
    const r = fail(err, method);
    // A well-formed notification gets no answer, not even an error (Ironic's server).
    if (rpc.id === undefined || rpc.id === null) return reply.code(204).send();
    return r;
  } finally {
    state.inFlight--;
    state.busy.set(runtime, (state.busy.get(runtime) ?? 1) - 1);
  }
}

const METHOD_LABELS = { update_port: 1, reset_port: 1, get_switches: 1, update_lag: 1, delete_lag: 1 } as const;

function outcomeOf(err: RpcError): string {
  if (err.ironicClass) return err.ironicClass;
  switch (err.code) {
    case -32700:
      return "parse_error";
    case -32600:
      return "invalid_request";
    case -32601:
      return "method_not_found";
    case -32602:
      return "invalid_params";
    default:
      return "error";
  }
}

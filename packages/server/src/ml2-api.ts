import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import {
  GenericSwitchDriver,
  GenericSwitchException,
  GenericSwitchInvalidValue,
  SimplePortContext,
  type Logger,
  type NeutronNetwork,
  type NeutronPort,
  type NeutronSegment,
  type NeutronSubnet,
  type SubPort,
} from "@ngs/core";
import type { ServerMetrics } from "./metrics.js";
import type { RunOperation } from "./networking-api.js";
import { RequestDriverHost } from "./ml2-host.js";
import { EFFECTS_SCHEMA, HOOK_BODIES, ML2_ERROR_SCHEMA, ML2_HOOKS, type Ml2Hook } from "./ml2-schemas.js";
import { instrumentedSwitches, operationRunner, requestScope } from "./operations.js";
import type { AppState, RequestNote } from "./app.js";

/** OpenStack's request-id header: neutron-server's context.request_id travels in it. */
export const REQUEST_ID_HEADER = "x-openstack-request-id";
export const ML2_PREFIX = "/v1/ml2";

export interface Ml2RouteOptions {
  state: AppState;
  metrics: ServerMetrics;
  /** The listener's auth hook (http_basic), or none. */
  onRequest?: FastifyInstance["basicAuth"];
  /** OpenAPI security requirement of these routes. */
  security?: Record<string, string[]>[];
  /** Tell the server's request log what this request was. */
  note(req: FastifyRequest, note: RequestNote): void;
  /** True when the body was not JSON (the app parses bodies itself). */
  parseFailed(body: unknown): boolean;
}

const DESCRIPTIONS: Record<Ml2Hook, string> = {
  bind_port: "MechanismDriver.bind_port: choose the segment for a bare-metal port with local_link_information. Never touches a switch.",
  update_port_postcommit: "Plug a bound, not yet ACTIVE port into its bottom bound segment on every link; or unplug it when it was just unbound (original).",
  delete_port_postcommit: "Unplug a bound port from its bottom bound segment on every link.",
  create_network_postcommit: "Create the VLAN of a provider VLAN network on every switch of its physical network.",
  update_network_postcommit: "Nothing to do (as upstream); accepted for completeness.",
  delete_network_postcommit: "Delete the VLAN on every switch of the network's physical network.",
  subports_added: "Trunk driver: tag the subports' VLANs on the parent port's links; mark the subports ACTIVE.",
  subports_deleted: "Trunk driver: untag the subports' VLANs on the parent port's links.",
};

/**
 * The ML2 mechanism driver's hooks over HTTP. Each request gets its own
 * `GenericSwitchDriver` over the server's devices and a DriverHost that
 * answers from the body and records effects; the answer carries those
 * effects (or the error) for the Neutron-side driver to apply.
 */
export function registerMl2Routes(app: FastifyInstance, opts: Ml2RouteOptions): void {
  for (const hook of ML2_HOOKS) {
    app.post(
      `${ML2_PREFIX}/${hook}`,
      {
        schema: {
          tags: ["ml2"],
          summary: `ML2 ${hook}`,
          description: DESCRIPTIONS[hook],
          body: HOOK_BODIES[hook],
          headers: { type: "object", properties: { [REQUEST_ID_HEADER]: { type: "string", description: "Neutron's request id, added to every log line of the request" } } },
          response: {
            200: EFFECTS_SCHEMA,
            400: { ...ML2_ERROR_SCHEMA, description: "Invalid request (GenericSwitchInvalidValue): nothing was sent to a switch" },
            500: { ...ML2_ERROR_SCHEMA, description: "A switch operation failed (the GenericSwitch* class and message)" },
          },
          ...(opts.security ? { security: opts.security } : {}),
        },
        attachValidation: true,
        ...(opts.onRequest ? { onRequest: opts.onRequest } : {}),
      },
      async (req, reply) => handleHook(hook, req, reply, opts),
    );
  }
}

async function handleHook(hook: Ml2Hook, req: FastifyRequest, reply: FastifyReply, opts: Ml2RouteOptions): Promise<unknown> {
  const { state, metrics } = opts;
  const header = req.headers[REQUEST_ID_HEADER];
  const requestId = typeof header === "string" && header ? header : undefined;
  const note: RequestNote = { method: `ml2.${hook}`, ...(requestId ? { requestId } : {}) };
  opts.note(req, note);
  const fail = (status: number, cls: string, message: string) => {
    note.outcome = cls;
    metrics.ml2Requests.inc({ hook, outcome: cls });
    return reply.code(status).send({ error: { class: cls, message } });
  };
  if (opts.parseFailed(req.body)) return fail(400, "GenericSwitchInvalidValue", `${hook}: the request body is not valid JSON`);
  if (req.validationError) return fail(400, "GenericSwitchInvalidValue", `${hook}: ${req.validationError.message}`);

  const body = req.body as Record<string, unknown>;
  describeTarget(note, body);
  const host = new RequestDriverHost({
    subnets: (body.subnets as NeutronSubnet[] | undefined) ?? [],
    ports: (body.ports as NeutronPort[] | undefined) ?? [],
    ...(body.physnet_vlans ? { physnetVlans: body.physnet_vlans as Record<string, number[]> } : {}),
  });
  // A caller that hung up (its timeout) was told nothing was done: start no further switch operation for it.
  let abandoned = false;
  reply.raw.once("close", () => (abandoned = !reply.raw.writableFinished));
  const runOperation = operationRunner(req, metrics, requestId);
  const run: RunOperation = (switchName, operation, fn) => {
    if (abandoned) {
      throw new GenericSwitchException({
        message: `${hook}: the caller disconnected before ${operation} on switch ${switchName}; not starting it`,
      });
    }
    return runOperation(switchName, operation, fn);
  };
  const driver = new GenericSwitchDriver({
    host,
    switches: instrumentedSwitches(state.runtime.devices, run),
    logger: req.log as unknown as Logger,
  });
  state.inFlight++;
  try {
    await driver.initialize();
    const call = () => runHook(hook, driver, host, body);
    await (requestId ? requestScope.run({ request_id: requestId }, call) : call());
  } catch (e) {
    const cls = e instanceof GenericSwitchException ? e.name : "GenericSwitchException";
    const status = e instanceof GenericSwitchInvalidValue ? 400 : 500;
    req.log.error({ err: e, hook, request_id: requestId }, `ML2 ${hook} failed`);
    return fail(status, cls, e instanceof Error ? e.message : String(e));
  } finally {
    state.inFlight--;
  }
  note.outcome = "ok";
  metrics.ml2Requests.inc({ hook, outcome: "ok" });
  return { hook, ...host.effects };
}

/** A PortContext whose set_binding is recorded as an effect. */
class RecordingPortContext extends SimplePortContext {
  constructor(
    init: ConstructorParameters<typeof SimplePortContext>[0],
    private readonly recorder: RequestDriverHost,
  ) {
    super(init);
  }
  override setBinding(segmentId: string, vifType: string, vifDetails: Record<string, unknown>): void {
    super.setBinding(segmentId, vifType, vifDetails);
    this.recorder.recordBinding(segmentId, vifType, vifDetails);
  }
}

async function runHook(hook: Ml2Hook, driver: GenericSwitchDriver, host: RequestDriverHost, body: Record<string, unknown>): Promise<void> {
  const port = body.port as NeutronPort;
  const seg = (key: string) => (body[key] as NeutronSegment | null | undefined) ?? null;
  const network = { current: body.network as NeutronNetwork, original: (body.original as NeutronNetwork | null | undefined) ?? null };
  switch (hook) {
    case "bind_port":
      return driver.bindPort(new RecordingPortContext({ current: port, segmentsToBind: body.segments_to_bind as NeutronSegment[] }, host));
    case "update_port_postcommit":
      return driver.updatePortPostcommit(
        new RecordingPortContext(
          {
            current: port,
            original: (body.original as NeutronPort | null | undefined) ?? null,
            bottomBoundSegment: seg("bottom_bound_segment"),
            topBoundSegment: seg("top_bound_segment"),
            originalBottomBoundSegment: seg("original_bottom_bound_segment"),
            originalTopBoundSegment: seg("original_top_bound_segment"),
          },
          host,
        ),
      );
    case "delete_port_postcommit":
      return driver.deletePortPostcommit(
        new RecordingPortContext({ current: port, bottomBoundSegment: seg("bottom_bound_segment"), topBoundSegment: seg("top_bound_segment") }, host),
      );
    case "create_network_postcommit":
      return driver.createNetworkPostcommit(network);
    case "update_network_postcommit":
      return driver.updateNetworkPostcommit(network);
    case "delete_network_postcommit":
      return driver.deleteNetworkPostcommit(network);
    case "subports_added":
      return driver.trunkDriver!.subportsAdded(body.parent as NeutronPort, body.subports as SubPort[]);
    case "subports_deleted":
      return driver.trunkDriver!.subportsDeleted(body.parent as NeutronPort, body.subports as SubPort[]);
  }
}

/** The switches and the port (or network) a hook is about, for its log line. */
function describeTarget(note: RequestNote, body: Record<string, unknown>): void {
  const port = (body.port ?? body.parent) as NeutronPort | undefined;
  const network = body.network as NeutronNetwork | undefined;
  const links = port?.["binding:profile"]?.local_link_information ?? [];
  const switches = [...new Set(links.map((l) => l.switch_info ?? l.switch_id).filter((s): s is string => Boolean(s)))];
  if (switches.length) note.switch = switches.join(",");
  if (port) note.port = port.id;
  if (network) note.network = network.id;
}

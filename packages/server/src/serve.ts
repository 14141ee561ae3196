import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { createLogger, type CreateLoggerOptions, type Logger } from "@ngs/core";
import { buildApp, requestScope, type AppState } from "./app.js";
import { readListenerConfig, type ListenerConfig, type ListenerOverrides } from "./listener-config.js";
import { ServerMetrics } from "./metrics.js";
import { loadRuntime, type RuntimeSources } from "./runtime.js";

export interface StartServerOptions extends RuntimeSources {
  /** Command-line overrides of `[ironic_networking_json_rpc]`. */
  listener?: ListenerOverrides;
  /** pino level (default info). */
  logLevel?: CreateLoggerOptions["level"];
  /** Where log lines go (default stderr). */
  logDestination?: CreateLoggerOptions["destination"];
  /** How long shutdown waits for in-flight operations (default 30 s). */
  shutdownTimeoutMs?: number;
}

export interface RunningServer {
  readonly listener: ListenerConfig;
  /** The bound address and port (port 0 in the config picks a free one). */
  readonly address: string;
  readonly port: number;
  /** `http(s)://host:port`. */
  readonly url: string;
  readonly logger: Logger;
  readonly metrics: ServerMetrics;
  /** Re-read the config; on any problem keep the old one and log every problem. Resolves to true when replaced. */
  reload(): Promise<boolean>;
  /** Stop accepting, let in-flight requests finish (bounded), release locks, close sessions. */
  close(): Promise<void>;
}

/** Load everything, then listen. Any config problem throws before a socket is opened. */
export async function startServer(opts: StartServerOptions): Promise<RunningServer> {
  const logger = createLogger({
    ...(opts.logLevel ? { level: opts.logLevel } : {}),
    ...(opts.logDestination ? { destination: opts.logDestination } : {}),
    mixin: () => requestScope.getStore() ?? {},
  });
  const listener = readListenerConfig(opts, opts.listener);
  const metrics = new ServerMetrics();
  const runtime = await loadRuntime(opts, logger, metrics);
  const state: AppState = { runtime, inFlight: 0, busy: new WeakMap() };
  const shutdownTimeoutMs = opts.shutdownTimeoutMs ?? 30_000;
  let app: FastifyInstance;
  try {
    app = await buildApp({ listener, state, logger, metrics });
    await app.listen({ host: listener.hostIp, port: listener.port });
  } catch (e) {
    await runtime.close(1000);
    throw e;
  }
  const addr = app.server.address() as AddressInfo;
  const host = addr.family === "IPv6" ? `[${addr.address}]` : addr.address;
  const url = `${listener.useSsl ? "https" : "http"}://${host}:${addr.port}`;
  logger.info(
    { url, switches: [...runtime.devices.keys()], auth: listener.authStrategy, coordination: runtime.coordinationKind },
    `ngs serve listening on ${url}`,
  );

  let reloading: Promise<boolean> | undefined;
  let closing: Promise<void> | undefined;
  return {
    listener,
    address: addr.address,
    port: addr.port,
    url,
    logger,
    metrics,
    reload() {
      reloading ??= (async () => {
        try {
          const next = await loadRuntime(opts, logger, metrics);
          const old = state.runtime;
          state.runtime = next;
          metrics.reloads.inc({ result: "ok" });
          logger.info({ switches: [...next.devices.keys()] }, "configuration reloaded");
          // Requests already running keep the old devices; close them once those are done.
          await waitFor(() => (state.busy.get(old) ?? 0) === 0, shutdownTimeoutMs);
          await old.close(shutdownTimeoutMs);
          return true;
        } catch (e) {
          metrics.reloads.inc({ result: "failed" });
          for (const line of String((e as Error).message ?? e).split("\n")) logger.error(`reload: ${line.trim()}`);
          logger.error("reload failed; keeping the configuration in force");
          return false;
        } finally {
          reloading = undefined;
        }
      })();
      return reloading;
    },
    close() {
      closing ??= (async () => {
        logger.info({ inFlight: state.inFlight }, "shutting down: no new requests; waiting for those in flight");
        const stopped = app.close();
        const inTime = await Promise.race([stopped.then(() => true), delay(shutdownTimeoutMs).then(() => false)]);
        if (!inTime) logger.warn({ inFlight: state.inFlight, timeoutMs: shutdownTimeoutMs }, "shutdown timeout: closing with requests still running");
        await state.runtime.close(Math.max(1000, shutdownTimeoutMs / 2));
        logger.info("stopped");
      })();
      return closing;
    },
  };
}

/**
 * Run until SIGTERM/SIGINT (graceful; a second signal exits at once) and
 * reload on SIGHUP. Resolves to the exit code.
 */
export async function serveUntilSignalled(opts: StartServerOptions): Promise<number> {
  const server = await startServer(opts);
  const onHup = () => void server.reload();
  process.on("SIGHUP", onHup);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once("SIGTERM", () => resolve("SIGTERM"));
    process.once("SIGINT", () => resolve("SIGINT"));
  });
  const again = (s: NodeJS.Signals) => {
    server.logger.warn({ signal: s }, "second signal: exiting now");
    process.exit(1);
  };
  process.once("SIGTERM", again);
  process.once("SIGINT", again);
  process.off("SIGHUP", onHup);
  server.logger.info({ signal }, "signal received");
  await server.close();
  return 0;
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms).unref());
}

async function waitFor(cond: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond() && Date.now() < until) await delay(50);
}

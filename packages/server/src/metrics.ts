import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** The service's Prometheus metrics, on a registry of its own (not prom-client's global one). */
export class ServerMetrics {
  readonly registry = new Registry();
  readonly operations = new Counter({
    name: "ngs_operations_total",
    help: "Switch operations by switch, operation and result (ok or the error class)",
    labelNames: ["switch", "operation", "result"] as const,
    registers: [this.registry],
  });
  readonly operationSeconds = new Histogram({
    name: "ngs_operation_duration_seconds",
    help: "Switch operation latency, lock wait and SSH included",
    labelNames: ["switch", "operation"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });
  readonly operationsInFlight = new Gauge({
    name: "ngs_operations_in_flight",
    help: "Switch operations running now",
    registers: [this.registry],
  });
  readonly rpcRequests = new Counter({
    name: "ngs_jsonrpc_requests_total",
    help: "JSON-RPC requests by method and outcome (ok, or the error class / JSON-RPC error name)",
    labelNames: ["method", "outcome"] as const,
    registers: [this.registry],
  });
  readonly authFailures = new Counter({
    name: "ngs_http_auth_failures_total",
    help: "Requests refused with 401",
    registers: [this.registry],
  });
  readonly lockWaitSeconds = new Histogram({
    name: "ngs_lock_wait_seconds",
    help: "Time PoolLock spent waiting for a held lock slot to be released (per wait)",
    buckets: [0.001, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60],
    registers: [this.registry],
  });
  readonly batchCommands = new Histogram({
    name: "ngs_batch_request_commands",
    help: "Commands per request handed to the etcd batch queue (ngs_batch_requests)",
    labelNames: ["switch"] as const,
    buckets: [1, 2, 4, 8, 16, 32, 64],
    registers: [this.registry],
  });
  readonly sshSessionsOpened = new Counter({
    name: "ngs_ssh_sessions_opened_total",
    help: "SSH sessions opened to switches",
    labelNames: ["switch"] as const,
    registers: [this.registry],
  });
  readonly sshSessionsOpen = new Gauge({
    name: "ngs_ssh_sessions_open",
    help: "SSH sessions open now (in use or pooled for reuse)",
    labelNames: ["switch"] as const,
    registers: [this.registry],
  });
  readonly reloads = new Counter({
    name: "ngs_config_reloads_total",
    help: "SIGHUP config reloads by result",
    labelNames: ["result"] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: "ngs_process_" });
  }
}

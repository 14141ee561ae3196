/**
 * The simulator's NETCONF server: datastores, locks, confirmed commits,
 * capabilities, fault knobs, counters and a transcript. One instance per
 * simulated switch; `attach` serves one SSH `netconf` subsystem channel.
 */
import type { ServerChannel } from "ssh2";
import { ServerFraming } from "./framing.js";
import { initialConfig, ocView, toXml } from "./model.js";
import { applyEdit, clone, emptyRoot, filterTree, NS, parseNodes, RpcFault, type CNode, type DNode } from "./tree.js";
import type {
  NetconfDatastore,
  NetconfSim,
  NetconfSimCounters,
  NetconfSimFaults,
  NetconfSimOptions,
  NetconfTranscriptEntry,
  OcState,
} from "./types.js";

const CAP = "urn:ietf:params:netconf:capability:";
const MODULES = [
  "http://openconfig.net/yang/interfaces?module=openconfig-interfaces&revision=2021-04-06",
  "http://openconfig.net/yang/interfaces/ethernet?module=openconfig-if-ethernet&revision=2021-06-09",
  "http://openconfig.net/yang/vlan?module=openconfig-vlan&revision=2019-04-16",
  "http://openconfig.net/yang/network-instance?module=openconfig-network-instance&revision=2021-07-22",
];

interface ConfirmState {
  /** Running before the confirmed commit, restored on rollback. */
  rollback: DNode;
  timer: NodeJS.Timeout;
  sessionId: number;
  persist?: string;
}

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class NetconfService implements NetconfSim {
  readonly counters: NetconfSimCounters = {
    sessionsOpened: 0,
    sessionsActive: 0,
    rpcs: {},
    rpcErrors: 0,
    commits: 0,
    confirmedCommits: 0,
    rollbacks: 0,
    locksDenied: 0,
  };
  readonly transcript: NetconfTranscriptEntry[] = [];
  readonly capabilities: string[];
  faults: NetconfSimFaults;
  private readonly stores: Record<NetconfDatastore, DNode>;
  private readonly lockHolders: Partial<Record<NetconfDatastore, number>> = {};
  private confirm: ConfirmState | undefined;
  private nextSession = 1;
  private readonly caps: Required<NonNullable<NetconfSimOptions["capabilities"]>>;

  constructor(options: NetconfSimOptions = {}) {
    const c = options.capabilities ?? {};
    this.caps = {
      base11: c.base11 ?? true,
      candidate: c.candidate ?? true,
      writableRunning: c.writableRunning ?? true,
      confirmedCommit: (c.confirmedCommit ?? true) && (c.candidate ?? true),
      startup: c.startup ?? false,
      validate: c.validate ?? true,
    };
    this.capabilities = [
      "urn:ietf:params:netconf:base:1.0",
      ...(this.caps.base11 ? ["urn:ietf:params:netconf:base:1.1"] : []),
      ...(this.caps.candidate ? [`${CAP}candidate:1.0`] : []),
      ...(this.caps.writableRunning ? [`${CAP}writable-running:1.0`] : []),
      ...(this.caps.confirmedCommit ? [`${CAP}confirmed-commit:1.1`] : []),
      ...(this.caps.startup ? [`${CAP}startup:1.0`] : []),
      ...(this.caps.validate ? [`${CAP}validate:1.1`] : []),
      `${CAP}rollback-on-error:1.0`,
      ...MODULES,
    ];
    this.faults = { ...(options.faults ?? {}) };
    const running: DNode = { ...emptyRoot(), children: initialConfig(options.interfaces ?? [], options.vlans ?? [], options.networkInstance ?? "default") };
    this.stores = { running, candidate: clone(running), startup: clone(running) };
  }

  state(datastore: NetconfDatastore = "running"): OcState {
    return ocView(this.stores[datastore]);
  }

  xml(datastore: NetconfDatastore = "running"): string {
    return toXml(this.stores[datastore].children);
  }

  edit(datastore: NetconfDatastore, config: string, defaultOperation: "merge" | "replace" | "none" = "merge"): void {
    this.stores[datastore] = applyEdit(this.stores[datastore], parseNodes(config), defaultOperation);
  }

  locks(): Partial<Record<NetconfDatastore, number>> {
    return { ...this.lockHolders };
  }

  get confirmPending(): boolean {
    return this.confirm !== undefined;
  }

  /** Serves NETCONF on an accepted `netconf` subsystem channel. */
  attach(channel: ServerChannel, dropConnection: () => void): void {
    const sessionId = this.nextSession++;
    const framing = new ServerFraming();
    let helloDone = false;
    let ended = false;
    this.counters.sessionsOpened++;
    this.counters.sessionsActive++;
    const end = () => {
      if (ended) return;
      ended = true;
      this.counters.sessionsActive--;
      this.sessionGone(sessionId);
    };
    const send = (xml: string) => {
      if (!ended) channel.write(framing.frame(xml));
    };
    // Queue RPCs so replies keep request order even with latency.
    let queue = Promise.resolve();

    send(
      `<?xml version="1.0" encoding="UTF-8"?><hello xmlns="${NS.base}"><capabilities>` +
        this.capabilities.map((c) => `<capability>${escapeText(c)}</capability>`).join("") +
        `</capabilities><session-id>${sessionId}</session-id></hello>`,
    );
    channel.on("data", (data: Buffer) => {
      try {
        framing.feed(data);
        for (let m = framing.next(); m !== undefined; m = framing.next()) {
          if (!helloDone) {
            helloDone = true;
            const offers11 = this.clientHello(m);
            if (offers11 === undefined) {
              channel.close();
              return;
            }
            framing.chunked = offers11 && this.caps.base11;
            continue;
          }
          const msg = m;
          queue = queue.then(() => this.handle(sessionId, msg, send, () => {
            end();
            dropConnection();
          }));
        }
      } catch {
        // A framing violation ends the session, as RFC 6242 §4.2 asks.
        end();
        channel.close();
      }
    });
    channel.on("close", end);
  }

  /** Whether the client offered base:1.1; undefined when its hello is unusable. */
  private clientHello(xml: string): boolean | undefined {
    try {
      const hello = parseNodes(xml)[0];
      if (!hello || hello.name !== "hello") return undefined;
      const caps = hello.children.find((c) => c.name === "capabilities")?.children.map((c) => c.value) ?? [];
      if (!caps.some((c) => c.startsWith("urn:ietf:params:netconf:base:"))) return undefined;
      return caps.includes("urn:ietf:params:netconf:base:1.1");
    } catch {
      return undefined;
    }
  }

  private async handle(sessionId: number, xml: string, send: (xml: string) => void, drop: () => void): Promise<void> {
    let messageId: string | undefined;
    let attrs = "";
    const entry: NetconfTranscriptEntry = { sessionId, operation: "?", xml };
    this.transcript.push(entry);
    let body: string;
    try {
      const rpc = parseNodes(xml)[0];
      if (!rpc || rpc.name !== "rpc") throw new RpcFault("malformed-message", "Expected <rpc>.", "rpc");
      // The reply carries the rpc's attributes (RFC 6241 §4.2); prefixed ones would need their declarations.
      messageId = rpc.attrs["message-id"];
      attrs = Object.entries(rpc.attrs).filter(([k]) => !k.includes(":")).map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join("");
      if (messageId === undefined) throw new RpcFault("missing-attribute", "rpc needs a message-id.", "rpc", undefined, { "bad-attribute": "message-id", "bad-element": "rpc" });
      const op = rpc.children[0];
      if (!op) throw new RpcFault("missing-element", "rpc without an operation.", "rpc");
      entry.operation = op.name;
      this.counters.rpcs[op.name] = (this.counters.rpcs[op.name] ?? 0) + 1;
      if (this.faults.dropOn?.includes(op.name)) {
        drop();
        return;
      }
      const latency = this.faults.latencyMs ?? 0;
      if (latency > 0) await delay(latency);
      body = this.dispatch(sessionId, op, xml);
      if (op.name === "close-session") {
        send(`<rpc-reply xmlns="${NS.base}"${attrs}>${body}</rpc-reply>`);
        drop();
        return;
      }
    } catch (err) {
      const f = err instanceof RpcFault ? err : new RpcFault("operation-failed", (err as Error).message);
      entry.error = f.tag;
      this.counters.rpcErrors++;
      body = rpcError(f);
    }
    send(`<rpc-reply xmlns="${NS.base}"${attrs}>${body}</rpc-reply>`);
  }

  private dispatch(sessionId: number, op: CNode, xml: string): string {
    const store = (parent: string): NetconfDatastore => {
      const p = op.children.find((c) => c.name === parent);
      const name = p?.children[0]?.name;
      if (name !== "running" && name !== "candidate" && name !== "startup") {
        throw new RpcFault(p ? "invalid-value" : "missing-element", `${op.name} needs a ${parent} datastore.`, "protocol", undefined, { "bad-element": parent });
      }
      if (name === "candidate" && !this.caps.candidate) throw new RpcFault("invalid-value", "No candidate datastore.", "protocol");
      if (name === "startup" && !this.caps.startup) throw new RpcFault("invalid-value", "No startup datastore.", "protocol");
      return name;
    };
    const ok = "<ok/>";
    switch (op.name) {
      case "get":
      case "get-config": {
        const source = op.name === "get" ? "running" : store("source");
        const filter = op.children.find((c) => c.name === "filter");
        if (filter && filter.children.length === 0 && /type\s*=\s*["']xpath/.test(xml)) {
          throw new RpcFault("operation-not-supported", "XPath filters are not simulated.", "protocol");
        }
        const nodes = this.stores[source].children;
        return `<data>${toXml(filter ? (filterTree(nodes, filter.children) ?? []) : nodes)}</data>`;
      }
      case "edit-config": {
        const target = store("target");
        if (target === "startup") throw new RpcFault("invalid-value", "edit-config cannot target startup.", "protocol");
        if (target === "running" && !this.caps.writableRunning) throw new RpcFault("operation-not-supported", "running is not writable.", "protocol");
        this.checkLock(sessionId, target);
        const defaultOp = op.children.find((c) => c.name === "default-operation")?.value ?? "merge";
        if (defaultOp !== "merge" && defaultOp !== "replace" && defaultOp !== "none") throw new RpcFault("invalid-value", `Bad default-operation '${defaultOp}'.`, "protocol");
        const config = op.children.find((c) => c.name === "config");
        if (!config) throw new RpcFault("missing-element", "edit-config needs <config>.", "protocol", undefined, { "bad-element": "config" });
        for (const f of this.faults.operationFailed ?? []) {
          const hit = typeof f.match === "string" ? xml.includes(f.match) : f.match.test(xml);
          if (!hit || f.times === 0) continue;
          if (f.times !== undefined) f.times--;
          throw new RpcFault("operation-failed", f.message ?? "Simulated operation-failed.", "application");
        }
        const next = applyEdit(this.stores[target], config.children, defaultOp);
        const test = op.children.find((c) => c.name === "test-option")?.value;
        if (test !== "test-only") this.stores[target] = next;
        return ok;
      }
      case "copy-config": {
        const target = store("target");
        const source = store("source");
        if (target === "running" && !this.caps.writableRunning) throw new RpcFault("operation-not-supported", "running is not writable.", "protocol");
        this.checkLock(sessionId, target);
        this.stores[target] = clone(this.stores[source]);
        return ok;
      }
      case "lock": {
        const target = store("target");
        const denied = this.faults.lockDenied;
        if (denied && (denied.datastore === undefined || denied.datastore === target) && denied.times !== 0) {
          if (denied.times !== undefined) denied.times--;
          this.counters.locksDenied++;
          throw lockDenied(denied.sessionId ?? 0);
        }
        const holder = this.lockHolders[target];
        if (holder !== undefined) {
          this.counters.locksDenied++;
          throw lockDenied(holder);
        }
        this.lockHolders[target] = sessionId;
        return ok;
      }
      case "unlock": {
        const target = store("target");
        if (this.lockHolders[target] !== sessionId) throw new RpcFault("operation-failed", `This session does not hold the ${target} lock.`, "protocol");
        delete this.lockHolders[target];
        return ok;
      }
      case "discard-changes":
        this.needCandidate();
        this.checkLock(sessionId, "candidate");
        this.stores.candidate = clone(this.stores.running);
        return ok;
      case "validate":
        if (!this.caps.validate) throw new RpcFault("operation-not-supported", "validate is not supported.", "protocol");
        store("source");
        return ok;
      case "commit":
        return this.commit(sessionId, op);
      case "cancel-commit": {
        if (!this.confirm) throw new RpcFault("operation-failed", "No confirmed commit is pending.", "protocol");
        const persistId = op.children.find((c) => c.name === "persist-id")?.value;
        if (this.confirm.persist !== undefined ? persistId !== this.confirm.persist : this.confirm.sessionId !== sessionId) {
          throw new RpcFault("invalid-value", "Not the confirmed commit of this session.", "protocol");
        }
        this.rollbackConfirmed();
        return ok;
      }
      case "close-session":
        return ok;
      case "kill-session":
        throw new RpcFault("operation-not-supported", "kill-session is not simulated.", "protocol");
      default:
        throw new RpcFault("operation-not-supported", `Unknown operation '${op.name}'.`, "protocol", undefined, { "bad-element": op.name });
    }
  }

  private commit(sessionId: number, op: CNode): string {
    this.needCandidate();
    const confirmed = op.children.some((c) => c.name === "confirmed");
    const timeoutText = op.children.find((c) => c.name === "confirm-timeout")?.value;
    const persist = op.children.find((c) => c.name === "persist")?.value;
    const persistId = op.children.find((c) => c.name === "persist-id")?.value;
    if (confirmed && !this.caps.confirmedCommit) throw new RpcFault("operation-not-supported", "confirmed-commit is not supported.", "protocol");
    if (this.lockHolders.running !== undefined && this.lockHolders.running !== sessionId) {
      throw new RpcFault("in-use", "running is locked by another session.", "protocol", undefined, { "session-id": String(this.lockHolders.running) });
    }
    if (this.confirm && !confirmed) {
      // A plain commit confirms the pending confirmed commit (persist-id when it was persisted).
      if (this.confirm.persist !== undefined ? persistId !== this.confirm.persist : this.confirm.sessionId !== sessionId) {
        throw new RpcFault("invalid-value", "A confirmed commit of another session is pending.", "protocol");
      }
      clearTimeout(this.confirm.timer);
      this.confirm = undefined;
    }
    if (confirmed) {
      const seconds = timeoutText === undefined ? 600 : Number(timeoutText);
      if (!Number.isInteger(seconds) || seconds < 1) throw new RpcFault("invalid-value", `Bad confirm-timeout '${timeoutText}'.`, "protocol");
      const rollback = this.confirm?.rollback ?? clone(this.stores.running);
      if (this.confirm) clearTimeout(this.confirm.timer);
      const timer = setTimeout(() => this.rollbackConfirmed(), seconds * 1000);
      timer.unref();
      this.confirm = { rollback, timer, sessionId, ...(persist !== undefined ? { persist } : {}) };
      this.counters.confirmedCommits++;
    }
    this.stores.running = clone(this.stores.candidate);
    this.counters.commits++;
    return "<ok/>";
  }

  private rollbackConfirmed(): void {
    if (!this.confirm) return;
    clearTimeout(this.confirm.timer);
    this.stores.running = this.confirm.rollback;
    this.stores.candidate = clone(this.confirm.rollback);
    this.confirm = undefined;
    this.counters.rollbacks++;
  }

  private needCandidate(): void {
    if (!this.caps.candidate) throw new RpcFault("operation-not-supported", "No candidate datastore.", "protocol");
  }

  private checkLock(sessionId: number, target: NetconfDatastore): void {
    const holder = this.lockHolders[target];
    if (holder !== undefined && holder !== sessionId) {
      throw new RpcFault("in-use", `${target} is locked by session ${holder}.`, "protocol", undefined, { "session-id": String(holder) });
    }
  }

  /** Locks go with the session; an unconfirmed confirmed commit without persist is reverted (RFC 6241 §8.4.1). */
  private sessionGone(sessionId: number): void {
    for (const ds of Object.keys(this.lockHolders) as NetconfDatastore[]) {
      if (this.lockHolders[ds] !== sessionId) continue;
      delete this.lockHolders[ds];
      if (ds === "candidate") this.stores.candidate = clone(this.stores.running);
    }
    if (this.confirm && this.confirm.sessionId === sessionId && this.confirm.persist === undefined) this.rollbackConfirmed();
  }

  /** Stops timers (a closed simulator must not keep the process alive or change state). */
  shutdown(): void {
    if (this.confirm) clearTimeout(this.confirm.timer);
  }
}

function lockDenied(holder: number): RpcFault {
  return new RpcFault("lock-denied", "Lock failed, lock is already held", "protocol", undefined, { "session-id": String(holder) });
}

// The few values the server echoes (message-id, messages, paths) are escaped here; data goes through the builder.
function escapeText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, "&quot;");
}

function rpcError(f: RpcFault): string {
  const info = Object.entries(f.info);
  return (
    `<rpc-error><error-type>${f.type}</error-type><error-tag>${f.tag}</error-tag><error-severity>error</error-severity>` +
    (f.path ? `<error-path>${escapeText(f.path)}</error-path>` : "") +
    `<error-message xml:lang="en">${escapeText(f.message)}</error-message>` +
    (info.length ? `<error-info>${info.map(([k, v]) => `<${k}>${escapeText(v)}</${k}>`).join("")}</error-info>` : "") +
    "</rpc-error>"
  );
}

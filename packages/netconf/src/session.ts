/**
 * A NETCONF client session over SSH (RFC 6241, RFC 6242): hello and
 * capability exchange, framing chosen from the base versions both sides
 * offer, pipelined RPCs matched by message-id, typed rpc-errors.
 */
import { openTransport, type Transport } from "@ngs/cli-session";
import { BASE_1_0, BASE_1_1, Capabilities } from "./capabilities.js";
import {
  NetconfCapabilityError,
  NetconfError,
  NetconfInputError,
  NetconfProtocolError,
  NetconfRpcError,
  NetconfSessionClosedError,
  NetconfTimeoutError,
} from "./errors.js";
import { FrameDecoder, frame, type Framing } from "./framing.js";
import { helloTimeout, parseHello, readHello } from "./hello.js";
import { errorInfo, innerXml, summariseReply } from "./reply.js";
import { DATASTORES, DEFAULT_OPERATIONS, ERROR_OPTIONS, TEST_OPTIONS, filterNodes, oneOf, token } from "./rpc-args.js";
import { validateOptions } from "./session-options.js";
import { BASE_NS, attrsOf, build, child, children, el, localName, parseFragment, parseMessage, tagOf, type XmlNode } from "./xml.js";
import type { CommitOptions, DataReply, Datastore, EditConfigOptions, Filter, NetconfSessionOptions, RpcReply } from "./types.js";

interface Pending {
  operation: string;
  resolve(reply: XmlNode): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
  started: number;
}

export class NetconfSession {
  /** The server's session-id from its hello. */
  readonly sessionId: number;
  readonly capabilities: Capabilities;
  /** `chunked` when both sides offered base:1.1, else `eom`. */
  readonly framing: Framing;
  /** `SHA256:...` of the host key the server presented. */
  readonly hostKeyFingerprint: string;

  private nextId = 1;
  private readonly pending = new Map<string, Pending>();
  private closedError: NetconfError | undefined;
  private readonly closeWaiters: (() => void)[] = [];

  private constructor(
    private readonly transport: Transport,
    private readonly decoder: FrameDecoder,
    private readonly opts: NetconfSessionOptions,
    hello: { sessionId: number; capabilities: Capabilities; framing: Framing },
  ) {
    this.sessionId = hello.sessionId;
    this.capabilities = hello.capabilities;
    this.framing = hello.framing;
    this.hostKeyFingerprint = transport.hostKeyFingerprint;
  }

  /** Connects, logs in, opens the `netconf` subsystem and exchanges hellos. */
  static async connect(opts: NetconfSessionOptions): Promise<NetconfSession> {
    validateOptions(opts);
    const port = opts.port ?? 830;
    const started = Date.now();
    const transport = await openTransport({ ...opts, port }, "netconf");
    const channel = transport.shell;
    const where = { host: opts.host, port };
    const decoder = new FrameDecoder("eom", opts.maxMessageBytes ?? 64 * 1024 * 1024);
    const offered = opts.baseVersions ?? ["1.0", "1.1"];
    const ours = [...(offered.includes("1.0") ? [BASE_1_0] : []), ...(offered.includes("1.1") ? [BASE_1_1] : [])];
    try {
      // Both sides send hello at once (RFC 6241 §8.1), always end-of-message framed.
      channel.write(frame(build([el("hello", [el("capabilities", ours.map((c) => el("capability", c)))], { xmlns: BASE_NS })]), "eom"));
      const helloXml = await readHello(channel, decoder, helloTimeout(opts), where);
      const hello = parseHello(helloXml, where);
      const both11 = offered.includes("1.1") && hello.capabilities.has(BASE_1_1);
      if (!both11 && !(offered.includes("1.0") && hello.capabilities.has(BASE_1_0))) {
        throw new NetconfProtocolError(
          `NETCONF server ${opts.host}:${port} shares no base version with us (we offer ${offered.join(", ")}).`,
          where,
        );
      }
      const framing: Framing = both11 ? "chunked" : "eom";
      decoder.framing = framing;
      const session = new NetconfSession(transport, decoder, { ...opts, port }, { ...hello, framing });
      session.listen();
      session.debug({ event: "hello", sessionId: hello.sessionId, framing, ms: Date.now() - started }, "netconf hello");
      return session;
    } catch (err) {
      channel.removeAllListeners("data");
      transport.client.end();
      throw err;
    }
  }

  /** `:candidate`, `:confirmed-commit:1.1`, a capability URI or a YANG module name. */
  has(name: string): boolean {
    return this.capabilities.has(name);
  }

  get closed(): boolean {
    return this.closedError !== undefined;
  }

  /** Resolves once the session has ended, whatever the reason. */
  whenClosed(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => this.closeWaiters.push(resolve));
  }

  // ---- operations (RFC 6241 §7) ----

  async get(filter?: Filter): Promise<DataReply> {
    return this.dataRpc("get", [...filterNodes(filter, (c, w) => this.need(c, w))]);
  }

  async getConfig(source: Datastore, filter?: Filter): Promise<DataReply> {
    this.needDatastore(source, "get-config source");
    return this.dataRpc("get-config", [el("source", [el(source)]), ...filterNodes(filter, (c, w) => this.need(c, w))]);
  }

  /**
   * `config` is the content of `<config>`: one or more top-level elements
   * with their namespaces, e.g. `<interfaces xmlns="http://openconfig.net/yang/interfaces">...`.
   * `operation` attributes on its nodes need no prefix handling by the caller
   * when they use the base namespace (`xmlns:nc="urn:ietf:params:xml:ns:netconf:base:1.0"` + `nc:operation`).
   */
  async editConfig(target: Datastore, config: string, options: EditConfigOptions = {}): Promise<RpcReply> {
    this.needDatastore(target, "edit-config target");
    if (target === "startup") throw new NetconfInputError("edit-config target must be 'running' or 'candidate', not 'startup'.");
    if (target === "running") this.need(":writable-running", "edit-config on running");
    const nodes = parseFragment(config, "edit-config config");
    if (nodes.length === 0) throw new NetconfInputError("edit-config config must contain at least one element.");
    const body: XmlNode[] = [el("target", [el(target)])];
    if (options.defaultOperation !== undefined) {
      oneOf(options.defaultOperation, DEFAULT_OPERATIONS, "defaultOperation");
      body.push(el("default-operation", options.defaultOperation));
    }
    if (options.testOption !== undefined) {
      oneOf(options.testOption, TEST_OPTIONS, "testOption");
      this.need(":validate", "edit-config test-option");
      body.push(el("test-option", options.testOption));
    }
    if (options.errorOption !== undefined) {
      oneOf(options.errorOption, ERROR_OPTIONS, "errorOption");
      if (options.errorOption === "rollback-on-error") this.need(":rollback-on-error", "error-option rollback-on-error");
      body.push(el("error-option", options.errorOption));
    }
    body.push(el("config", nodes));
    return this.okRpc("edit-config", body);
  }

  async copyConfig(source: Datastore, target: Datastore): Promise<RpcReply> {
    this.needDatastore(source, "copy-config source");
    this.needDatastore(target, "copy-config target");
    if (source === target) throw new NetconfInputError(`copy-config source and target are both '${source}'.`);
    return this.okRpc("copy-config", [el("target", [el(target)]), el("source", [el(source)])]);
  }

  async lock(target: Datastore): Promise<RpcReply> {
    this.needDatastore(target, "lock target");
    return this.okRpc("lock", [el("target", [el(target)])]);
  }

  async unlock(target: Datastore): Promise<RpcReply> {
    this.needDatastore(target, "unlock target");
    return this.okRpc("unlock", [el("target", [el(target)])]);
  }

  async discardChanges(): Promise<RpcReply> {
    this.need(":candidate", "discard-changes");
    return this.okRpc("discard-changes", []);
  }

  /** Validates a datastore (default candidate); needs `:validate`. */
  async validate(source: Datastore = "candidate"): Promise<RpcReply> {
    this.need(":validate", "validate");
    this.needDatastore(source, "validate source");
    return this.okRpc("validate", [el("source", [el(source)])]);
  }

  async commit(options: CommitOptions = {}): Promise<RpcReply> {
    this.need(":candidate", "commit");
    const body: XmlNode[] = [];
    if (options.confirmed) {
      this.need(":confirmed-commit", "a confirmed commit");
      body.push(el("confirmed"));
      if (options.confirmTimeout !== undefined) {
        const t = options.confirmTimeout;
        if (!Number.isInteger(t) || t < 1 || t > 4294967295) {
          throw new NetconfInputError(`confirmTimeout must be a whole number of seconds from 1, got ${String(t)}.`);
        }
        body.push(el("confirm-timeout", t));
      }
      if (options.persist !== undefined) {
        this.need(":confirmed-commit:1.1", "commit persist");
        body.push(el("persist", token(options.persist, "persist")));
      }
    } else if (options.confirmTimeout !== undefined || options.persist !== undefined) {
      throw new NetconfInputError("confirmTimeout and persist apply only to a confirmed commit (confirmed: true).");
    }
    if (options.persistId !== undefined) {
      this.need(":confirmed-commit:1.1", "commit persist-id");
      body.push(el("persist-id", token(options.persistId, "persistId")));
    }
    return this.okRpc("commit", body);
  }

  /** Cancels an ongoing confirmed commit (`:confirmed-commit:1.1`). */
  async cancelCommit(persistId?: string): Promise<RpcReply> {
    this.need(":confirmed-commit:1.1", "cancel-commit");
    return this.okRpc("cancel-commit", persistId === undefined ? [] : [el("persist-id", token(persistId, "persistId"))]);
  }

  async killSession(sessionId: number): Promise<RpcReply> {
    if (!Number.isInteger(sessionId) || sessionId < 1 || sessionId > 4294967295) {
      throw new NetconfInputError(`kill-session needs a session-id from 1, got ${String(sessionId)}.`);
    }
    return this.okRpc("kill-session", [el("session-id", sessionId)]);
  }

  /**
   * A custom RPC: `operation` is the element inside `<rpc>` as an XML string
   * (with its namespace). Resolves with the reply; rpc-errors throw.
   */
  async rpc(operation: string): Promise<RpcReply & { data?: string }> {
    const nodes = parseFragment(operation, "rpc operation");
    if (nodes.length !== 1) throw new NetconfInputError("rpc operation must be exactly one element.");
    const name = localName(tagOf(nodes[0]!)!);
    const reply = await this.send(name, nodes[0]!);
    const data = child(reply, "data");
    return { ...summariseReply(reply), ...(data ? { data: innerXml(reply, data) } : {}) };
  }

  /**
   * Sends `<close-session>` and ends the connection. A server that drops the
   * connection instead of answering (ncclient issue 525) counts as closed.
   */
  async closeSession(): Promise<void> {
    if (this.closed) return;
    try {
      await this.okRpc("close-session", []);
    } catch (err) {
      if (!(err instanceof NetconfSessionClosedError)) {
        this.close();
        throw err;
      }
    }
    this.close();
  }

  /** Ends the connection without `<close-session>`; pending RPCs fail with NetconfSessionClosedError. */
  close(): void {
    this.shutdown(new NetconfSessionClosedError(`NETCONF session ${this.sessionId} to ${this.where()} is closed.`, this.loc()));
    this.transport.client.end();
  }

  // ---- internals ----

  private async okRpc(operation: string, body: XmlNode[]): Promise<RpcReply> {
    const reply = await this.send(operation, el(operation, body));
    return summariseReply(reply);
  }

  private async dataRpc(operation: string, body: XmlNode[]): Promise<DataReply> {
    const reply = await this.send(operation, el(operation, body));
    const data = child(reply, "data");
    return { ...summariseReply(reply), data: data ? innerXml(reply, data) : "" };
  }

  private send(operation: string, op: XmlNode): Promise<XmlNode> {
    if (this.closedError) return Promise.reject(this.closedError);
    const id = String(this.nextId++);
    const xml = build([el("rpc", [op], { "message-id": id, xmlns: BASE_NS })]);
    const timeoutMs = this.opts.rpcTimeoutMs ?? 60_000;
    return new Promise<XmlNode>((resolve, reject) => {
      const timer = setTimeout(() => {
        const err = new NetconfTimeoutError(
          operation,
          timeoutMs,
          `NETCONF ${operation} on ${this.where()} got no reply within ${timeoutMs} ms (message-id ${id}); ` +
            "the session is closed. To resolve this issue, check the device, or raise the RPC timeout.",
          this.loc(),
        );
        this.pending.delete(id);
        reject(err);
        this.close();
      }, timeoutMs);
      this.pending.set(id, { operation, resolve, reject, timer, started: Date.now() });
      this.transport.shell.write(frame(xml, this.framing));
    });
  }

  private listen(): void {
    const channel = this.transport.shell;
    channel.on("data", (data: Buffer) => {
      let messages: string[];
      try {
        messages = this.decoder.push(data);
      } catch (err) {
        this.fatal(err as NetconfError);
        return;
      }
      for (const m of messages) this.onMessage(m);
    });
    const dropped = () =>
      this.shutdown(new NetconfSessionClosedError(`NETCONF session ${this.sessionId} to ${this.where()} was closed by the server or the connection dropped.`, this.loc()));
    channel.on("close", dropped);
    this.transport.client.on("close", dropped);
    this.transport.client.on("error", (err: Error) =>
      this.shutdown(new NetconfSessionClosedError(`NETCONF session ${this.sessionId} to ${this.where()} failed: ${err.message}`, { ...this.loc(), cause: err })),
    );
  }

  private onMessage(xml: string): void {
    let nodes: XmlNode[];
    try {
      nodes = parseMessage(xml);
    } catch (err) {
      this.fatal(err as NetconfError);
      return;
    }
    const root = nodes.find((n) => tagOf(n) !== undefined);
    const tag = root ? localName(tagOf(root)!) : undefined;
    if (!root || tag === "notification") return;
    if (tag !== "rpc-reply") {
      this.fatal(new NetconfProtocolError(`NETCONF server ${this.where()} sent <${tag}> where an rpc-reply was expected.`, this.loc()));
      return;
    }
    let id = attrsOf(root)["message-id"];
    // A reply without message-id (some servers, to a malformed rpc) can only belong to a lone pending RPC.
    if (id === undefined && this.pending.size === 1) id = [...this.pending.keys()][0];
    const p = id === undefined ? undefined : this.pending.get(id);
    if (!p) {
      this.debug({ event: "unmatched-reply", messageId: id }, "netconf reply for no pending rpc ignored");
      return;
    }
    this.pending.delete(id!);
    clearTimeout(p.timer);
    const ms = Date.now() - p.started;
    const errors = children(root, "rpc-error").map(errorInfo);
    const fatal = errors.filter((e) => e.severity !== "warning");
    this.debug({ event: "rpc", operation: p.operation, messageId: id, ms, ...(fatal.length ? { error: fatal[0]!.tag } : {}) }, "netconf rpc");
    if (fatal.length) p.reject(new NetconfRpcError(p.operation, fatal, this.loc()));
    else p.resolve(root);
  }

  private fatal(err: NetconfError): void {
    this.shutdown(new NetconfSessionClosedError(`NETCONF session ${this.sessionId} to ${this.where()} was closed: ${err.message}`, { ...this.loc(), cause: err }));
    this.transport.client.end();
  }

  private shutdown(err: NetconfError): void {
    if (this.closedError) return;
    this.closedError = err;
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new NetconfSessionClosedError(
        `${err.message} No reply arrived for ${p.operation} (message-id ${id}); it may or may not have been applied.`,
        { ...this.loc(), cause: err },
      ));
    }
    this.pending.clear();
    this.debug({ event: "close" }, "netconf session closed");
    for (const w of this.closeWaiters.splice(0)) w();
  }

  private need(capability: string, what: string): void {
    if (!this.has(capability)) {
      throw new NetconfCapabilityError(
        capability,
        `NETCONF server ${this.where()} does not advertise ${capability}, needed for ${what}.`,
        this.loc(),
      );
    }
  }

  private needDatastore(name: string, what: string): void {
    if (!DATASTORES.includes(name as Datastore)) {
      throw new NetconfInputError(`${what} must be one of ${DATASTORES.join(", ")}, got '${String(name)}'.`);
    }
    if (name === "candidate") this.need(":candidate", `the candidate datastore (${what})`);
    if (name === "startup") this.need(":startup", `the startup datastore (${what})`);
  }

  private where(): string {
    return `${this.opts.host}:${this.opts.port}`;
  }

  private loc() {
    return { host: this.opts.host, port: this.opts.port ?? 830 };
  }

  private debug(obj: Record<string, unknown>, msg: string): void {
    const log = this.opts.logger;
    if (log && (log.isLevelEnabled?.("debug") ?? true)) log.debug({ host: this.opts.host, ...obj }, msg);
  }
}

/** The hello exchange that opens a NETCONF session (RFC 6241 §8.1). */
import type { ClientChannel } from "ssh2";
import { Capabilities } from "./capabilities.js";
import { NetconfProtocolError, NetconfSessionClosedError, NetconfTimeoutError } from "./errors.js";
import type { FrameDecoder } from "./framing.js";
import type { NetconfSessionOptions } from "./types.js";
import { child, children, localName, parseMessage, tagOf, textOf } from "./xml.js";

export function helloTimeout(opts: NetconfSessionOptions): number {
  const t = opts.helloTimeoutMs ?? 15_000;
  return opts.connectDeadline === undefined ? t : Math.max(1, Math.min(t, opts.connectDeadline - Date.now()));
}

export function readHello(channel: ClientChannel, decoder: FrameDecoder, timeoutMs: number, where: { host: string; port: number }): Promise<string> {
  return new Promise((resolve, reject) => {
    const done = (fn: () => void) => {
      clearTimeout(timer);
      channel.removeListener("data", onData);
      channel.removeListener("close", onClose);
      fn();
    };
    const timer = setTimeout(
      () => done(() => reject(new NetconfTimeoutError("hello", timeoutMs, `NETCONF server ${where.host}:${where.port} sent no hello within ${timeoutMs} ms.`, where))),
      timeoutMs,
    );
    const onData = (data: Buffer) => {
      let msgs: string[];
      try {
        msgs = decoder.push(data);
      } catch (err) {
        done(() => reject(err));
        return;
      }
      // Anything after the hello stays in the decoder: the server sends nothing unasked.
      if (msgs.length) done(() => resolve(msgs[0]!));
    };
    const onClose = () =>
      done(() => reject(new NetconfSessionClosedError(`NETCONF server ${where.host}:${where.port} closed the session before its hello.`, where)));
    channel.on("data", onData);
    channel.on("close", onClose);
  });
}

export function parseHello(xml: string, where: { host: string; port: number }) {
  const root = parseMessage(xml).find((n) => tagOf(n) !== undefined);
  if (!root || localName(tagOf(root)!) !== "hello") {
    throw new NetconfProtocolError(`NETCONF server ${where.host}:${where.port} did not start with a hello.`, where);
  }
  const caps = child(root, "capabilities");
  const uris = caps ? children(caps, "capability").map((c) => textOf(c).trim()).filter(Boolean) : [];
  const idText = textOf(child(root, "session-id")).trim();
  if (!/^[1-9][0-9]{0,9}$/.test(idText)) {
    throw new NetconfProtocolError(`NETCONF server ${where.host}:${where.port} sent a hello without a valid session-id.`, where);
  }
  return { sessionId: Number(idText), capabilities: new Capabilities(uris) };
}

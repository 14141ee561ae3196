/**
 * RFC 6242 message framing: end-of-message (`]]>]]>`, base:1.0 and every
 * hello) and chunked (`\n#<len>\n...\n##\n`, base:1.1). Works on bytes:
 * chunk lengths count octets, not characters.
 */
import { NetconfProtocolError } from "./errors.js";

export type Framing = "eom" | "chunked";

export const EOM = "]]>]]>";
const EOM_BYTES = Buffer.from(EOM);
/** RFC 6242 §4.2: chunk-size is 1..4294967295. */
const MAX_CHUNK = 4294967295;

export function frame(xml: string, framing: Framing): Buffer {
  const body = Buffer.from(xml, "utf8");
  if (framing === "eom") return Buffer.concat([body, EOM_BYTES]);
  // One chunk per message; servers accept any split.
  return Buffer.concat([Buffer.from(`\n#${body.length}\n`), body, Buffer.from("\n##\n")]);
}

/**
 * Splits a byte stream into messages. `push` returns the complete messages
 * the new bytes finished; a framing violation throws NetconfProtocolError.
 */
export class FrameDecoder {
  private buf: Buffer = Buffer.alloc(0);
  /** Chunks of the message being assembled (chunked framing). */
  private parts: Buffer[] = [];
  private partsBytes = 0;

  constructor(
    public framing: Framing,
    private readonly maxMessageBytes: number,
  ) {}

  push(data: Buffer): string[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, data]) : data;
    const out: string[] = [];
    for (;;) {
      const msg = this.framing === "eom" ? this.nextEom() : this.nextChunked();
      if (msg === undefined) break;
      out.push(msg);
    }
    if (this.buf.length + this.partsBytes > this.maxMessageBytes) {
      throw new NetconfProtocolError(`A NETCONF message exceeded ${this.maxMessageBytes} bytes.`);
    }
    return out;
  }

  private nextEom(): string | undefined {
    const i = this.buf.indexOf(EOM_BYTES);
    if (i < 0) return undefined;
    const msg = this.buf.subarray(0, i).toString("utf8");
    this.buf = this.buf.subarray(i + EOM_BYTES.length);
    return msg;
  }

  private nextChunked(): string | undefined {
    for (;;) {
      // Header: "\n#" then digits or "#", then "\n".
      if (this.buf.length < 4) return undefined;
      if (this.buf[0] !== 0x0a || this.buf[1] !== 0x23) {
        throw new NetconfProtocolError("Bad NETCONF chunked framing: expected a chunk header (\\n#).");
      }
      if (this.buf[2] === 0x23) {
        if (this.buf[3] !== 0x0a) throw new NetconfProtocolError("Bad NETCONF chunked framing: bad end-of-chunks marker.");
        this.buf = this.buf.subarray(4);
        if (this.parts.length === 0) throw new NetconfProtocolError("Bad NETCONF chunked framing: a message with no chunks.");
        const msg = Buffer.concat(this.parts).toString("utf8");
        this.parts = [];
        this.partsBytes = 0;
        return msg;
      }
      const nl = this.buf.indexOf(0x0a, 2);
      if (nl < 0) {
        if (this.buf.length > 13) throw new NetconfProtocolError("Bad NETCONF chunked framing: chunk size too long.");
        return undefined;
      }
      const digits = this.buf.subarray(2, nl).toString("latin1");
      if (!/^[1-9][0-9]{0,9}$/.test(digits) || Number(digits) > MAX_CHUNK) {
        throw new NetconfProtocolError(`Bad NETCONF chunked framing: invalid chunk size '${digits.slice(0, 12)}'.`);
      }
      const size = Number(digits);
      if (this.partsBytes + size > this.maxMessageBytes) {
        throw new NetconfProtocolError(`A NETCONF message exceeded ${this.maxMessageBytes} bytes.`);
      }
      if (this.buf.length < nl + 1 + size) return undefined;
      this.parts.push(this.buf.subarray(nl + 1, nl + 1 + size));
      this.partsBytes += size;
      this.buf = this.buf.subarray(nl + 1 + size);
    }
  }
}

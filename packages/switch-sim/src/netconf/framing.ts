/**
 * Server-side RFC 6242 framing. Written apart from @ngs/netconf's client
 * framing on purpose: tests of that client against this server would not
 * catch a framing bug both shared.
 */

const EOM = Buffer.from("]]>]]>");
const MAX_MESSAGE = 16 * 1024 * 1024;

export class ServerFraming {
  /** Set after the hellos when both sides offered base:1.1. */
  chunked = false;
  private buf = Buffer.alloc(0);
  private parts: Buffer[] = [];

  feed(data: Buffer): void {
    this.buf = Buffer.concat([this.buf, data]);
    if (this.buf.length > MAX_MESSAGE) throw new Error("message too large");
  }

  /**
   * The next complete message, or undefined. Pull-based so the caller can
   * switch to chunked framing right after the hello.
   */
  next(): string | undefined {
    if (!this.chunked) {
      const end = this.buf.indexOf(EOM);
      if (end < 0) return undefined;
      const msg = this.buf.subarray(0, end).toString("utf8");
      this.buf = this.buf.subarray(end + EOM.length);
      return msg;
    }
    for (;;) {
      const m = /^\n#(#|[1-9][0-9]{0,9})\n/.exec(this.buf.subarray(0, 14).toString("latin1"));
      if (!m) {
        if (this.buf.length >= 14 || !/^(\n(#([0-9]*|#))?)?$/.test(this.buf.toString("latin1"))) throw new Error("bad chunk header");
        return undefined;
      }
      const head = m[0].length;
      if (m[1] === "#") {
        if (this.parts.length === 0) throw new Error("end of chunks without a chunk");
        this.buf = this.buf.subarray(head);
        const msg = Buffer.concat(this.parts).toString("utf8");
        this.parts = [];
        return msg;
      }
      const size = Number(m[1]);
      if (this.buf.length < head + size) return undefined;
      this.parts.push(this.buf.subarray(head, head + size));
      this.buf = this.buf.subarray(head + size);
    }
  }

  frame(xml: string): Buffer {
    const body = Buffer.from(xml, "utf8");
    if (!this.chunked) return Buffer.concat([body, EOM]);
    return Buffer.concat([Buffer.from(`\n#${body.length}\n`), body, Buffer.from("\n##\n")]);
  }
}

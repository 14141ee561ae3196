// RFC 6242 framing of @ngs/netconf: what a server's byte stream turns into.
import { describe, expect, it } from "vitest";
import { FrameDecoder, NetconfProtocolError, frame } from "@ngs/netconf";

const bytes = (s: string) => Buffer.from(s, "utf8");

describe("end-of-message framing", () => {
  it("splits on ]]>]]> across reads and keeps the rest", () => {
    const d = new FrameDecoder("eom", 1024);
    expect(d.push(bytes("<a/>]]"))).toEqual([]);
    expect(d.push(bytes(">]]><b/>]]>]]><c"))).toEqual(["<a/>", "<b/>"]);
    expect(d.push(bytes("/>]]>]]>"))).toEqual(["<c/>"]);
  });

  it("frames a message with the marker", () => {
    expect(frame("<x/>", "eom").toString()).toBe("<x/>]]>]]>");
  });
});

describe("chunked framing", () => {
  it("joins several chunks, counts bytes not characters, survives any split", () => {
    const msg = "<é>ü</é>";
    const body = bytes(msg);
    const wire = Buffer.concat([bytes(`\n#3\n`), body.subarray(0, 3), bytes(`\n#${body.length - 3}\n`), body.subarray(3), bytes("\n##\n")]);
    for (let cut = 1; cut < wire.length; cut++) {
      const d = new FrameDecoder("chunked", 1024);
      expect([...d.push(wire.subarray(0, cut)), ...d.push(wire.subarray(cut))]).toEqual([msg]);
    }
  });

  it("round-trips what frame() writes", () => {
    const d = new FrameDecoder("chunked", 1024);
    expect(d.push(Buffer.concat([frame("<a>1</a>", "chunked"), frame("<b/>", "chunked")]))).toEqual(["<a>1</a>", "<b/>"]);
  });

  it("rejects a bad header, a zero or oversized chunk, and a message over the limit", () => {
    expect(() => new FrameDecoder("chunked", 1024).push(bytes("<rpc-reply/>"))).toThrow(NetconfProtocolError);
    expect(() => new FrameDecoder("chunked", 1024).push(bytes("\n#0\n"))).toThrow(/invalid chunk size/);
    expect(() => new FrameDecoder("chunked", 1024).push(bytes("\n#99999999999\n"))).toThrow(NetconfProtocolError);
    expect(() => new FrameDecoder("chunked", 8).push(bytes("\n#20\n"))).toThrow(/exceeded 8 bytes/);
    expect(() => new FrameDecoder("chunked", 1024).push(bytes("\n##\n"))).toThrow(/no chunks/);
    expect(() => new FrameDecoder("eom", 8).push(bytes("<a>0123456789</a>"))).toThrow(/exceeded 8 bytes/);
  });
});

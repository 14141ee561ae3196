export { NetconfSession } from "./session.js";
export * from "./types.js";
export * from "./errors.js";
export { Capabilities, BASE_1_0, BASE_1_1 } from "./capabilities.js";
export { FrameDecoder, frame, EOM, type Framing } from "./framing.js";
export { parseXml, BASE_NS } from "./xml.js";
// Connection failures come from the shared SSH transport.
export { ConnectError, AuthenticationError, HostKeyMismatchError } from "@ngs/cli-session";

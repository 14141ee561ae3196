import { NetconfInputError } from "./errors.js";
import type { NetconfSessionOptions } from "./types.js";

/** Checks what `NetconfSession.connect` was given before anything is opened. */
export function validateOptions(opts: NetconfSessionOptions): void {
  if (!opts || typeof opts.host !== "string" || opts.host === "") throw new NetconfInputError("NETCONF session needs a host.");
  if (typeof opts.username !== "string" || opts.username === "") throw new NetconfInputError("NETCONF session needs a username.");
  const port = opts.port ?? 830;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new NetconfInputError(`NETCONF port must be 1..65535, got ${String(opts.port)}.`);
  const versions = opts.baseVersions ?? ["1.0", "1.1"];
  if (versions.length === 0 || versions.some((v) => v !== "1.0" && v !== "1.1")) {
    throw new NetconfInputError("baseVersions must list '1.0' and/or '1.1'.");
  }
}

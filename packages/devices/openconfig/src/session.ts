import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { sessionOptionsFromConfig } from "@ngs/cli-session";
import { GenericSwitchNetconfConnectError, type GenericSwitchDevice } from "@ngs/core/device-kit";
import { NetconfRpcError, NetconfSession, type NetconfSessionOptions } from "@ngs/netconf";
import type { NetconfClient, RpcErrorInfo } from "./client.js";
import { NETCONF_PORT, parseFlag } from "./options.js";

/**
 * The session options of a `netconf_openconfig` section, upstream's ncclient
 * arguments read as @ngs/cli-session reads SSH ones: `host` (or `ip`),
 * `port` (830), `username`, `password`, `key_filename` (or `key_file`),
 * `allow_agent` and `look_for_keys` (both default true, as ncclient),
 * `hostkey_verify` (default true: the key must be pinned by
 * `ngs_host_key_fingerprint`, listed in `ngs_known_hosts_file`, or else in
 * ~/.ssh/known_hosts; false accepts any key).
 */
export function netconfSessionOptions(device: GenericSwitchDevice): NetconfSessionOptions {
  const t = device.transportConfig;
  const opt = (k: string) => device.option(k);
  const cfg: Record<string, string> = { ...t };
  delete cfg.device_type;
  const keyFile = opt("key_filename") ?? t.key_file;
  if (keyFile !== undefined) cfg.key_file = keyFile;
  cfg.use_keys = String(parseFlag("look_for_keys", opt("look_for_keys"), true));
  cfg.allow_agent = String(t.allow_agent === undefined ? true : parseFlag("allow_agent", t.allow_agent, true));
  for (const k of ["ngs_known_hosts_file", "ngs_host_key_fingerprint", "ngs_ssh_disabled_algorithms"]) {
    const v = opt(k);
    if (v !== undefined) cfg[k] = v;
  }
  const s = sessionOptionsFromConfig(cfg, "netconf");
  const out: NetconfSessionOptions = { host: s.host, port: s.port ?? NETCONF_PORT, username: s.username };
  if (s.password !== undefined) out.password = s.password;
  if (s.privateKey !== undefined) out.privateKey = s.privateKey;
  if (s.passphrase !== undefined) out.passphrase = s.passphrase;
  if (s.agent !== undefined) out.agent = s.agent;
  if (s.connectTimeoutMs !== undefined) out.connectTimeoutMs = s.connectTimeoutMs;
  if (s.authTimeoutMs !== undefined) out.authTimeoutMs = s.authTimeoutMs;
  if (s.bannerTimeoutMs !== undefined) out.bannerTimeoutMs = s.bannerTimeoutMs;
  if (s.readTimeoutMs !== undefined) out.rpcTimeoutMs = s.readTimeoutMs;
  if (s.disabledAlgorithms !== undefined) out.disabledAlgorithms = s.disabledAlgorithms;
  if (s.hostKey) out.hostKey = s.hostKey;
  else if (parseFlag("hostkey_verify", opt("hostkey_verify"), true)) {
    const file = join(homedir(), ".ssh", "known_hosts");
    if (!existsSync(file)) {
      throw new GenericSwitchNetconfConnectError({
        device: device.deviceName,
        error: `hostkey_verify is on (the default) but nothing says which host key to trust: set ngs_host_key_fingerprint (the SHA256:… of ssh-keygen -lf), ngs_known_hosts_file, or list the switch in ${file}; or set hostkey_verify = false`,
      });
    }
    out.hostKey = { knownHostsFile: file };
  }
  return out;
}

/** A NETCONF session for one change, with the RPCs the device uses. */
export async function openNetconfClient(device: GenericSwitchDevice, logger?: NetconfSessionOptions["logger"]): Promise<NetconfClient> {
  const opts = netconfSessionOptions(device);
  if (logger) opts.logger = logger;
  const session = await NetconfSession.connect(opts);
  return {
    capabilities: session.capabilities.uris,
    hostKeyFingerprint: session.hostKeyFingerprint,
    lock: async (target) => void (await session.lock(target)),
    unlock: async (target) => void (await session.unlock(target)),
    discardChanges: async () => void (await session.discardChanges()),
    editConfig: async (target, content) => void (await session.editConfig(target, content)),
    validate: async (source) => void (await session.validate(source)),
    commit: async (o = {}) =>
      void (await session.commit(o.confirmed ? { confirmed: true, ...(o.confirmTimeoutS ? { confirmTimeout: o.confirmTimeoutS } : {}) } : {})),
    copyConfig: async (source, target) => void (await session.copyConfig(source, target)),
    close: async () => {
      // A failed close-session (upstream's ncclient issue 525) does not undo a change that succeeded.
      await session.closeSession().catch(() => session.close());
    },
  };
}

/** The rpc-error behind an error from the session, if it is one. */
export function rpcErrorInfo(e: unknown): RpcErrorInfo | undefined {
  if (!(e instanceof NetconfRpcError)) return undefined;
  const sessionId = e.info?.["session-id"];
  return { tag: e.tag, ...(e.errorMessage ? { message: e.errorMessage } : {}), ...(sessionId !== undefined ? { sessionId } : {}) };
}

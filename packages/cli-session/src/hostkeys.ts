/** Host-key verification: pinned SHA-256 fingerprints and OpenSSH known_hosts files. */
import { createHash, createHmac } from "node:crypto";
import { readFileSync } from "node:fs";

/** `SHA256:<base64 without padding>` of an SSH wire-format public key, as `ssh-keygen -lf` prints it. */
export function fingerprintSha256(keyBlob: Buffer): string {
  return "SHA256:" + createHash("sha256").update(keyBlob).digest("base64").replace(/=+$/, "");
}

/** The key type name at the start of a wire-format key (`ssh-ed25519`, `ssh-rsa`, ...). */
export function keyType(keyBlob: Buffer): string {
  if (keyBlob.length < 4) return "unknown";
  const len = keyBlob.readUInt32BE(0);
  return keyBlob.subarray(4, 4 + len).toString("latin1");
}

export function normaliseFingerprint(fp: string): string {
  const trimmed = fp.trim();
  const body = trimmed.replace(/^SHA256:/i, "").replace(/=+$/, "");
  return "SHA256:" + body;
}

export interface KnownHostEntry {
  patterns: string;
  keyType: string;
  key: Buffer;
  marker?: "revoked" | "cert-authority";
}

export function parseKnownHosts(text: string): KnownHostEntry[] {
  const out: KnownHostEntry[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const fields = line.split(/\s+/);
    let marker: KnownHostEntry["marker"];
    if (fields[0] === "@revoked" || fields[0] === "@cert-authority") {
      marker = fields[0].slice(1) as KnownHostEntry["marker"];
      fields.shift();
    }
    const [patterns, type, b64] = fields;
    if (!patterns || !type || !b64) continue;
    out.push({ patterns, keyType: type, key: Buffer.from(b64, "base64"), ...(marker ? { marker } : {}) });
  }
  return out;
}

/** The name OpenSSH looks up: `host` on port 22, `[host]:port` otherwise. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

function globToRegExp(glob: string): RegExp {
  const src = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${src}$`, "i");
}

/** Whether a known_hosts host field (comma list, wildcards, `!negation`, or `|1|salt|hash`) names `name`. */
export function hostMatches(patterns: string, name: string): boolean {
  if (patterns.startsWith("|1|")) {
    const [, , salt, hash] = patterns.split("|");
    if (!salt || !hash) return false;
    const mac = createHmac("sha1", Buffer.from(salt, "base64")).update(name).digest("base64");
    return mac === hash;
  }
  let matched = false;
  for (const p of patterns.split(",")) {
    if (p.startsWith("!")) {
      if (globToRegExp(p.slice(1)).test(name)) return false;
    } else if (globToRegExp(p).test(name)) {
      matched = true;
    }
  }
  return matched;
}

export type HostKeyVerdict =
  | { ok: true }
  | { ok: false; reason: "mismatch" | "unknown" | "revoked"; expected: string[]; actual: string };

/** Checks a presented key against the policy. Throws only on an unreadable known_hosts file. */
export function verifyHostKey(
  keyBlob: Buffer,
  host: string,
  port: number,
  policy: { knownHostsFile?: string; fingerprintSha256?: string },
): HostKeyVerdict {
  const actual = fingerprintSha256(keyBlob);
  if (policy.fingerprintSha256 !== undefined) {
    const expected = normaliseFingerprint(policy.fingerprintSha256);
    if (expected !== actual) return { ok: false, reason: "mismatch", expected: [expected], actual };
  }
  if (policy.knownHostsFile !== undefined) {
    const entries = parseKnownHosts(readFileSync(policy.knownHostsFile, "utf8"));
    const name = knownHostsName(host, port);
    const mine = entries.filter((e) => e.marker !== "cert-authority" && hostMatches(e.patterns, name));
    if (mine.some((e) => e.marker === "revoked" && e.key.equals(keyBlob))) {
      return { ok: false, reason: "revoked", expected: [], actual };
    }
    const listed = mine.filter((e) => e.marker === undefined);
    if (listed.length === 0) return { ok: false, reason: "unknown", expected: [], actual };
    if (!listed.some((e) => e.key.equals(keyBlob))) {
      return { ok: false, reason: "mismatch", expected: listed.map((e) => fingerprintSha256(e.key)), actual };
    }
  }
  return { ok: true };
}

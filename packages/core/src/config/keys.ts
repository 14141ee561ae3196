import { SESSION_CONFIG_KEYS } from "@ngs/cli-session";
import { distance } from "fastest-levenshtein";

/**
 * The non-`ngs_` keys of a `[genericswitch:…]` section that ngs uses: the
 * device type and what the SSH session reads. Only these reach the session.
 */
export const TRANSPORT_KEYS: readonly string[] = [
  "device_type",
  ...SESSION_CONFIG_KEYS.filter((k) => !k.startsWith("ngs_")),
];

/**
 * netmiko `ConnectHandler` arguments upstream passes through that ngs's own
 * SSH layer has no use for: accepted (an upstream file stays valid) and
 * warned about as ignored, never handed to the session.
 */
export const IGNORED_NETMIKO_KEYS: readonly string[] = [
  "global_delay_factor",
  "blocking_timeout",
  "timeout",
  "session_timeout",
  "keepalive",
  "verbose",
  "global_cmd_verify",
  "disable_sha2_fix",
  "ssh_strict",
  "system_host_keys",
  "alt_host_keys",
  "alt_key_file",
  "ssh_config_file",
  "fast_cli",
  "_legacy_mode",
  "session_log",
  "session_log_record_writes",
  "session_log_file_mode",
  "allow_auto_change",
  "auto_connect",
  "delay_factor_compat",
  "disable_lf_normalization",
  "encoding",
  "default_enter",
  "response_return",
];

/** Words a credential's key is made of (matched inside the key, case-insensitive). */
const CREDENTIAL_PARTS = ["pass", "secret", "key", "token", "community", "pwd", "cred"];
/** Whole words checked by edit distance, so `pasword` or `secert` still count. */
const CREDENTIAL_WORDS = ["password", "passwd", "passphrase", "secret", "token", "community"];

/**
 * Might this key hold a credential? Any key containing pass/secret/key/
 * token/community (any case), or with a word within a small edit distance of
 * one (`pasword`, `secert`, `tokn`). Masking uses this, not a fixed list,
 * so a misspelt key's value is masked too.
 */
export function isCredentialKey(key: string): boolean {
  const k = key.toLowerCase();
  if (CREDENTIAL_PARTS.some((p) => k.includes(p))) return true;
  return k.split(/[^a-z0-9]+/).some((word) => word.length >= 4 && CREDENTIAL_WORDS.some((w) => distance(word, w) <= allowedTypos(w)));
}

function allowedTypos(word: string): number {
  return word.length >= 6 ? 2 : 1;
}

/**
 * The candidate closest to `word` by edit distance (case-insensitive), when
 * it is close enough to be a likely typo (two edits, or a fifth of a long
 * name: `passwrod`, `netmiko_cisco_iso`); else undefined. Ties go to the
 * earlier candidate.
 */
export function closestName(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = distance(w, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  const allowed = w.length < 5 ? 1 : Math.max(2, Math.floor(w.length / 5));
  return bestDistance <= allowed ? best : undefined;
}

/** `" (did you mean 'password'?)"`, or "" when nothing is close. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const c = closestName(word, candidates);
  return c === undefined ? "" : ` (did you mean '${c}'?)`;
}

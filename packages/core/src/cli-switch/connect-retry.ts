/**
 * Failures a retry cannot fix: a refused connection on this very machine
 * (nothing listens there; no network in between to recover) and a host name
 * that does not resolve. Why, for the error; undefined when worth retrying.
 */
export function notWorthRetrying(e: unknown, host: string): string | undefined {
  const code = ((e as { cause?: { code?: unknown } } | undefined)?.cause as { code?: unknown } | undefined)?.code;
  if (code === "ENOTFOUND") return `host name ${host} does not resolve`;
  if (code === "ECONNREFUSED" && isLoopback(host)) return `connection refused on loopback (nothing listens on that port)`;
  return undefined;
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\./.test(host) || /^::ffff:127\./i.test(host);
}

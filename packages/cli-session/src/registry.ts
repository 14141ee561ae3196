/**
 * Platforms by name, for callers that still pass `platform: "cisco_ios"`
 * (deprecated: pass the object). The builders add each platform they build,
 * so a name resolves once the vendor package that declares it is loaded.
 */
import { UnknownPlatformError } from "./errors.js";
import type { Platform } from "./types.js";

const byName = new Map<string, Platform>();

/** Adds (or replaces) a platform under its name and returns it frozen. */
export function registerPlatform(p: Platform): Platform {
  const frozen = Object.freeze(p);
  byName.set(p.name, frozen);
  return frozen;
}

/** The names of the platforms built so far in this process. */
export function platformNames(): string[] {
  return [...byName.keys()];
}

/**
 * @deprecated Pass the `Platform` object. Looks a platform up among those
 * built so far; an unknown name throws UnknownPlatformError listing them.
 */
export function getPlatform(name: string): Platform {
  const p = byName.get(name);
  if (!p) throw new UnknownPlatformError(name, platformNames());
  return p;
}

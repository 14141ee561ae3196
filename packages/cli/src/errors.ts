/** Bad command line: exit code 2, with a hint to the command's help. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
    this.name = "UsageError";
  }
}

/** A command needs packages that are not installed (the message has the `npm install` line): exit 2. */
export class MissingPackagesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MissingPackagesError";
  }
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/**
 * Usage and configuration problems exit 2; everything else that fails exits 1.
 * Matched by class name along the prototype chain, so `ngs --help` never has
 * to load @ngs/core (and a second copy of core still matches).
 */
const USAGE_CLASSES = new Set(["UsageError", "MissingPackagesError", "GenericSwitchConfigException", "GenericSwitchEntrypointLoadError", "GenericSwitchNetworkNameFormatInvalid", "GenericSwitchInvalidValue"]);

export function exitCodeFor(err: unknown): number {
  for (let p = err as object | null; p && p !== Error.prototype; p = Object.getPrototypeOf(p) as object | null) {
    const name = (p as { constructor?: { name?: string } }).constructor?.name;
    if (name && USAGE_CLASSES.has(name)) return EXIT_USAGE;
  }
  return EXIT_FAILED;
}

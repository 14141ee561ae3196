/**
 * The boolean spellings of every ini value ngs reads (`ngs_*` options and
 * transport keys alike): oslo.config's `BoolOpt` ones, in any case. Anything
 * else (`t`, `y`, blank) is an error: a typo must never silently turn a safety
 * option off, or on.
 */
const TRUE = new Set(["true", "yes", "on", "1"]);
const FALSE = new Set(["false", "no", "off", "0"]);

/** What a boolean value may be, for messages. */
export const BOOLEAN_SPELLINGS = "true/yes/on/1 or false/no/off/0";

/** `true`/`false` for a boolean spelling (any case, blanks around ignored), `undefined` for anything else. */
export function booleanFromString(value: string): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  return undefined;
}

import { BOOLEAN_SPELLINGS, booleanFromString } from "@ngs/cli-session";
import { GenericSwitchConfigException } from "../errors.js";

/**
 * Value parsers for ini strings, with oslo's spelling rules. Each
 * throws `GenericSwitchConfigException` naming the key and the bad value.
 */


/** The one wording of a bad option value: `key: invalid value "x": expected …`. */
export function invalidValueText(key: string, value: string, expected: string): string {
  return `${key}: invalid value ${JSON.stringify(value)}: expected ${expected}`;
}

/** A bad value in that wording, as the error every option parser throws (declared `custom()` parsers too). */
export function badOptionValue(key: string, value: string, expected: string): GenericSwitchConfigException {
  return new GenericSwitchConfigException({ message: invalidValueText(key, value, expected), option: key, value });
}

/** What a boolean option takes, in every message about one. */
export const BOOLEAN_EXPECTED = `a boolean (${BOOLEAN_SPELLINGS})`;

/**
 * The one boolean parser of every `ngs_*` option, on the spellings the
 * transport keys use too (`booleanFromString`: oslo.config's `BoolOpt`
 * ones); anything else (`t`, `y`, empty) is an error.
 */
export function parseBool(key: string, value: string): boolean {
  const b = booleanFromString(value);
  if (b === undefined) throw badOptionValue(key, value, BOOLEAN_EXPECTED);
  return b;
}

/** A base-10 integer within [min, max]. */
export function parseInteger(key: string, value: string, min = -Infinity, max = Infinity): number {
  const v = value.trim();
  if (!/^[+-]?[0-9]+$/.test(v)) throw badOptionValue(key, value, rangeText("an integer", min, max));
  const n = Number(v);
  if (n < min || n > max) throw badOptionValue(key, value, rangeText("an integer", min, max));
  return n;
}

/** A finite decimal number within [min, max]. */
export function parseNumber(key: string, value: string, min = -Infinity, max = Infinity): number {
  const v = value.trim();
  const n = v === "" ? NaN : Number(v);
  if (!Number.isFinite(n) || n < min || n > max) throw badOptionValue(key, value, rangeText("a number", min, max));
  return n;
}

export function rangeText(kind: string, min: number, max: number): string {
  if (min > -Infinity && max < Infinity) return `${kind} from ${min} to ${max}`;
  if (min > -Infinity) return `${kind} >= ${min}`;
  if (max < Infinity) return `${kind} <= ${max}`;
  return kind;
}

/** A comma list, items stripped, empty items dropped (`""` → `[]`). */
export function parseList(value: string): string[] {
  return value
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/**
 * oslo's `parse_mappings` without the uniqueness check: `k:v, k:w` →
 * `{k: [v, w]}`. An entry without a colon, or with an empty side, is an error.
 */
export function parseMappings(key: string, value: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const entry of parseList(value)) {
    const i = entry.indexOf(":");
    const k = i < 0 ? "" : entry.slice(0, i).trim();
    const v = i < 0 ? "" : entry.slice(i + 1).trim();
    if (!k || !v) throw badOptionValue(key, value, `comma-separated key:value pairs (bad entry ${JSON.stringify(entry)})`);
    (out[k] ??= []).push(v);
  }
  return out;
}

/** One choice out of a fixed set (case-sensitive, like oslo's `choices`). */
export function parseChoice<T extends string>(key: string, value: string, choices: readonly T[]): T {
  const v = value.trim();
  if ((choices as readonly string[]).includes(v)) return v as T;
  throw new GenericSwitchConfigException({ option: key, allowed_options: choices.join(", "), value });
}

import { GenericSwitchException, GenericSwitchInvalidValue } from "../errors.js";
import { validatePortName, type PortNameRule } from "../validation.js";
import { badOptionValue, parseBool, parseChoice, parseInteger, parseList, parseNumber } from "./parse.js";

/**
 * Declared device options: a device class lists the `ngs_*` options it reads
 * as `static options = { ngs_bgp_asn: asn(), … }`; the device base parses
 * them when the device is built (which is when the config is loaded and
 * `ngs config check` runs), reports every bad value with its key, and hands
 * the class a typed object (`this.options.ngs_bgp_asn`). Each parser has one
 * wording for a bad value, shared with the base options.
 *
 * Hand-written rather than a schema library: the value rules are oslo.config's
 * (its boolean spellings, upstream's choice message), each parser is a few
 * lines over parse.ts, and the device kit stays free of dependencies.
 */

/** What a parser may look at besides the value. */
export interface OptionContext {
  /** The option's key (`ngs_bgp_asn`), for messages. */
  readonly key: string;
  /** The device class being built: dialect-dependent parsers read its statics (`portNameRule`, `shellCommands`). */
  readonly deviceClass?: unknown;
}

/** One declared option. */
export interface OptionSpec<T> {
  /** What kind of value it takes (`boolean`, `integer`, `BGP AS number`, …), for docs and listings. */
  readonly type: string;
  readonly description: string;
  /** The value when the key is absent (or blank, for the string-like parsers). */
  readonly default: T;
  /** Older spellings read when the key itself is absent (upstream's deprecated names, e.g. `vtep_name`). */
  readonly deprecatedNames: readonly string[];
  /** A blank value means the default (string-like options) rather than an error (numbers, booleans). */
  readonly blankIsDefault: boolean;
  /** Parse the value as written; throws an error whose message says what was expected. */
  parse(value: string, ctx: OptionContext): T;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec<unknown>>>;

/** The typed object a class reads: each key's parsed value, or its default. */
export type OptionValues<S extends OptionSpecs> = { readonly [K in keyof S]: S[K] extends OptionSpec<infer T> ? T : never };

/** What every parser takes besides its own settings. */
export interface CommonOptionSettings<D> {
  default?: D;
  description?: string;
  deprecatedNames?: readonly string[];
  /** Read a blank value as the default (the string-like parsers do already; numbers and booleans refuse it unless this is set). */
  blankIsDefault?: boolean;
}

function spec<T>(type: string, o: CommonOptionSettings<unknown>, blankIsDefault: boolean, parse: (v: string, ctx: OptionContext) => T, dflt: unknown): OptionSpec<T> {
  return Object.freeze({
    type,
    description: o.description ?? "",
    default: (o.default !== undefined ? o.default : dflt) as T,
    deprecatedNames: Object.freeze([...(o.deprecatedNames ?? [])]),
    blankIsDefault: o.blankIsDefault ?? blankIsDefault,
    parse,
  });
}

/** A boolean with oslo.config's spellings (`parseBool`); default false. */
export function bool(o: CommonOptionSettings<boolean> = {}): OptionSpec<boolean> {
  return spec("boolean", o, false, (v, { key }) => parseBool(key, v), false);
}

/** A base-10 integer within [min, max]. */
export function int<D extends number | undefined = undefined>(o: CommonOptionSettings<D> & { min?: number; max?: number } = {}): OptionSpec<number | D> {
  return spec("integer", o, false, (v, { key }) => parseInteger(key, v, o.min, o.max), undefined);
}

/** A decimal number within [min, max]. */
export function number<D extends number | undefined = undefined>(o: CommonOptionSettings<D> & { min?: number; max?: number } = {}): OptionSpec<number | D> {
  return spec("number", o, false, (v, { key }) => parseNumber(key, v, o.min, o.max), undefined);
}

/** A duration in seconds (a decimal number >= `min`, 0 unless given). */
export function seconds<D extends number | undefined = undefined>(o: CommonOptionSettings<D> & { min?: number; max?: number } = {}): OptionSpec<number | D> {
  return spec("seconds", o, false, (v, { key }) => parseNumber(key, v, o.min ?? 0, o.max), undefined);
}

/** What `asn()` takes, in every message about a BGP AS number. */
export const ASN_EXPECTED = "a BGP AS number (65000 or 1.10)";
const ASN_MAX = 4_294_967_295;

/**
 * A BGP AS number as the switch takes it, kept as written: asplain
 * 1–4294967295, or asdot `high.low` with each part 0–65535 (not `0.0`).
 * AS 0 is reserved (RFC 7607), so it is refused.
 */
export function asn(o: CommonOptionSettings<string> = {}): OptionSpec<string | undefined> {
  return spec("BGP AS number", o, true, (raw, { key }) => {
    const v = raw.trim();
    const fail = () => badOptionValue(key, raw, ASN_EXPECTED);
    const dot = /^([0-9]{1,5})\.([0-9]{1,5})$/.exec(v);
    if (dot) {
      const hi = Number(dot[1]);
      const lo = Number(dot[2]);
      if (hi > 65535 || lo > 65535 || hi + lo === 0) throw fail();
      return v;
    }
    if (!/^[0-9]{1,10}$/.test(v)) throw fail();
    const n = Number(v);
    if (n < 1 || n > ASN_MAX) throw fail();
    return v;
  }, undefined);
}

/** A string, trimmed; `pattern` (with `expected` saying it in words) restricts it. */
export function str<D extends string | undefined = undefined>(
  o: CommonOptionSettings<D> & { pattern?: RegExp; expected?: string } = {},
): OptionSpec<string | D> {
  return spec("string", o, true, (raw, { key }) => {
    const v = raw.trim();
    if (o.pattern && !o.pattern.test(v)) {
      throw badOptionValue(key, raw, o.expected ?? `a value matching ${o.pattern}`);
    }
    return v;
  }, undefined);
}

/** One of a fixed set (case-sensitive, like oslo's `choices`), in upstream's `X must be one of: …` wording. */
export function oneOf<const C extends string, D extends C | undefined = undefined>(
  choices: readonly C[],
  o: CommonOptionSettings<D> = {},
): OptionSpec<C | D> {
  return spec(`one of ${choices.join(", ")}`, o, true, (v, { key }) => parseChoice(key, v, choices), undefined);
}

/**
 * A comma list, items stripped, empty items dropped; `item` checks (and may
 * convert) each entry, `items` names them in messages (`IPv4 addresses`).
 */
export function list<T = string>(o: CommonOptionSettings<T[]> & { item?: OptionSpec<T | undefined>; items?: string } = {}): OptionSpec<T[]> {
  const items = o.items ?? (o.item ? `${o.item.type} values` : "values");
  return spec(`comma list of ${items}`, o, true, (v, ctx) => {
    const entries = parseList(v);
    if (!o.item) return entries as T[];
    const item = o.item;
    return entries.map((i) => {
      try {
        return item.parse(i, ctx) as T;
      } catch {
        throw badOptionValue(ctx.key, v, `a comma list of ${items}`);
      }
    });
  }, []);
}

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;

/** An IPv4 address; `multicast` restricts it to 224.0.0.0/4. */
export function ipv4(o: CommonOptionSettings<string> & { multicast?: boolean } = {}): OptionSpec<string | undefined> {
  const type = o.multicast ? "IPv4 multicast address" : "IPv4 address";
  return spec(type, o, true, (raw, { key }) => {
    const v = raw.trim();
    const first = Number(v.split(".")[0]);
    if (!IPV4.test(v) || (o.multicast && (first < 224 || first > 239))) {
      throw badOptionValue(key, raw, `an ${type}`);
    }
    return v;
  }, undefined);
}

/**
 * One interface name as the class's dialect spells it (its `portNameRule`,
 * and the shell rule when its commands run in a shell), e.g. `Vxlan1`;
 * `rule` overrides the dialect's rule.
 */
export function portName<D extends string | undefined = undefined>(o: CommonOptionSettings<D> & { rule?: PortNameRule } = {}): OptionSpec<string | D> {
  return spec("interface name", o, true, (raw, { key, deviceClass }) => {
    const statics = (deviceClass ?? {}) as { portNameRule?: PortNameRule; shellCommands?: boolean };
    return validatePortName(raw.trim(), { shell: statics.shellCommands === true, rule: o.rule ?? statics.portNameRule, what: key });
  }, undefined);
}

/** Anything else: `parse` throws an Error whose message says what is wrong (shown after `key: `). */
export function custom<T>(o: CommonOptionSettings<T> & { type: string; parse: (value: string, ctx: OptionContext) => T }): OptionSpec<T | undefined> {
  return spec(o.type, o, true, o.parse, undefined);
}

/** The keys (and deprecated spellings) a set of declarations reads. */
export function declaredNames(specs: OptionSpecs): string[] {
  return Object.entries(specs).flatMap(([k, s]) => [k, ...(s?.deprecatedNames ?? [])]);
}

export interface DeclaredOptionsResult<S extends OptionSpecs> {
  values: OptionValues<S>;
  /** `key: message` lines, one per bad value. */
  problems: string[];
  /** The error behind each problem, by key. */
  failures: Map<string, unknown>;
}

/**
 * Parse every declared option of one device section. Never throws: a bad
 * value is a `key: message` problem and the key gets its default, so every
 * problem is reported at once.
 */
export function parseDeclaredOptions<S extends OptionSpecs>(
  specs: S,
  section: Readonly<Record<string, string | undefined>>,
  deviceClass?: unknown,
): DeclaredOptionsResult<S> {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  const failures = new Map<string, unknown>();
  for (const [key, s] of Object.entries(specs)) {
    // A plugin's hand-made entry without a parser is the plugin's bug: say so, naming the key, rather than crash.
    if (typeof s?.parse !== "function") {
      problems.push(`${key}: the device class declares this option without a parser (use bool(), asn(), str(), … from @ngs/core/device-kit)`);
      values[key] = undefined;
      continue;
    }
    const name = [key, ...(s.deprecatedNames ?? [])].find((n) => section[n] !== undefined);
    const raw = name === undefined ? undefined : section[name]!;
    if (raw === undefined || (s.blankIsDefault && raw.trim() === "")) {
      values[key] = s.default;
      continue;
    }
    try {
      values[key] = s.parse(raw, { key: name!, deviceClass });
    } catch (e) {
      problems.push(`${name}: ${optionProblemText(name!, e)}`);
      failures.set(name!, e);
      values[key] = s.default;
    }
  }
  return { values: Object.freeze(values) as OptionValues<S>, problems, failures };
}

/** An option parser's error as the text after `key: ` (parse.ts messages already start with the key). */
export function optionProblemText(key: string, e: unknown): string {
  if (e instanceof GenericSwitchInvalidValue) return e.message;
  if (e instanceof GenericSwitchException) return e.message.startsWith(`${key}: `) ? e.message.slice(key.length + 2) : e.message;
  return e instanceof Error ? e.message : String(e);
}

import { GenericSwitchNetworkNameFormatInvalid } from "../errors.js";
import { showValue } from "../validation.js";

/** The longest format accepted; no platform takes a VLAN name near this long. */
export const MAX_NAME_FORMAT_LENGTH = 256;
/**
 * What the literal text of a format may hold. Anything else (`? | ; $ ( )`,
 * quotes, control, zero-width, bidi and line-separator characters, a BOM)
 * could end the switch command early, add words to it or hide what it says.
 */
const NAME_TEXT = /^[A-Za-z0-9 _.:/@+=,{}-]*$/;

export type NameFormatField = "network_id" | "segmentation_id";
const FIELDS: ReadonlySet<string> = new Set<NameFormatField>(["network_id", "segmentation_id"]);

type Piece = string | { field: NameFormatField };

/** A parsed `ngs_network_name_format`. */
export interface NetworkNameFormat {
  readonly source: string;
  format(values: Record<NameFormatField, string>): string;
}

/**
 * Parse a Python `str.format` template limited to what upstream documents:
 * `{network_id}`, `{segmentation_id}` and the `{{`/`}}` escapes. Anything
 * Python would reject (unknown or positional field, stray brace) and the
 * format-spec/conversion forms (`{x:>5}`, `{x!r}`, which ngs does not
 * implement) raise `GenericSwitchNetworkNameFormatInvalid`, as does any
 * character outside letters, digits, space and `_ . : / @ + = , -` (it could
 * split or extend the switch command the name lands in) and a format longer
 * than 256 characters. Each dialect checks the rendered name again
 * (`checkVlanName`).
 */
export function compileNameFormat(source: string): NetworkNameFormat {
  const invalid = () => new GenericSwitchNetworkNameFormatInvalid({ name_format: showValue(source) });
  const refused = (reason: string) =>
    new GenericSwitchNetworkNameFormatInvalid({
      message: `Invalid value for 'ngs_network_name_format': ${showValue(source)}: ${reason}`,
      name_format: showValue(source),
    });
  if (source.length > MAX_NAME_FORMAT_LENGTH) throw refused(`longer than ${MAX_NAME_FORMAT_LENGTH} characters`);
  const bad = [...source].find((c) => !NAME_TEXT.test(c));
  if (bad !== undefined) {
    throw refused(`character ${showValue(bad)} is not allowed (letters, digits, space and _ . : / @ + = , - only)`);
  }
  const pieces: Piece[] = [];
  let text = "";
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === "{") {
      if (source[i + 1] === "{") {
        text += "{";
        i++;
        continue;
      }
      const end = source.indexOf("}", i);
      if (end < 0) throw invalid();
      const name = source.slice(i + 1, end);
      if (!FIELDS.has(name)) throw invalid();
      if (text) pieces.push(text);
      text = "";
      pieces.push({ field: name as NameFormatField });
      i = end;
    } else if (c === "}") {
      if (source[i + 1] !== "}") throw invalid();
      text += "}";
      i++;
    } else {
      text += c;
    }
  }
  if (text) pieces.push(text);
  return {
    source,
    format: (values) => pieces.map((p) => (typeof p === "string" ? p : values[p.field])).join(""),
  };
}

/** How one platform takes a VLAN name (each CLI vendor states its own, `CliSwitch.vlanNameRule`). */
export interface VlanNameRule {
  /** The platform's longest VLAN name (or description, where the name lands in one). */
  maxLength: number;
  /** A space is part of the name (the command takes the rest of the line); elsewhere it adds words to the command. */
  space: boolean;
}

/**
 * Why `name` cannot be a VLAN name under `rule`, or undefined when it can:
 * empty, too long, a space where the dialect would read a second word, or a
 * character outside letters, digits and `_ . : / @ + = , -`.
 */
export function vlanNameProblem(name: string, rule: VlanNameRule): string | undefined {
  if (name.length === 0) return "the VLAN name is empty";
  if (name.length > rule.maxLength) return `the VLAN name ${showValue(name)} is ${name.length} characters long; this platform allows ${rule.maxLength}`;
  if (!rule.space && name.includes(" ")) return `the VLAN name ${showValue(name)} has a space; on this platform that adds words to the command`;
  if (!/^[A-Za-z0-9 _.:/@+=,-]+$/.test(name)) return `the VLAN name ${showValue(name)} has characters this platform does not take in a name`;
  return undefined;
}

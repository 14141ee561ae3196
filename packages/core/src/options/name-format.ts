import { GenericSwitchNetworkNameFormatInvalid } from "../errors.js";

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
 * implement) raise `GenericSwitchNetworkNameFormatInvalid`, as do control
 * characters, which would split the switch command the name lands in.
 */
export function compileNameFormat(source: string): NetworkNameFormat {
  const invalid = () => new GenericSwitchNetworkNameFormatInvalid({ name_format: JSON.stringify(source) });
  if (/[\u0000-\u001f\u007f]/.test(source)) throw invalid();
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

import { declaredNames, type OptionSpecs } from "./options/declare.js";

/**
 * The option names a device class knows besides the base ones: its declared
 * `options` (and their deprecated spellings) and the deprecated
 * `extraOptions`, along the class chain.
 */
export function collectExtraOptions(ctor: unknown): Set<string> {
  const out = new Set<string>(declaredNames(collectDeclaredOptions(ctor)));
  let c = ctor as { extraOptions?: readonly string[] } | null;
  while (c && c !== Function.prototype) {
    if (Object.prototype.hasOwnProperty.call(c, "extraOptions") && Array.isArray(c.extraOptions)) {
      for (const o of c.extraOptions) out.add(o);
    }
    c = Object.getPrototypeOf(c) as typeof c;
  }
  return out;
}

/** The `options` declared along a device class's chain; a subclass's declaration of a key replaces its parent's. */
export function collectDeclaredOptions(ctor: unknown): OptionSpecs {
  const chain: OptionSpecs[] = [];
  let c = ctor as { options?: OptionSpecs } | null;
  while (c && c !== Function.prototype) {
    if (Object.prototype.hasOwnProperty.call(c, "options") && c.options && typeof c.options === "object") chain.unshift(c.options);
    c = Object.getPrototypeOf(c) as typeof c;
  }
  return Object.assign({}, ...chain) as OptionSpecs;
}

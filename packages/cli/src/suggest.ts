import { closest, distance } from "fastest-levenshtein";

/**
 * ` (did you mean 'x'?)` for the candidate closest to `word` by edit
 * distance, or "" when none is close enough to be a likely typo.
 */
export function didYouMean(word: string, candidates: readonly string[]): string {
  if (candidates.length === 0) return "";
  const best = closest(word, [...candidates]);
  const limit = Math.max(2, Math.floor(word.length / 3));
  return distance(word, best) <= limit ? ` (did you mean '${best}'?)` : "";
}

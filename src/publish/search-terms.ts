/**
 * The search vocabulary: words readers type and the words the sheets use for the same thing.
 * A recommendation or commitment that uses one word of a group is also found by the others
 * (a reader searching "algorithm" finds the recommendation on automated decision-making).
 * Add a group when readers search for something the sheets name differently; keep each
 * group to words that truly mean the same thing here, or results stop meaning anything.
 */
export const relatedTerms: readonly (readonly string[])[] = [
  ['algorithm', 'algorithms', 'automated decision-making'],
  ['artificial intelligence', 'AI'],
  ['surveillance', 'monitoring of citizens'],
  ['disinformation', 'misinformation', 'fake news'],
  ['freedom of information', 'access to information', 'right to information'],
];

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The words of every group `text` uses that it does not contain itself, for the search index only. */
export function relatedTermsOf(text: string): string[] {
  const uses = (term: string): boolean => new RegExp(`\\b${escapeRegExp(term)}\\b`, 'i').test(text);
  const found = new Set<string>();
  for (const group of relatedTerms) if (group.some(uses)) for (const term of group) if (!uses(term)) found.add(term);
  return [...found];
}

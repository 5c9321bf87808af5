/**
 * Edit distance, case-insensitive: letters inserted, deleted or replaced, and two neighbouring
 * letters swapped ("bra" for "bar", "tilte" for "title"), each one edit (optimal string
 * alignment). Small inputs only (names, keys, ids).
 */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let distance = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1])
        distance = Math.min(distance, (beforePrevious[j - 2] ?? 0) + 1);
      current[j] = distance;
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[t.length] ?? 0;
}

/**
 * The closest candidate to a misspelt value, or undefined when nothing is close enough
 * to be a plausible typo (at most a third of the word's letters differ).
 */
export function closest(value: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(value, candidate);
    if (distance < bestDistance || (distance === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best === undefined) return undefined;
  // A shortened word ("irm-perf" for "irm-performance") is a typo too.
  const lower = value.toLowerCase();
  const prefixed = [...candidates].filter(
    (candidate) => lower.length >= 3 && candidate.toLowerCase().startsWith(lower),
  );
  if (prefixed.length === 1 && bestDistance > 2) return prefixed[0];
  const limit = Math.max(2, Math.ceil(Math.max(value.length, best.length) / 3));
  return bestDistance <= limit ? best : undefined;
}

/**
 * The one issue type every stage reports with (content, charts, print budgets, the verify
 * stage's checks of the built site), and the order they are printed in.
 */

/** A problem found in content, data or the built output, located as precisely as the source allows. */
export interface Issue {
  /** Path of the file, relative to the project root (or, for built output, to the site), with forward slashes. */
  file: string;
  /** 1-based line of the offending value, when known. */
  line?: number;
  /** 1-based column of the offending value, when known. */
  column?: number;
  /** Dotted field path inside the file, e.g. `groups[0].items[2].text`. */
  field?: string;
  /** What is wrong, including what was expected and what was found. */
  problem: string;
  /** How to fix it. */
  fix: string;
  /** Errors stop the build; warnings are printed and the build goes on. */
  severity: 'error' | 'warning';
}

/** Formats a field path the way an editor reads it: `groups[0].items[2].text`. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

/** Sorts issues by file, then position, so output is stable and easy to scan. */
export function sortIssues(issues: readonly Issue[]): Issue[] {
  return [...issues].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.problem.localeCompare(b.problem),
  );
}

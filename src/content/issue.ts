/** A problem found in content or data, located as precisely as the source allows. */
export interface ContentIssue {
  /** Path of the file, relative to the project root, with forward slashes. */
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
export function sortIssues(issues: readonly ContentIssue[]): ContentIssue[] {
  return [...issues].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.problem.localeCompare(b.problem),
  );
}

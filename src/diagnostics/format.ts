import type { Issue } from './issue.ts';

/**
 * Formats an issue the way editors and terminals link to it:
 *   content/commitments/x.yaml:2:9 error member
 *     Unknown member "Frnace": ...
 *     Fix: Did you mean "France"? ...
 */
export function formatIssue(issue: Issue): string {
  const position = issue.line === undefined ? '' : `:${issue.line}:${issue.column ?? 1}`;
  const field = issue.field === undefined || issue.field === '' ? '' : ` ${issue.field}`;
  return `${issue.file}${position} ${issue.severity}${field}\n  ${issue.problem}\n  Fix: ${issue.fix}`;
}

export function formatIssues(issues: readonly Issue[]): string {
  return issues.map(formatIssue).join('\n\n');
}

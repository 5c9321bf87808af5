import { messages } from '../messages.ts';
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

/** The most problems printed at once: past that, a count of the rest (fixing the first ones usually clears many). */
export const maxPrintedIssues = 100;

/**
 * Formats issues in their order, at most `maxPrintedIssues` of them (errors before warnings
 * when some must be left out), then a count of those not shown.
 */
export function formatIssues(issues: readonly Issue[]): string {
  if (issues.length <= maxPrintedIssues) return issues.map(formatIssue).join('\n\n');
  const errors = issues.filter((issue) => issue.severity === 'error');
  const warnings = issues.filter((issue) => issue.severity !== 'error');
  const chosen = new Set([...errors, ...warnings].slice(0, maxPrintedIssues));
  const shown = issues.filter((issue) => chosen.has(issue));
  const hiddenErrors = errors.filter((issue) => !chosen.has(issue)).length;
  const hiddenWarnings = warnings.filter((issue) => !chosen.has(issue)).length;
  return `${shown.map(formatIssue).join('\n\n')}\n\n${messages.moreIssues(hiddenErrors, hiddenWarnings)}`;
}

/**
 * Diagnostics shared by every stage: the issue type and its order, how issues are printed,
 * "did you mean" suggestions, source positions, and the one error type for user mistakes.
 */
export { formatFieldPath, sortIssues, type Issue } from './issue.ts';
export { formatIssue, formatIssues, maxPrintedIssues } from './format.ts';
export { closest, editDistance } from './suggest.ts';
export { positionOfOffset, yamlLocator, type Locate, type Position } from './position.ts';
export { UserError, type ErrorPlace } from './user-error.ts';

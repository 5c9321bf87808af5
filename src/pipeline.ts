/**
 * The build, stage by stage, data flowing one way:
 *   content (load, validate) -> charts (spec + data -> SVG) -> pages (Astro) -> print (PDF)
 *   -> verify -> dist/ (replaced whole, or not at all).
 */
import { performance } from 'node:perf_hooks';
import { checkContent, type ContentCheck } from './content/index.ts';
import { formatIssues } from './content/report.ts';
import { messages } from './messages.ts';

const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** Stages 1-2 without building: every content and data problem, printed at once. */
export async function validate(root: string): Promise<ContentCheck> {
  return checkContent(root);
}

/** `npm run check`: prints every problem; true when there is no error. */
export async function runCheck(root: string): Promise<boolean> {
  const started = performance.now();
  const result = await validate(root);
  return report(result, performance.now() - started);
}

function report(result: ContentCheck, ms: number): boolean {
  const errors = result.issues.filter((issue) => issue.severity === 'error').length;
  const warnings = result.issues.length - errors;
  if (result.issues.length > 0) log(`${formatIssues(result.issues)}\n`);
  if (errors > 0) {
    log(messages.checkFailed(errors, warnings));
    return false;
  }
  if (warnings > 0) log(messages.checkWarnings(warnings));
  log(messages.checkPassed(result.files, Math.round(ms)));
  return true;
}

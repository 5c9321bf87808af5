/**
 * `npm run check`: the content validated (src/validate.ts) and every problem reported. Apart from
 * the build's stages, so that `check` and a build that fails on content load none of them
 * (Astro, the browser, image and search code: half a second to a second of start-up each time).
 */
import { performance } from 'node:perf_hooks';
import { translationSummary, type ContentCheck } from './content/index.ts';
import { formatIssues } from './diagnostics/index.ts';
import { messages } from './messages.ts';
import { validate } from './validate.ts';

const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** `npm run check`: prints every problem; true when there is no error. */
export async function runCheck(root: string): Promise<boolean> {
  const started = performance.now();
  const result = await validate(root);
  return reportCheck(result, performance.now() - started);
}

/** Prints a validation's problems, the translations' state and the verdict; true when there is no error. */
export function reportCheck(result: ContentCheck, ms: number): boolean {
  const errors = result.issues.filter((issue) => issue.severity === 'error').length;
  const warnings = result.issues.length - errors;
  if (result.issues.length > 0) log(`${formatIssues(result.issues)}\n`);
  const translations = translationSummary(result.translations);
  if (translations !== undefined) log(`${translations}\n`);
  if (errors > 0) {
    log(messages.checkFailed(errors, warnings));
    return false;
  }
  log(
    warnings > 0
      ? messages.checkWarningsOnly(result.files, warnings, Math.round(ms))
      : messages.checkPassed(result.files, Math.round(ms)),
  );
  return true;
}

import type { Issue } from '../diagnostics/index.ts';
import { sortIssues } from '../diagnostics/index.ts';
import { loadContent, type SiteContent } from './load.ts';
import { checkLinks } from './link-check.ts';
import { checkReferences } from './references.ts';
import { checkTranslations, type TranslationCheck } from './translation-check.ts';

export interface ContentCheck {
  content: SiteContent;
  /** Every problem found, errors and warnings, sorted by file and position. */
  issues: Issue[];
  /** How many content files were read. */
  files: number;
  /** How each sheet stands in each language (its problems are in `issues`). */
  translations: TranslationCheck;
}

/** The content stage: load, validate and cross-check everything under content/. */
export async function checkContent(root: string): Promise<ContentCheck> {
  const { content, issues, files } = await loadContent(root);
  issues.push(...checkReferences(content), ...checkLinks(content));
  const translations = await checkTranslations(root, content);
  issues.push(...translations.issues);
  return { content, issues: sortIssues(issues), files: files + translations.files, translations };
}

export type { Entry, SiteContent } from './load.ts';
export { translationSummary, type TranslationCheck } from './translation-check.ts';

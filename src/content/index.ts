import type { Issue } from '../diagnostics/index.ts';
import { sortIssues } from '../diagnostics/index.ts';
import { fontCoverageWarnings, loadCoveredCodePoints } from './font-coverage.ts';
import { loadContent, type SiteContent } from './load.ts';
import { checkLinks } from './link-check.ts';
import { checkPlaceholders } from './placeholders.ts';
import { linksLeavingProject } from './project-files.ts';
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
  issues.push(...checkReferences(content), ...checkLinks(content), ...checkPlaceholders(content));
  // Characters the embedded fonts cannot draw: warnings, the sheet still builds.
  const sources = [
    ...content.sheets,
    ...content.recommendations.values(),
    ...content.commitments.values(),
  ].map((entry) => entry.source);
  if (content.membersSource) sources.push(content.membersSource);
  await loadCoveredCodePoints(root);
  for (const source of sources) issues.push(...fontCoverageWarnings(source));
  // public/ is published as it is: no link out of the project may sit there.
  for (const { file, message } of await linksLeavingProject(root, 'public')) issues.push({ file, ...message, severity: 'error' });
  const translations = await checkTranslations(root, content);
  issues.push(...translations.issues);
  return { content, issues: sortIssues(issues), files: files + translations.files, translations };
}

export type { Entry, SiteContent } from './load.ts';
export { translationSummary, type TranslationCheck } from './translation-check.ts';

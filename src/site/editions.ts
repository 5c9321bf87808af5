/**
 * Editions: a sheet's `edition` date is its version. When a new edition is published
 * (`npm run new-edition`), the PDFs of the one it replaces are kept in git under
 * editions/<slug>/<YYYY-MM-DD>/, so every build, also from a clean clone, serves them at
 * their permanent address /policy-areas/<slug>/editions/<YYYY-MM-DD>/ and the sheet lists them.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { editionPath, formatDate, pdfFileName } from './paths.ts';

/** Where the PDFs of past editions are kept, in the project (and in git). */
export const EDITIONS_DIR = 'editions';

export interface PastEdition {
  /** YYYY-MM-DD. */
  date: string;
  /** The date as readers see it. */
  label: string;
  /** The edition's page in the language: "/policy-areas/<slug>/editions/<date>/" ("/es/policy-areas/..."). */
  pagePath: string;
  /** Its PDF in the language (a list: none when that edition was not published in it), with its file in the project and its site path. */
  pdfs: { fileName: string; source: string; path: string }[];
}

/** The folder of one archived edition in the project. */
export function editionDir(root: string, slug: string, date: string): string {
  return path.join(root, EDITIONS_DIR, slug, date);
}

/**
 * The past editions of a sheet in a language, newest first: archived dates before its current
 * edition that kept that language's PDF (ogp-<slug>-fact-sheet[-<lang>].pdf), each at its address in the language.
 */
export function pastEditions(root: string, slug: string, current: string, lang = 'en'): PastEdition[] {
  const dir = path.join(root, EDITIONS_DIR, slug);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((date) => /^\d{4}-\d{2}-\d{2}$/.test(date) && date < current)
    .sort((a, b) => (a < b ? 1 : -1))
    .map((date) => ({
      date,
      label: formatDate(date, lang),
      pagePath: editionPath(slug, date, lang),
      pdfs: readdirSync(path.join(dir, date))
        .filter((name) => name === pdfFileName(slug, lang))
        .map((fileName) => ({
          fileName,
          source: path.join(dir, date, fileName),
          path: `${editionPath(slug, date, lang)}${fileName}`,
        })),
    }))
    .filter((edition) => edition.pdfs.length > 0);
}

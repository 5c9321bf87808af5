/**
 * `npm run new-edition -- <slug> <YYYY-MM-DD>`: publishing a new edition of a sheet. Builds
 * the site as it is (so the PDFs are those of the current edition), copies the sheet's PDFs
 * into editions/<slug>/<current date>/ (kept in git: commit them with the change), then sets
 * the sheet's `edition:` to the new date. The next build serves the kept PDFs at
 * /policy-areas/<slug>/editions/<date>/ and lists them on the sheet.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { messages } from './messages.ts';
import { runBuild } from './pipeline.ts';
import { languages } from './i18n/index.ts';
import { pdfFileName, pdfPath, siteFile } from './site/paths.ts';
import { EDITIONS_DIR, editionDir } from './site/editions.ts';

const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

export async function startNewEdition(root: string, slug: string, date: string): Promise<boolean> {
  const t = messages.editions;
  const sheetFile = path.join(root, 'content', 'policy-areas', `${slug}.mdx`);
  if (slug === '' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    log(t.usage());
    return false;
  }
  if (!existsSync(sheetFile)) {
    log(t.noSheet(slug));
    return false;
  }
  const text = readFileSync(sheetFile, 'utf8');
  const current = /^edition:\s*['"]?(\d{4}-\d{2}-\d{2})['"]?\s*$/m.exec(text)?.[1];
  if (current === undefined) {
    log(t.noEditionField(`content/policy-areas/${slug}.mdx`));
    return false;
  }
  if (date <= current) {
    log(t.notLater(date, current));
    return false;
  }
  if (!(await runBuild(root))) return false;
  // The sheet's PDFs, in every language it was printed in (each under its language's folder of
  // the built site): ogp-<slug>-fact-sheet[-<lang>].pdf, kept side by side.
  const built = languages
    .map((lang) => ({ name: pdfFileName(slug, lang), file: path.join(root, 'dist', siteFile(pdfPath(slug, lang))) }))
    .filter((pdf) => existsSync(pdf.file));
  const pdfs = built.map((pdf) => pdf.name);
  const target = editionDir(root, slug, current);
  mkdirSync(target, { recursive: true });
  for (const pdf of built) copyFileSync(pdf.file, path.join(target, pdf.name));
  writeFileSync(sheetFile, text.replace(/^edition:.*$/m, `edition: ${date}`));
  log(
    t.started(
      slug,
      current,
      date,
      pdfs.map((name) => `${EDITIONS_DIR}/${slug}/${current}/${name}`),
    ),
  );
  return true;
}

/**
 * `npm run new-edition -- <slug> <YYYY-MM-DD>`: publishing a new edition of a sheet. Builds
 * the site as it is (so the PDFs are those of the current edition), copies the sheet's PDFs
 * into editions/<slug>/<current date>/ (kept in git: commit them with the change), then sets
 * the sheet's `edition:` to the new date. The next build serves the kept PDFs at
 * /policy-areas/<slug>/editions/<date>/ and lists them on the sheet.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { messages } from './messages.ts';
import { runBuild } from './pipeline.ts';
import { pdfFileName, sheetPath, siteFile } from './site/paths.ts';
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
  // The sheet's PDFs, in every language it was printed in: ogp-<slug>-fact-sheet[-<lang>].pdf.
  const built = path.join(root, 'dist', path.dirname(siteFile(sheetPath(slug))));
  const stem = pdfFileName(slug).replace(/\.pdf$/, '');
  const pdfs = readdirSync(built).filter((name) => name.startsWith(stem) && name.endsWith('.pdf'));
  const target = editionDir(root, slug, current);
  mkdirSync(target, { recursive: true });
  for (const name of pdfs) copyFileSync(path.join(built, name), path.join(target, name));
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

/**
 * Stage 5, verify: gates on the built output before it replaces dist/. This module checks
 * links: every internal href/src and #anchor in every HTML page (and url() in CSS) resolves
 * to a file or id in the site; external links are well-formed https:// URLs; resources come
 * from the site's own origin; PDF links are absolute https:// URLs that resolve when they
 * point at the site itself.
 */
import { sortIssues, type Issue } from '../diagnostics/index.ts';
import type { PdfLinks } from '../print/pdf-links.ts';
import { cssProblems, checkHtmlFile } from './html.ts';
import { checkPdfFile } from './pdf.ts';
import { checkInternal } from './links.ts';
import { BuiltSite } from './site.ts';

export { BuiltSite, listFiles, urlPathOf } from './site.ts';

/** What the print stage already knows about the site's PDFs. */
export interface VerifyOptions {
  /** The links of each PDF printed, by its path in the site ('policy-areas/x/x.pdf'). */
  pdfLinks?: ReadonlyMap<string, PdfLinks>;
}

/**
 * Checks every link in the site built into `siteDir`, whose public address is `site`
 * (astro.config.mjs `site`), served under the base path `base` (default: BASE_PATH).
 * Returns every problem, sorted by file and line; empty when all is well.
 */
export async function verifySite(
  siteDir: string,
  site: string,
  base?: string,
  options: VerifyOptions = {},
): Promise<Issue[]> {
  const built = new BuiltSite(siteDir, base);
  const origin = new URL(site);
  const problems: Issue[] = [];
  for (const file of built.files) {
    if (file.endsWith('.html')) problems.push(...checkHtmlFile(built, file, origin));
    else if (file.endsWith('.css')) {
      for (const found of cssProblems(built, file, built.read(file).toString('utf8'), origin))
        problems.push({ file, ...found, severity: 'error' });
    } else if (file.endsWith('.pdf'))
      problems.push(...(await checkPdfFile(built, file, origin, options.pdfLinks?.get(file))));
    else if (/\.(json|xml|txt|webmanifest)$/.test(file)) problems.push(...ownUrlProblems(built, file, origin));
  }
  return sortIssues(problems);
}

/** In the JSON index, sitemap and robots.txt: every absolute URL on the site's own origin resolves. */
function ownUrlProblems(built: BuiltSite, file: string, site: URL): Issue[] {
  const text = built.read(file).toString('utf8');
  const problems: Issue[] = [];
  const pattern = new RegExp(`${site.origin.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(/[^\\s"'<>)]*)?`, 'g');
  for (const match of text.matchAll(pattern)) {
    const found = checkInternal(built, match[0], new URL(match[0]), file);
    if (found !== undefined)
      problems.push({ file, line: text.slice(0, match.index).split('\n').length, ...found, severity: 'error' });
  }
  return problems;
}

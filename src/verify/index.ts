/**
 * Stage 5, verify: gates on the built output before it replaces dist/. This module checks
 * links: every internal href/src and #anchor in every HTML page (and url() in CSS) resolves
 * to a file or id in the site; external links are well-formed https:// URLs; resources come
 * from the site's own origin; PDF links are absolute https:// URLs that resolve when they
 * point at the site itself.
 */
import { sortIssues, type Issue } from '../diagnostics/index.ts';
import type { PdfLinks } from '../print/pdf-links.ts';
import { VerifyCache } from './cache.ts';
import { cssProblems, checkHtmlFile } from './html.ts';
import { checkPdfFile } from './pdf.ts';
import { checkInternal } from './links.ts';
import { BuiltSite } from './site.ts';

export { BuiltSite, listFiles, urlPathOf } from './site.ts';

/** What the print stage already knows about the site's PDFs, and the verify cache. */
export interface VerifyOptions {
  /** The links of each PDF printed, by its path in the site ('policy-areas/x/x.pdf'). */
  pdfLinks?: ReadonlyMap<string, PdfLinks>;
  /** The verify cache's folder (src/verify/cache.ts): only files whose check read something changed are checked. */
  cacheDir?: string | undefined;
  /** Filled with the files checked (not known unchanged from the cache). */
  checked?: string[];
  /**
   * Filled with the sha256 of each file the cache read for its bytes, by its path in the site: the
   * build's record takes them rather than reading and hashing those files again.
   */
  digests?: Map<string, string>;
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
  const cache = options.cacheDir === undefined ? undefined : await VerifyCache.open(options.cacheDir, built, site);
  // The files to check: those the cache knows no answer for.
  const toCheck = new Map<string, { input: string; links: PdfLinks | undefined }>();
  for (const file of built.files) {
    if (!/\.(html|css|pdf|json|xml|txt|webmanifest)$/.test(file)) continue;
    const links = file.endsWith('.pdf') ? options.pdfLinks?.get(file) : undefined;
    // What the check reads of the file itself: its bytes, or a printed PDF's links.
    const input = cache === undefined ? '' : links === undefined ? cache.contentHash(file) : JSON.stringify(links);
    const known = cache?.reuse(file, input);
    if (known !== undefined) problems.push(...known);
    else toCheck.set(file, { input, links });
  }
  options.checked?.push(...toCheck.keys());
  built.awaitingCheck = new Set([...toCheck.keys()].filter((file) => file.endsWith('.html')));
  const check = async (file: string): Promise<void> => {
    const { input, links } = toCheck.get(file) as { input: string; links: PdfLinks | undefined };
    toCheck.delete(file);
    built.awaitingCheck.delete(file);
    const recorder = cache?.record(file);
    const found = await checkFile(recorder?.view ?? built, file, origin, links);
    recorder?.finish(input, found);
    problems.push(...found);
  };
  for (const file of [...toCheck.keys()]) {
    if (!toCheck.has(file)) continue;
    await check(file);
    // A page a link parsed for its ids is checked now, with that parse: one parse a page, few held at once.
    for (let next = built.nextParsed(); next !== undefined; next = built.nextParsed()) await check(next);
  }
  await cache?.save().catch(() => undefined);
  for (const [file, digest] of cache?.readHashes() ?? []) options.digests?.set(file, digest);
  return sortIssues(problems);
}

/** Every problem in one file of the site. */
async function checkFile(built: BuiltSite, file: string, origin: URL, links: PdfLinks | undefined): Promise<Issue[]> {
  if (file.endsWith('.html')) return checkHtmlFile(built, file, origin);
  if (file.endsWith('.css')) {
    return cssProblems(built, file, built.read(file).toString('utf8'), origin).map((found) => ({
      file,
      ...found,
      severity: 'error' as const,
    }));
  }
  if (file.endsWith('.pdf')) return checkPdfFile(built, file, origin, links);
  return ownUrlProblems(built, file, origin);
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

/**
 * `npm run dev` only: the latest check's problems, for the browser. Each problem is tied to
 * the sheet pages that show its file (the sheet, its recommendations and commitments, its
 * charts' data), served as JSON at `problemsPath` and pushed to open pages on every check.
 * Built pages never see any of it: the overlay script is injected in dev only.
 */
import type { ViteDevServer } from 'vite';
import type { ContentCheck, SiteContent } from '../content/index.ts';
import { contentLayout } from '../content/load.ts';
import { messages } from '../messages.ts';
import { sheetPath, withBase } from '../site/paths.ts';
import { printPreviewPrefix, problemsEvent, problemsPath, type DevProblems } from './protocol.ts';

interface RawSheet {
  recommendations?: unknown;
  notableCommitments?: unknown;
  charts?: unknown;
}

/** The files whose content appears on each sheet page, by page path. */
function filesOnPages(content: SiteContent): Map<string, Set<string>> {
  const pages = new Map<string, Set<string>>();
  const sheets = [...content.sheets.map(({ id, source }) => ({ id, source })), ...content.invalidSheets];
  for (const { id, source } of sheets) {
    const data = (source.data ?? {}) as RawSheet;
    const files = new Set<string>([source.file]);
    if (typeof data.recommendations === 'string')
      files.add(`${contentLayout.recommendations.dir}/${data.recommendations}.yaml`);
    if (Array.isArray(data.notableCommitments)) {
      for (const commitment of data.notableCommitments) {
        if (typeof commitment === 'string') files.add(`${contentLayout.commitments.dir}/${commitment}.yaml`);
      }
    }
    if (Array.isArray(data.charts)) {
      for (const chart of data.charts as { data?: unknown }[])
        if (typeof chart?.data === 'string') files.add(`data/${chart.data}`);
    }
    pages.set(sheetPath(id), files);
  }
  return pages;
}

/** The problems of one check, each with the pages it shows on. */
export function devProblems(check: Pick<ContentCheck, 'content' | 'issues' | 'files'>): DevProblems {
  const pages = filesOnPages(check.content);
  const problems = check.issues.map((issue) => ({
    ...issue,
    pages: [...pages].filter(([, files]) => files.has(issue.file)).map(([page]) => page),
  }));
  const errors = check.issues.filter((issue) => issue.severity === 'error').length;
  const summary =
    check.issues.length === 0
      ? messages.checkPassed(check.files)
      : messages.devProblems(errors, check.issues.length - errors);
  const printPreviews = Object.fromEntries(
    [...check.content.sheets.map(({ id }) => id), ...check.content.invalidSheets.map(({ id }) => id)].map((id) => [
      sheetPath(id),
      withBase(`${printPreviewPrefix}${id}/`),
    ]),
  );
  return { problems, summary, printPreviews };
}

/** Serves the latest problems to pages, and pushes each new set to the pages open in the browser. */
export function serveProblems(server: ViteDevServer): (latest: DevProblems) => void {
  let current: DevProblems = { problems: [], summary: '', printPreviews: {} };
  server.middlewares.use((request, response, next) => {
    // Under the site's base path too (BASE_PATH): the page asks for <base>/__ogp/problems.json.
    if (!(request.url ?? '').split('?')[0]?.endsWith(problemsPath)) {
      next();
      return;
    }
    response.setHeader('content-type', 'application/json; charset=utf-8');
    response.setHeader('cache-control', 'no-store');
    response.end(JSON.stringify(current));
  });
  return (latest) => {
    current = latest;
    server.ws.send({ type: 'custom', event: problemsEvent, data: latest });
  };
}

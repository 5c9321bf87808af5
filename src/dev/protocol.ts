/** What the dev server and the page script of `npm run dev` share (no Node imports: it runs in the browser too). */
import type { Issue } from '../diagnostics/index.ts';

/** Where the page script fetches the problems when it loads. */
export const problemsPath = '/__ogp/problems.json';
/** The HMR event that carries them to open pages after every check. */
export const problemsEvent = 'ogp:problems';

/** Where the print previews are served, under the site's base path: <base>/__ogp/print/<slug>/. */
export const printPreviewPrefix = '/__ogp/print/';

export interface DevProblem extends Issue {
  /** Site paths of the sheet pages that show the problem's file. */
  pages: string[];
}

export interface DevProblems {
  problems: DevProblem[];
  /** The one-line summary the terminal prints too. */
  summary: string;
  /** Each sheet page's print preview, by page path. */
  printPreviews: Record<string, string>;
}

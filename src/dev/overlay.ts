/**
 * The problems panel of `npm run dev` (injected into every page by src/integration.ts in dev
 * only, never into a build): the check's errors and warnings for the content this page shows,
 * each with file:line:column, the problem and the fix, and a summary of the rest. It follows
 * every save: the dev server pushes each new check, and the panel goes when all is fixed.
 */
import { messages } from '../messages.ts';
import { problemsEvent, problemsPath, type DevProblem, type DevProblems } from './protocol.ts';

const hostId = 'ogp-dev-problems';
const printLinkId = 'ogp-dev-print-preview';

const styles = `
:host { all: initial; }
.panel { position: fixed; inset: auto 1rem 4.5rem auto; z-index: 2147483647; max-width: min(46rem, calc(100vw - 2rem));
  max-height: 70vh; overflow: auto; background: #fff; color: #1b1b1b; border: 3px solid #b3261e; border-radius: 6px;
  box-shadow: 0 6px 24px rgb(0 0 0 / 0.25); font: 15px/1.45 system-ui, sans-serif; }
.panel.warnings { border-color: #8a5a00; }
header { display: flex; gap: 1rem; align-items: center; justify-content: space-between; padding: 0.6rem 0.9rem;
  background: #b3261e; color: #fff; font-weight: 600; }
.warnings header { background: #8a5a00; }
header button { font: inherit; font-weight: 400; color: inherit; background: transparent; border: 1px solid currentColor;
  border-radius: 4px; padding: 0.1rem 0.6rem; cursor: pointer; }
.body { padding: 0.4rem 0.9rem 0.8rem; }
.body[hidden] { display: none; }
ol { list-style: none; margin: 0; padding: 0; }
li { padding: 0.5rem 0; border-bottom: 1px solid #ddd; }
li:last-child { border-bottom: 0; }
.where { font: 13px/1.4 ui-monospace, monospace; overflow-wrap: anywhere; }
.severity { font-weight: 700; text-transform: uppercase; font-size: 12px; margin-right: 0.4rem; }
.error .severity { color: #b3261e; }
.warning .severity { color: #8a5a00; }
.fix { margin: 0.15rem 0 0; }
.fix b { margin-right: 0.3rem; }
.note { margin: 0.5rem 0 0; color: #444; font-size: 13px; }
details { margin-top: 0.5rem; }
summary { cursor: pointer; font-weight: 600; }
@media print { .panel { display: none; } }
`;

let hidden = false;

/** One problem as the terminal prints it: where, what, and the fix. */
function item(problem: DevProblem): HTMLLIElement {
  const li = document.createElement('li');
  li.className = problem.severity;
  li.dataset['file'] = problem.file;
  const where = document.createElement('div');
  where.className = 'where';
  const severity = document.createElement('span');
  severity.className = 'severity';
  severity.textContent = problem.severity;
  const position = problem.line === undefined ? '' : `:${problem.line}:${problem.column ?? 1}`;
  where.append(severity, `${problem.file}${position}${problem.field ? ` ${problem.field}` : ''}`);
  const what = document.createElement('p');
  what.className = 'problem';
  what.style.margin = '0.15rem 0 0';
  what.textContent = problem.problem;
  const fix = document.createElement('p');
  fix.className = 'fix';
  const label = document.createElement('b');
  label.textContent = messages.dev.fixLabel();
  fix.append(label, problem.fix);
  li.append(where, what, fix);
  return li;
}

const list = (problems: readonly DevProblem[]): HTMLOListElement => {
  const ol = document.createElement('ol');
  ol.append(...problems.map(item));
  return ol;
};

/** On a sheet page: a small link to its print preview, in the corner. */
function renderPrintLink(latest: DevProblems): void {
  const preview = latest.printPreviews[decodeURI(location.pathname)];
  let link = document.getElementById(printLinkId);
  if (preview === undefined) {
    link?.remove();
    return;
  }
  if (link === null) {
    link = document.createElement('a');
    link.id = printLinkId;
    link.textContent = messages.dev.openPreview();
    link.setAttribute(
      'style',
      'position:fixed;left:1rem;bottom:4.5rem;z-index:2147483646;padding:.4rem .8rem;border-radius:4px;background:#0b5c75;color:#fff;font:600 14px/1.4 system-ui,sans-serif;text-decoration:none;box-shadow:0 2px 8px rgb(0 0 0/.3)',
    );
    document.body.append(link);
    // Never on paper: the print preview prints this page (and an editor may print it from the browser).
    if (document.getElementById(`${printLinkId}-print`) === null) {
      const noPrint = document.createElement('style');
      noPrint.id = `${printLinkId}-print`;
      noPrint.textContent = `@media print { #${printLinkId} { display: none !important; } }`;
      document.head.append(noPrint);
    }
  }
  link.setAttribute('href', preview);
}

/** Draws the panel for this page, or removes it when the content has no problem. */
function render(latest: DevProblems): void {
  renderPrintLink(latest);
  let host = document.getElementById(hostId);
  if (latest.problems.length === 0) {
    host?.remove();
    return;
  }
  if (host === null) {
    host = document.createElement('div');
    host.id = hostId;
    host.attachShadow({ mode: 'open' });
    document.body.append(host);
  }
  const root = host.shadowRoot as ShadowRoot;
  const page = decodeURI(location.pathname);
  const here = latest.problems.filter((problem) => problem.pages.includes(page));
  const elsewhere = latest.problems.filter((problem) => !problem.pages.includes(page));
  const errors = here.filter((problem) => problem.severity === 'error').length;
  const anyErrors = latest.problems.some((problem) => problem.severity === 'error');

  const panel = document.createElement('section');
  panel.className = `panel${anyErrors ? '' : ' warnings'}`;
  panel.setAttribute('role', 'region');
  panel.setAttribute('aria-label', messages.dev.panelLabel());
  const header = document.createElement('header');
  const title = document.createElement('span');
  title.setAttribute('role', 'status');
  title.textContent = here.length > 0 ? messages.dev.onThisPage(errors, here.length - errors) : latest.summary;
  const toggle = document.createElement('button');
  toggle.type = 'button';
  toggle.textContent = hidden ? messages.dev.show() : messages.dev.hide();
  header.append(title, toggle);
  const body = document.createElement('div');
  body.className = 'body';
  body.hidden = hidden;
  toggle.addEventListener('click', () => {
    hidden = !hidden;
    body.hidden = hidden;
    toggle.textContent = hidden ? messages.dev.show() : messages.dev.hide();
  });
  if (here.length > 0) body.append(list(here));
  if (elsewhere.length > 0) {
    const details = document.createElement('details');
    details.open = here.length === 0;
    const summary = document.createElement('summary');
    summary.textContent = messages.dev.elsewhere(elsewhere.length);
    details.append(summary, list(elsewhere));
    body.append(details);
  }
  const note = document.createElement('p');
  note.className = 'note';
  note.textContent = here.length > 0 ? messages.dev.stale() : latest.summary;
  body.append(note);
  panel.append(header, body);
  const style = document.createElement('style');
  style.textContent = styles;
  root.replaceChildren(style, panel);
}

// Each fetch and push is numbered: a fetch answered before a push but read after it (its body
// still arriving) must not replace the newer problems the push drew.
let requests = 0;
let shown = 0;

async function load(): Promise<void> {
  const request = ++requests;
  const response = await fetch(`${import.meta.env.BASE_URL.replace(/\/$/, '')}${problemsPath}`, { cache: 'no-store' });
  if (!response.ok) return;
  const latest = (await response.json()) as DevProblems;
  if (request < shown) return;
  shown = request;
  render(latest);
}

void load();
// Pushes sent while the socket was down (the dev server restarting) never arrive: ask again
// whenever it connects.
import.meta.hot?.on('vite:ws:connect', () => void load());
import.meta.hot?.on(problemsEvent, (latest: DevProblems) => {
  shown = ++requests;
  render(latest);
});

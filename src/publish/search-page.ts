/**
 * The search page's script (the site's only one): runs the reader's query against the
 * Pagefind index in /pagefind/ and lists the results as plain links. Words come from the
 * form's data attributes (messages.ts), so the script holds no reader-facing text.
 */

interface PagefindSubResult {
  title: string;
  url: string;
  excerpt: string;
}

interface PagefindData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  sub_results: PagefindSubResult[];
}

interface Pagefind {
  search(query: string): Promise<{ results: { data(): Promise<PagefindData> }[] } | null>;
}

const MAX_RESULTS = 20;
const MAX_PARTS = 3;

/** Pagefind's excerpt (escaped text with <mark>s) as nodes: text stays text, only <mark> is kept. */
function excerptNodes(excerpt: string): Node[] {
  const template = document.createElement('template');
  template.innerHTML = excerpt;
  return Array.from(template.content.childNodes).map((node) => {
    if (node.nodeName === 'MARK') {
      const mark = document.createElement('mark');
      mark.textContent = node.textContent;
      return mark;
    }
    return document.createTextNode(node.textContent ?? '');
  });
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  children: (Node | string)[] = [],
): HTMLElementTagNameMap[K] {
  const made = document.createElement(tag);
  if (className !== '') made.className = className;
  made.append(...children);
  return made;
}

function link(href: string, text: string): HTMLAnchorElement {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text;
  return a;
}

export function startSearch(): void {
  const form = document.querySelector<HTMLFormElement>('#search-form');
  const input = form?.querySelector<HTMLInputElement>('input[name="q"]');
  const status = document.querySelector<HTMLElement>('#search-status');
  const list = document.querySelector<HTMLOListElement>('#search-results');
  if (!form || !input || !status || !list) return;
  const words = form.dataset;
  let pagefind: Promise<Pagefind> | undefined;
  let latest = 0;

  const render = (data: PagefindData): HTMLLIElement => {
    const kind = data.meta['kind'] ?? 'page';
    const label =
      kind === 'recommendation'
        ? (words['kindRecommendation'] ?? '')
        : kind === 'commitment'
          ? (words['kindCommitment'] ?? '')
          : (words['kindPage'] ?? '');
    const item = element('li', 'search-result');
    const context = kind === 'page' ? label : `${label} · ${data.meta['sheet'] ?? ''}`;
    item.append(element('p', 'search-result__kind', [context]));
    item.append(element('h2', '', [link(data.url, data.meta['title'] ?? data.url)]));
    // A part shows its own words as on the page; a sheet shows Pagefind's excerpt around the match.
    const text = kind === 'page' ? excerptNodes(data.excerpt) : [data.meta['text'] ?? ''];
    item.append(element('p', 'search-result__excerpt', text));
    const parts = data.sub_results.filter((sub) => sub.url !== data.url).slice(0, MAX_PARTS);
    if (kind === 'page' && parts.length > 0) {
      item.append(
        element(
          'ul',
          'search-result__parts',
          parts.map((sub) => element('li', '', [link(sub.url, sub.title)])),
        ),
      );
    }
    return item;
  };

  const run = async (query: string): Promise<void> => {
    const run = ++latest;
    list.replaceChildren();
    if (query.trim() === '') {
      status.textContent = '';
      return;
    }
    status.textContent = words['loading'] ?? '';
    try {
      pagefind ??= import(/* @vite-ignore */ `${words['bundle'] ?? '/pagefind/'}pagefind.js`) as Promise<Pagefind>;
      const search = await (await pagefind).search(query);
      const found = await Promise.all((search?.results ?? []).slice(0, MAX_RESULTS).map((result) => result.data()));
      if (run !== latest) return;
      const count = search?.results.length ?? 0;
      const template = count === 0 ? words['none'] : count === 1 ? words['one'] : words['many'];
      status.textContent = (template ?? '').replace('%q', query).replace('%n', String(count));
      list.replaceChildren(...found.map(render));
    } catch {
      pagefind = undefined;
      if (run === latest) status.textContent = words['unavailable'] ?? '';
    }
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const url = new URL(location.href);
    url.searchParams.set('q', input.value);
    history.replaceState(null, '', url);
    void run(input.value);
  });
  const initial = new URLSearchParams(location.search).get('q');
  if (initial !== null) {
    input.value = initial;
    void run(initial);
  }
}

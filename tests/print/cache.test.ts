/**
 * The print cache reprints a PDF exactly when something it is printed from changed: the
 * page, a stylesheet or a font it loaded (even under the same name), the job, the browser's
 * version; a damaged entry is a miss. And the pool restarts a crashed browser once, and prints
 * first in the page made ahead (SharedBrowser.preparePrint), an edit's social card drawn in that
 * page first giving the same PNG and the same PDF after it.
 */
import {
  appendFileSync,
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { messages } from '../../src/messages.ts';
import { chromium, type Browser, type Page } from 'playwright-core';
import { BROWSER_ARGS } from '../../src/print/browser.ts';
import { UserError } from '../../src/diagnostics/index.ts';
import {
  CONTEXT_OPTIONS,
  findBrowser,
  printSheets,
  sharedBrowser as buildBrowser,
  type PrintJob,
} from '../../src/print/index.ts';
import { drawCardsAhead, renderImages, type SocialCardJob } from '../../src/publish/images.ts';
import { projectRoot } from '../helpers/fixture.ts';
import { runPool } from '../../src/print/pool.ts';
import { fixtureSite, job, sharedBrowser } from './helpers.ts';

describe('the print cache', () => {
  const site = fixtureSite('print-draft');
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'print-cache-'));
  const wrapperDir = mkdtempSync(path.join(tmpdir(), 'chromium-stand-in-'));
  afterAll(() => {
    for (const dir of [site, cacheDir, wrapperDir]) rmSync(dir, { recursive: true, force: true });
  });
  const jobs = [job({ slug: 'draft-sheet', draft: true })];
  // Every print of the cache's tests in one browser (a connection each). What makes a print a miss
  // is its key (the browser's version is read from the executable, see the next test), not the browser.
  const launch = sharedBrowser();
  const pdfFile = path.join(site, jobs[0]?.pdfPath ?? '');
  const print = async (list: PrintJob[] = jobs): Promise<{ cached: boolean; pdf: Buffer }> => {
    const [result] = await printSheets({ siteDir: site, jobs: list, cacheDir, launch });
    return { cached: result?.cached === true, pdf: readFileSync(pdfFile) };
  };

  it('prints once, then copies the same bytes from the cache until an input changes', async () => {
    const first = await print();
    expect(first.cached).toBe(false);
    const again = await print();
    expect(again.cached).toBe(true);
    expect(again.pdf.equals(first.pdf)).toBe(true);

    // The job (its footer's title): printed again.
    expect((await print([{ ...jobs[0], title: 'Another title' } as PrintJob])).cached).toBe(false);
    expect((await print()).cached).toBe(true);

    // A stylesheet the page loads, changed under the same name (the HTML is unchanged).
    const css = path.join(site, 'fonts.css');
    const original = readFileSync(css);
    appendFileSync(css, '\nh1 { letter-spacing: 0.02em; }\n');
    const restyled = await print();
    expect(restyled.cached).toBe(false);
    expect(restyled.pdf.equals(first.pdf)).toBe(false);
    writeFileSync(css, original);
    // Back as it was: printed again (the entry now holds the restyled print), the first bytes again.
    const restored = await print();
    expect(restored.cached).toBe(false);
    expect(restored.pdf.equals(first.pdf)).toBe(true);

    // A font file it loaded, other bytes under the same name.
    const font = path.join(site, 'fonts/source-sans-3-latin-400-normal.woff2');
    copyFileSync(path.join(site, 'fonts/source-sans-3-latin-700-normal.woff2'), font);
    expect((await print()).cached).toBe(false);

    // A damaged entry is a miss, never an error: the PDF is printed again, correctly.
    const before = await print();
    expect(before.cached).toBe(true);
    for (const name of readdirSync(cacheDir)) {
      if (name.endsWith('.pdf')) writeFileSync(path.join(cacheDir, name), 'not a pdf');
    }
    const repaired = await print();
    expect(repaired.cached).toBe(false);
    expect(repaired.pdf.equals(before.pdf)).toBe(true);
  }, 300_000);

  it('prints again with another browser version', async () => {
    expect((await print()).cached).toBe(true);
    // A stand-in for an upgraded Chromium: the same browser, reporting another version.
    const wrapper = path.join(wrapperDir, 'chromium');
    writeFileSync(
      wrapper,
      `#!/bin/sh\nif [ "$1" = "--version" ]; then echo "Chromium 999.0.0.0"; exit 0; fi\nexec "${findBrowser()}" "$@"\n`,
    );
    chmodSync(wrapper, 0o755);
    const saved = process.env['CHROME_PATH'];
    process.env['CHROME_PATH'] = wrapper;
    try {
      expect((await print()).cached).toBe(false);
      expect((await print()).cached).toBe(true);
    } finally {
      if (saved === undefined) delete process.env['CHROME_PATH'];
      else process.env['CHROME_PATH'] = saved;
    }
  }, 300_000);
});

/** A browser this test can kill: launched as a server, its process known. */
async function killableBrowser(): Promise<{ browser: Browser; kill: () => void }> {
  const server = await chromium.launchServer({
    executablePath: findBrowser(),
    args: [...BROWSER_ARGS],
    headless: true,
  });
  const browser = await chromium.connect(server.wsEndpoint());
  browser.on('disconnected', () => void server.close().catch(() => undefined));
  return { browser, kill: () => server.process().kill('SIGKILL') };
}

describe('the print pool', () => {
  it('prints first in a page its context came with', async () => {
    const browser = await killableBrowser();
    const context = await browser.browser.newContext();
    const ahead = await context.newPage();
    const used: Page[] = [];
    await runPool(
      ['a', 'b'],
      async (page, name) => {
        used.push(page);
        return name;
      },
      { size: 1, launch: async () => browser.browser, newContext: async () => context, name: (name) => name },
    );
    expect(used[0]).toBe(ahead);
  }, 120_000);

  it("prints in the context and page the build's browser made ahead, the same bytes", async () => {
    const site = fixtureSite('print-draft');
    // Two projects' image caches (the fonts are the project's): a card drawn in the print's page, and in a page of its own.
    const roots = ['lent', 'own'].map((name) => {
      const root = mkdtempSync(path.join(tmpdir(), `print-ahead-${name}-`));
      writeFileSync(path.join(root, 'package.json'), readFileSync(path.join(projectRoot, 'package.json')));
      symlinkSync(path.join(projectRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
      mkdirSync(path.join(root, 'site'));
      return root;
    });
    const [lent = '', own = ''] = roots;
    const cards: SocialCardJob[] = [
      {
        file: 'card.png',
        card: {
          lang: 'fr',
          title: 'Justice ouverte : œuvre commune à Łódź',
          area: 'Justice ouverte',
          edition: '28 novembre 2026',
          figure: { value: '1 204', label: 'engagements, 2011–2020', illustrative: true },
        },
      },
    ];
    const cached = (root: string): Buffer[] =>
      readdirSync(path.join(root, '.cache/images'))
        .filter((name) => name.endsWith('.png'))
        .map((name) => readFileSync(path.join(root, '.cache/images', name)));
    try {
      const jobs = [job({ slug: 'draft-sheet', draft: true })];
      const pdf = path.join(site, jobs[0]?.pdfPath ?? '');
      await printSheets({ siteDir: site, jobs });
      const fresh = readFileSync(pdf);
      rmSync(pdf);
      const shared = buildBrowser();
      shared.preparePrint();
      const browser = await shared.get();
      await expect.poll(() => browser.contexts()[0]?.pages().length, { timeout: 60_000 }).toBe(1);
      const [ahead] = browser.contexts()[0]?.pages() ?? [];
      // An edit's card drawn in that page first (src/pipeline.ts): the page given back as the print's.
      const drawn = await drawCardsAhead({ root: lent, cards, browser: shared.get, page: shared.printPage, most: 8 });
      expect(drawn).toEqual(['card.png']);
      expect(browser.contexts()).toHaveLength(1);
      expect(ahead?.isClosed()).toBe(false);
      expect(ahead?.viewportSize()).toEqual(CONTEXT_OPTIONS.viewport);
      expect(await ahead?.title()).toBe('');
      expect(await ahead?.textContent('h1')).toBe(cards[0]?.card.title);
      let requests = 0;
      ahead?.on('request', () => requests++);
      await printSheets({ siteDir: site, jobs, launch: shared.launch });
      expect(requests).toBeGreaterThan(0);
      expect(readFileSync(pdf).equals(fresh)).toBe(true);
      await shared.close();
      // The card is the PNG the images stage draws in a page of its own.
      await renderImages({ root: own, siteDir: path.join(own, 'site'), charts: [], cards });
      const [mine, theirs] = [cached(lent), cached(own)];
      expect(mine).toHaveLength(1);
      expect(theirs).toHaveLength(1);
      expect(mine[0]?.equals(theirs[0] as Buffer)).toBe(true);
    } finally {
      for (const dir of [site, ...roots]) rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('restarts a crashed browser once and tries the sheet it was printing again', async () => {
    let launches = 0;
    let kill = (): void => undefined;
    const crashOnce = new Set(['b']);
    const done = await runPool(
      ['a', 'b', 'c'],
      async (page, name) => {
        if (crashOnce.delete(name)) kill();
        await page.setContent(`<p>${name}</p>`);
        return `${name}: ${await page.textContent('p')}`;
      },
      {
        size: 1,
        launch: async () => {
          launches++;
          const launched = await killableBrowser();
          kill = launched.kill;
          return launched.browser;
        },
        newContext: (browser) => browser.newContext(),
        name: (name) => name,
      },
    );
    expect(done).toEqual(['a: a', 'b: b', 'c: c']);
    expect(launches).toBe(2);
  }, 120_000);

  it('gives up, naming the sheet, when the browser crashes again', async () => {
    let kill = (): void => undefined;
    const run = runPool(
      ['a', 'b'],
      async (page, name) => {
        if (name === 'b') kill();
        await page.setContent(`<p>${name}</p>`);
        return name;
      },
      {
        size: 1,
        launch: async () => {
          const launched = await killableBrowser();
          kill = launched.kill;
          return launched.browser;
        },
        newContext: (browser) => browser.newContext(),
        name: (name) => name,
      },
    );
    await expect(run).rejects.toThrow(UserError);
    await expect(run).rejects.toThrow(messages.print.browserCrashed('b').problem);
  }, 120_000);
});

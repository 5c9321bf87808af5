/**
 * Errors where the editor looks: `npm run dev` shows the check's problems on the page that
 * shows the broken content, follows each save, and the built site never carries the panel.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reloadGraceMs } from '../../src/dev/print-preview.ts';
import { problemsPath } from '../../src/dev/protocol.ts';
import { messages } from '../../src/messages.ts';
import { launchBrowser } from '../../src/print/index.ts';
import { listFiles } from '../../src/verify/index.ts';
import { siteDir } from '../quality/helpers.ts';
import { devProjectCopy, startDevServer, type DevServer } from './helpers.ts';

const commitment = 'content/commitments/france-2018-ai-lab.yaml';
/**
 * Runs `step` on the page, again after a reload: Vite reloads a dev page once when it has
 * optimised new dependencies, which ends whatever was evaluating in it.
 */
async function onPage<T>(page: Page, step: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (attempt >= 5 || !/context was destroyed|navigat/i.test(String(error))) throw error;
      await page.waitForLoadState('load');
    }
  }
}

const panelText = (page: Page): Promise<string> =>
  onPage(page, () => page.evaluate(() => document.getElementById('ogp-dev-problems')?.shadowRoot?.textContent ?? ''));

/**
 * The panel's text once it contains every one of `parts`, read in the same evaluation as the
 * wait: Astro reloads the page after a content change, so a separate read can land on a page
 * whose panel has not rendered yet.
 */
const panelContaining = (page: Page, parts: string[], timeout: number): Promise<string> =>
  onPage(page, async () => {
    const handle = await page.waitForFunction(
      (wanted) => {
        const text = document.getElementById('ogp-dev-problems')?.shadowRoot?.textContent ?? '';
        return wanted.every((part) => text.includes(part)) ? text : false;
      },
      parts,
      { timeout },
    );
    return (await handle.jsonValue()) as string;
  });

async function pdfText(pdf: Uint8Array): Promise<string> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({ data: pdf, verbosity: 0 });
  const document = await task.promise;
  let text = '';
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent();
    text += content.items.map((item) => ('str' in item ? item.str : '')).join(' ');
  }
  await task.destroy();
  return text.replace(/\s+/g, ' ');
}

async function firstCheck(origin: string): Promise<void> {
  for (let tries = 0; tries < 600; tries++) {
    const latest = (await (await fetch(origin + problemsPath)).json()) as { summary: string };
    if (latest.summary !== '') return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the dev server never ran its first check');
}

/**
 * The text of the PDF the open preview `page` shows, once it contains `words`. Each print reloads
 * the preview with the next version; a print already under way when the file was saved shows the
 * old words, and the one after it the new.
 */
async function previewShowing(page: Page, preview: string, words: string, output: () => string): Promise<string> {
  const version = (): Promise<number> =>
    onPage(page, async () => Number(await page.locator('.state').getAttribute('data-version')));
  let shown = await version();
  let text = await pdfText(new Uint8Array(await (await page.request.get(`${preview}sheet.pdf`)).body()));
  for (let prints = 0; prints < 5 && !text.includes(words); prints++) {
    const after = shown;
    await onPage(page, () =>
      page.waitForFunction(
        (seen) => Number(document.querySelector('.state')?.getAttribute('data-version')) > seen,
        after,
        { timeout: 300_000 },
      ),
    ).catch(async (error: unknown) => {
      // What the preview and the dev server showed when no new print came: the cause, in CI's log.
      const header = await page
        .locator('header, .error')
        .allTextContents()
        .catch((reason: unknown) => [String(reason)]);
      const server = await (await fetch(`${preview}version`)).text();
      throw new Error(
        `${String(error)}\npreview: ${header.join(' | ')}\nshown: print ${after}, server (last print.prints ended): ${server}, text: ${text.slice(0, 300)}\ndev server:\n${output()}`,
      );
    });
    shown = await version();
    text = await pdfText(new Uint8Array(await (await page.request.get(`${preview}sheet.pdf`)).body()));
  }
  return text;
}

/** How many content checks the dev server has reported in its output (passed, or with problems). */
const checksReported = (output: string): number => {
  const passed = messages.checkPassed(0).replace(/^Checked 0/, '');
  const problems = messages.devProblems(0, 0).replace(/^0 errors and 0 warnings/, '');
  return output.split(passed).length - 1 + output.split(problems).length - 1;
};

describe('npm run dev shows content problems in the browser', () => {
  const project = devProjectCopy();
  let server: DevServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startDevServer(project.root);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    project.dispose();
  });

  it('on the page that shows the broken file, until the fix is saved', async () => {
    if (server === undefined || browser === undefined) throw new Error('not started');
    const page = await browser.newPage();
    const logs: string[] = [];
    page.on('console', (message) => logs.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => logs.push(`pageerror: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400) logs.push(`${response.status()} ${response.url()}`);
    });
    // The first check runs when the server starts: a valid project shows no panel.
    await firstCheck(server.origin);
    // Astro syncs the content after the server answers: until then the sheet is a 404.
    for (let tries = 0; ; tries++) {
      const response = await page.goto(`${server.origin}/policy-areas/digital-governance/`);
      if (response?.ok() === true) break;
      if (tries > 240) throw new Error(`the sheet page never loaded:\n${server.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await page.waitForLoadState('networkidle');
    expect(await panelText(page)).toBe('');

    const file = path.join(project.root, commitment);
    const valid = readFileSync(file, 'utf8');
    writeFileSync(file, valid.replace(/^member: France$/m, 'member: Frnace'));
    const expected = messages.unknownReference('member', 'Frnace', 'content/members.yaml', 'France');
    const text = await panelContaining(page, [expected.problem], 60_000).catch(async (error: unknown) => {
      const latest = await (await fetch(server?.origin + problemsPath)).text();
      const shown = await panelText(page).catch((reason: unknown) => String(reason));
      throw new Error(
        `${String(error)}\npanel: ${JSON.stringify(shown)} at ${page.url()}\nproblems: ${latest}\nconsole: ${logs.join('\n')}\ndev server:\n${server?.output()}`,
      );
    });
    // The page's own policy lets the dev server's scripts run (the toolbar's inline config too).
    expect(logs.filter((line) => line.includes('Content Security Policy'))).toEqual([]);
    expect(text).toContain(`${commitment}:1:9 member`);
    expect(text).toContain(expected.fix);
    expect(text).toContain(messages.dev.onThisPage(1, 0));

    // Every other page carries the summary only.
    const home = await browser.newPage();
    await home.goto(`${server.origin}/`);
    // Fails by timing out if the summary never shows.
    await panelContaining(home, [messages.dev.elsewhere(1)], 30_000);

    writeFileSync(file, valid);
    // Once the server's latest check is clean, a panel still shown is one that was not cleared.
    for (let tries = 0; ; tries++) {
      const latest = (await (await fetch(server.origin + problemsPath)).json()) as { problems: unknown[] };
      if (latest.problems.length === 0) break;
      if (tries > 240) throw new Error(`the fix was never checked:\n${server.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await onPage(page, () =>
      page.waitForFunction(() => document.getElementById('ogp-dev-problems') === null, undefined, {
        timeout: 60_000,
      }),
    );
    await onPage(home, () =>
      home.waitForFunction(() => document.getElementById('ogp-dev-problems') === null, undefined, {
        timeout: 60_000,
      }),
    );
    await home.close();
    await page.close();
  });

  it('previews the A4 pages as the PDF prints them, and prints again after a save', async () => {
    if (server === undefined || browser === undefined) throw new Error('not started');
    const preview = `${server.origin}/__ogp/print/digital-governance/`;
    const page = await browser.newPage();
    await page.goto(preview, { timeout: 300_000 });
    const budget = page.locator('.budget');
    const printError = (await page.locator('.error').allTextContents()).join(' ');
    expect(await budget.getAttribute('data-pages'), printError).toBe('2');
    expect(await budget.textContent()).toBe(messages.devPrint.budget(2, 2));
    expect(await page.locator('main img').count()).toBe(2);
    // The layout the build's automatic fitting chooses, and the layout report's findings.
    const findings = page.locator('.findings');
    const variant = (await findings.getAttribute('data-variant')) ?? '';
    const count = Number(await findings.getAttribute('data-findings'));
    expect(await findings.locator('p').textContent()).toBe(messages.devPrint.layout(variant, count));
    expect(await findings.locator('li').count()).toBe(count);
    const image = await page.request.get(`${preview}page-1.png`);
    expect(image.headers()['content-type']).toBe('image/png');

    // A save reprints while the preview is open: the new words are in the PDF it shows.
    const file = path.join(project.root, 'content/policy-areas/digital-governance.mdx');
    const before = readFileSync(file, 'utf8');
    writeFileSync(file, before.replace('Surveillance during the pandemic', 'Surveillance during the emergency'));
    const text = await previewShowing(page, preview, 'Surveillance during the emergency', () => server?.output() ?? '');
    expect(text).toContain('Surveillance during the emergency');
    // The dev page's own link to the preview is not printed on the sheet (it covered a column's foot).
    expect(text).not.toContain('Print preview');
    expect(await page.locator('.state').getAttribute('data-ms')).toMatch(/^\d+$/);

    // An edit to the print stylesheet reprints too: the dev server's own refresh starts it.
    const css = path.join(project.root, 'src/styles/print.css');
    const printedBefore = Number(await page.locator('.state').getAttribute('data-version'));
    writeFileSync(css, `${readFileSync(css, 'utf8')}\n/* saved in the editor */\n`);
    await onPage(page, () =>
      page.waitForFunction(
        (seen) => Number(document.querySelector('.state')?.getAttribute('data-version')) > seen,
        printedBefore,
        { timeout: 300_000 },
      ),
    );
    await page.close();
  }, 900_000);

  it('prints the saves made while no preview was open when one opens again', async () => {
    if (server === undefined || browser === undefined) throw new Error('not started');
    const preview = `${server.origin}/__ogp/print/digital-governance/`;
    // The preview of the test above has closed: past the grace a reloading preview has, a save
    // no longer reprints this sheet, and the next preview opened must not show the old print.
    await new Promise((resolve) => setTimeout(resolve, reloadGraceMs + 1000));
    const file = path.join(project.root, 'content/policy-areas/digital-governance.mdx');
    const checks = checksReported(server.output());
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('Surveillance during the emergency', 'Surveillance in the crisis'),
    );
    for (let tries = 0; checksReported(server.output()) === checks; tries++) {
      if (tries > 1200) throw new Error(`the save was never checked:\n${server.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const page = await browser.newPage();
    await page.goto(preview, { timeout: 300_000 });
    const text = await previewShowing(page, preview, 'Surveillance in the crisis', () => server?.output() ?? '');
    expect(text).toContain('Surveillance in the crisis');
    await page.close();
  }, 900_000);

  it('shows a print that failed, on the preview and in the terminal, and prints again after the fix', async () => {
    if (server === undefined || browser === undefined) throw new Error('not started');
    const preview = `${server.origin}/__ogp/print/digital-governance/`;
    const page = await browser.newPage();
    await page.goto(preview, { timeout: 300_000 });
    expect(await page.locator('.error').count()).toBe(0);
    // A component that throws: the sheet page answers an error, which no retry would mend.
    const component = path.join(project.root, 'src/components/KeyTakeaways.astro');
    const working = readFileSync(component, 'utf8');
    writeFileSync(component, working.replace(/^---\n/, "---\nthrow new Error('broken on purpose');\n"));
    const problem = messages.print.pageFailed(
      'digital-governance',
      '/policy-areas/digital-governance/',
      'answered 500',
    ).problem;
    const shown = messages.devPrint.failed(problem);
    // The preview reloads to show it (its token counts failed prints too), by event or by its poll.
    await onPage(page, () =>
      page.waitForFunction((text) => document.querySelector('.error')?.textContent === text, shown, {
        timeout: 300_000,
      }),
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\ndev server:\n${server?.output() ?? ''}`);
    });
    expect(server.output()).toContain(messages.devPrint.failedInTerminal('digital-governance', problem, false));
    // The failure is shown, not printed again and again: the preview reloads to show each failed
    // print (and a reload after a failure prints once more), and the prints come to an end.
    const version = async (): Promise<string> => (await fetch(`${preview}version`)).text();
    for (let waited = 0, before = await version(); ; waited += 5000) {
      await new Promise((resolve) => setTimeout(resolve, 5000));
      const now = await version();
      if (now === before) break;
      if (waited > 60_000) throw new Error(`the preview printed the failing sheet again and again (now ${now})`);
      before = now;
    }

    writeFileSync(component, working);
    await onPage(page, () =>
      page.waitForFunction(
        () =>
          document.querySelector('.error') === null &&
          document.querySelector('.budget')?.getAttribute('data-pages') === '2',
        undefined,
        { timeout: 300_000 },
      ),
    );
    await page.close();
  }, 900_000);
});

describe('the built site', () => {
  it('carries no trace of the dev problems panel', () => {
    const files = listFiles(siteDir).filter((file) => /\.(html|js)$/.test(file));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const text = readFileSync(path.join(siteDir, file), 'utf8');
      expect(text, file).not.toContain(problemsPath);
      expect(text, file).not.toContain('ogp-dev-problems');
    }
  });
});

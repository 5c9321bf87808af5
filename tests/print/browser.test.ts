/**
 * The browser (src/print/browser.ts): Chromium's headless shell is looked for first and prints
 * the sheets byte for byte as the full Chromium does; the features Playwright disables stay
 * disabled (Chromium takes the last --disable-features whole), and a browser context opens no
 * renderer process for the omnibox's popup. The print's shell draws frames only on demand
 * (src/print/frames.ts): the same PDFs, and a screenshot sent its frames is the usual one.
 */
import { accessSync, constants, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { BROWSER_ARGS, DISABLED_FEATURES, browserCandidates } from '../../src/print/browser.ts';
import { FRAMES_ON_DEMAND_ARGS, withFrames } from '../../src/print/frames.ts';
import { launchBrowser, printSheets } from '../../src/print/index.ts';
import { projectRoot } from '../helpers/fixture.ts';
import { job } from './helpers.ts';

/** The --disable-features Playwright itself passes (its server's defaultArgs: not public API, read only here). */
async function playwrightDisabled(): Promise<string[]> {
  const core = createRequire(import.meta.url)('playwright-core/lib/coreBundle') as {
    server: {
      createPlaywright(options: { sdkLanguage: string }): {
        chromium: { defaultArgs(options: object, persistent: boolean, dir: string): Promise<string[]> };
      };
    };
  };
  const args = await core.server
    .createPlaywright({ sdkLanguage: 'javascript' })
    .chromium.defaultArgs({ args: [], headless: true }, false, '/nonexistent');
  const switches = args.filter((arg) => arg.startsWith('--disable-features='));
  expect(switches).toHaveLength(1);
  return (switches[0] ?? '').slice('--disable-features='.length).split(',');
}

const installed = (file: string): boolean => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};
const candidates = browserCandidates('linux', { PATH: '/usr/bin' });
const headlessShell = candidates.find((file) => file.includes('headless-shell') && installed(file));
const fullBrowser = candidates.find((file) => !file.includes('headless-shell') && installed(file));

describe("the browser's launch flags", () => {
  let browser: Browser;
  beforeAll(async () => {
    // The full Chromium where it is installed: the headless shell has no omnibox to open.
    browser =
      fullBrowser === undefined
        ? await launchBrowser()
        : await chromium.launch({ executablePath: fullBrowser, args: [...BROWSER_ARGS], headless: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("repeat Playwright's disabled features in the one --disable-features given last", async () => {
    expect(DISABLED_FEATURES).toEqual(expect.arrayContaining(await playwrightDisabled()));
    const switches = BROWSER_ARGS.filter((arg) => arg.startsWith('--disable-features='));
    expect(switches).toEqual([`--disable-features=${DISABLED_FEATURES.join(',')}`]);
  });

  it("open no page for the omnibox's popup in a context", async () => {
    const context = await browser.newContext();
    try {
      await context.newPage();
      const session = await browser.newBrowserCDPSession();
      const { targetInfos } = (await session.send('Target.getTargets')) as {
        targetInfos: { type: string; url: string }[];
      };
      expect(targetInfos.map((target) => target.url)).toContain('about:blank');
      expect(targetInfos.filter((target) => target.url.includes('omnibox'))).toEqual([]);
      await session.detach();
    } finally {
      await context.close();
    }
  });
});

describe('the browser looked for on Linux', () => {
  it("is Chromium's headless shell first, then the full browsers", () => {
    expect(candidates[0]).toBe('/usr/lib/chromium/chromium-headless-shell');
    const shell = candidates.indexOf('/usr/bin/chromium-headless-shell');
    expect(shell).toBeGreaterThan(0);
    expect(shell).toBeLessThan(candidates.indexOf('/usr/bin/chromium'));
    expect(shell).toBeLessThan(candidates.indexOf('/usr/bin/google-chrome'));
  });

  // Where both are installed (scripts/setup.sh installs both on Debian): the same PDFs.
  it.skipIf(headlessShell === undefined || fullBrowser === undefined || process.platform !== 'linux')(
    'prints the reference sheet in its three languages with the headless shell as with the full Chromium, byte for byte',
    async () => {
      const slug = 'digital-governance';
      const jobs = ['en', 'es', 'fr'].map((lang) =>
        job({
          slug,
          lang,
          pagePath: `${lang === 'en' ? '' : `/${lang}`}/policy-areas/${slug}/`,
          pdfPath: `${lang === 'en' ? '' : `${lang}/`}policy-areas/${slug}/browser-test.pdf`,
        }),
      );
      // Each launched as the print launches it: frames on demand (the full browser ignores the switches).
      const printed = async (executablePath: string): Promise<Buffer[]> => {
        const site = mkdtempSync(path.join(tmpdir(), 'print-browser-'));
        try {
          cpSync(path.join(projectRoot, 'dist'), site, { recursive: true });
          const launch = (): Promise<Browser> =>
            chromium.launch({ executablePath, args: [...BROWSER_ARGS, ...FRAMES_ON_DEMAND_ARGS], headless: true });
          await printSheets({ siteDir: site, jobs, launch });
          return jobs.map((j) => readFileSync(path.join(site, j.pdfPath)));
        } finally {
          rmSync(site, { recursive: true, force: true });
        }
      };
      const [shell, full] = [await printed(headlessShell ?? ''), await printed(fullBrowser ?? '')];
      for (const [i, pdf] of shell.entries()) {
        expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        expect(pdf.equals(full[i] ?? Buffer.alloc(0)), jobs[i]?.pdfPath).toBe(true);
      }
    },
    300_000,
  );
});

describe.skipIf(headlessShell === undefined || process.platform !== 'linux')('frames on demand', () => {
  const html = `<body style="margin:0"><div style="width:240px;height:120px;background:linear-gradient(#c00,#00c)">
    <p style="font:600 20px sans-serif;color:#fff">Transparencia · Données</p></div></body>`;
  /** A screenshot of `html` in a fresh page of `browser`, and whether that page could be sent a frame. */
  const shoot = async (browser: Browser): Promise<{ png: Buffer; frameSent: boolean }> => {
    const context = await browser.newContext({ viewport: { width: 320, height: 200 }, deviceScaleFactor: 2 });
    try {
      const page = await context.newPage();
      await page.setContent(html);
      const session = await context.newCDPSession(page);
      const frameSent = await session.send('HeadlessExperimental.beginFrame', {}).then(
        () => true,
        () => false,
      );
      const png = await withFrames(page, session, () => page.screenshot({ type: 'png' }));
      return { png, frameSent };
    } finally {
      await context.close();
    }
  };

  it("are the print's (its shell is sent frames); its screenshots, sent theirs, are the usual ones", async () => {
    const usual = await launchBrowser();
    const print = await launchBrowser({ framesOnDemand: true });
    try {
      const [a, b] = [await shoot(usual), await shoot(print)];
      // A browser that draws its own frames takes none from the protocol.
      expect(a.frameSent).toBe(false);
      expect(b.frameSent).toBe(true);
      expect(b.png.equals(a.png)).toBe(true);
    } finally {
      await usual.close();
      await print.close();
    }
  });
});

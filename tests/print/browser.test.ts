/**
 * The browser's launch flags (src/print/browser.ts): the features Playwright disables stay
 * disabled (Chromium takes the last --disable-features whole), and a browser context opens no
 * renderer process for the omnibox's popup.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { BROWSER_ARGS, DISABLED_FEATURES } from '../../src/print/browser.ts';
import { launchBrowser } from '../../src/print/index.ts';

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

describe("the browser's launch flags", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
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

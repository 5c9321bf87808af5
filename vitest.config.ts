import { availableParallelism } from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * The fast tests: functions and fixtures, no build and no browser. Everything else under
 * tests/ reads the built site (dist/, built once by the global setup before any of it runs),
 * drives Chromium, reads PDFs or builds project copies: a new folder of tests is a site test
 * unless it is listed here.
 */
const unitTests = [
  // Not the chart corpus nor `npm run new`: each draws or checks in child processes, together
  // a third of the unit loop's time; they run with the site tests. Nor text-metrics: it measures
  // the built pages' charts in Chromium.
  'tests/charts/**/!(corpus|text-metrics).test.ts',
  'tests/content/**/*.test.ts',
  'tests/editor/**/!(new-sheet).test.ts',
  'tests/links/**/*.test.ts',
  'tests/diagnostics/**/*.test.ts',
  'tests/site/paths.test.ts',
  'tests/site/page-keys.test.ts',
  'tests/site/member-label.test.ts',
  'tests/i18n/strings.test.ts',
];

/**
 * Unit test files that must not share modules with the others: limits.test.ts lowers the chart
 * worker's limits through environment variables read when src/charts/limits.ts is imported.
 */
const isolatedUnitTests = ['tests/charts/limits.test.ts'];

/**
 * Site test files that run alone, after all the others: the dev server's test follows saves
 * through a live server, a file watcher and a browser, and waits on each (with long timeouts);
 * beside another file's builds on two cores, its steps took long enough to fail.
 */
const aloneSiteTests = ['tests/dev/**/*.test.ts'];

export default defineConfig({
  test: {
    // Node's module compile cache (V8 code cache on disk) for the test processes and every process
    // they start: each of the ~100 builds, checks and servers of a run loads Astro, Vite, Zod,
    // playwright-core and our sources again (npm run check ~0.95 -> 0.65 s of CPU; the bad-input
    // test, which runs ~30 of them, 27-30 -> 19-24 s). Only how fast modules compile, never what they do.
    env: { NODE_COMPILE_CACHE: path.join(import.meta.dirname, 'node_modules', '.cache', 'node-compile') },
    // A test file per core (vitest's default leaves one core idle: one file at a time on a 2-core
    // machine, while most files wait on a build, a browser or Java as often as they compute).
    // At most 4: each site test file may run a whole build with its own browser.
    maxWorkers: Math.min(availableParallelism(), 4),
    // Long enough for a whole build in a test at a load average of 40 (they took over 2 minutes there).
    testTimeout: 300_000,
    hookTimeout: 600_000,
    projects: [
      // `npm run test:unit` (both unit projects): seconds; run it while you work.
      // The files share one module graph per worker (isolate: false): importing Zod, Vega and
      // Vega-Lite again for every file was half of the loop's time.
      { extends: true, test: { name: 'unit', include: unitTests, exclude: isolatedUnitTests, isolate: false } },
      { extends: true, test: { name: 'unit-isolated', include: isolatedUnitTests } },
      // `npm run test:site`: one shared build (OGP_SKIP_BUILD=1 reuses dist/), then the built-output tests.
      {
        extends: true,
        test: {
          name: 'site',
          include: ['tests/**/*.test.ts'],
          exclude: [...unitTests, ...aloneSiteTests],
          globalSetup: ['tests/global-setup.ts'],
          // A worker runs file after file in one process (as the unit tests do): a fresh process
          // per file loaded vitest, playwright-core, cheerio and our sources again, about half a
          // second of CPU per file (10 small site files: 15.9-17.4 -> 11.6-11.8 s). Every browser,
          // server and project copy is a file's own, closed or removed when its tests end.
          isolate: false,
        },
      },
      // The same setup (the build is then up to date: a second's check), in a group of its own
      // that starts when every other file has ended.
      {
        extends: true,
        test: {
          name: 'site-alone',
          include: aloneSiteTests,
          globalSetup: ['tests/global-setup.ts'],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});

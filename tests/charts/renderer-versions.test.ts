/**
 * The chart cache key's renderer versions are read without loading Vega, and the build's own
 * process loads Vega only when a chart needs it: a build or check whose charts are all cached
 * (or built-in kinds) does not pay its 250 modules.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { version as vegaVersionLoaded } from 'vega';
import { version as vegaLiteVersionLoaded } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { vegaLiteVersion, vegaVersion } from '../../src/charts/renderer-versions.ts';

const root = path.resolve(import.meta.dirname, '..', '..');

describe('the renderer versions in the chart cache key', () => {
  it('are the installed Vega and Vega-Lite versions, as the packages themselves give them', () => {
    expect([vegaVersion, vegaLiteVersion]).toEqual([vegaVersionLoaded, vegaLiteVersionLoaded]);
  });
});

describe("the build's own process", () => {
  it('loads the check and the build stages without Vega or Vega-Lite', () => {
    // What scripts/build.ts imports in a build, in a fresh Node process, every module it loads recorded.
    const program = `
      import { registerHooks } from 'node:module';
      const loaded = [];
      registerHooks({ load(url, context, next) { loaded.push(url); return next(url, context); } });
      for (const module of ['src/validate.ts', 'src/check.ts', 'src/content/loader.ts', 'src/pipeline.ts'])
        await import(new URL(module, ${JSON.stringify(`file://${root}/`)}).href);
      console.log(JSON.stringify(loaded));
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', program], { cwd: root, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const loaded = JSON.parse(run.stdout) as string[];
    // It did load the stages (the test would pass on an empty list otherwise).
    expect(loaded.some((url) => url.endsWith('/src/pipeline.ts'))).toBe(true);
    expect(loaded.filter((url) => /\/node_modules\/vega(-lite)?\//.test(url))).toEqual([]);
  });
});

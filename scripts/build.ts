// npm run build: validate -> charts -> pages -> print -> verify -> dist/ (whole or not at all).
// `-- --layout-report` prints each sheet's layout report; `-- --shard i/n` prints one share of the
// PDFs for a later `-- --merge <folder>` (docs/scaling.md).
import { enableCompileCache } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { boundCompileCache, COMPILE_CACHE } from '../src/stage-process.ts';

// The modules loaded from here on (the validation, the stages) are compiled once, not every build;
// the cache is kept bounded (boundCompileCache).
boundCompileCache(process.cwd());
enableCompileCache(path.join(process.cwd(), COMPILE_CACHE));
const { quietOnClosedPipe } = await import('../src/cli.ts');
const { lastBuild, reportUpToDate } = await import('../src/incremental.ts');
const { parseShard } = await import('../src/print/shard.ts');

quietOnClosedPipe();

const started = performance.now();
const root = process.cwd();
const { values } = parseArgs({
  options: { shard: { type: 'string' }, merge: { type: 'string' }, 'layout-report': { type: 'boolean' } },
});
const shard = values.shard === undefined ? undefined : parseShard(values.shard);
if (shard !== undefined && 'problem' in shard) {
  process.stdout.write(`${shard.problem}\n  Fix: ${shard.fix}\n`);
  process.exit(1);
}
const layoutReport = values['layout-report'] === true;
// Astro's process starts first of all (but for a merge, whose build starts its own): it loads Astro
// and sets its build up on the other core while the inputs are fingerprinted and the content is
// checked here, then waits for the validated entries and the page keys (src/site/build-pages.ts).
// When nothing changed it is killed at once, having written nothing.
const { startPagesApart } = await import('../src/site/build-pages.ts');
const pages = values.merge === undefined ? startPagesApart(root) : undefined;
try {
  // A layout report, a shard or a merge always runs the stages.
  const last = shard === undefined && values.merge === undefined && !layoutReport ? await lastBuild(root) : undefined;
  if (last?.current !== undefined) {
    // Nothing changed since the last build: the stages are not even loaded.
    await pages?.stop();
    reportUpToDate(last.current, started);
  } else if (pages === undefined) {
    // The shards are merged into the print cache first, then the build runs as any other.
    const { runBuild } = await import('../src/pipeline.ts');
    process.exitCode = (await runBuild(root, { last, shard, merge: values.merge, layoutReport, started })) ? 0 : 1;
  } else {
    // What runBuild reads of the last build (a layout report's too; a shard reads none), read now
    // for Astro's page keys.
    const state = shard === undefined ? (last ?? (await lastBuild(root))) : undefined;
    // The content first: a content error is reported before the build's stages are even loaded
    // (and the pages process is killed: it has built nothing yet).
    const { validate } = await import('../src/validate.ts');
    const { reportCheck } = await import('../src/check.ts');
    const checked = await validate(root);
    if (!reportCheck(checked, performance.now() - started)) process.exitCode = 1;
    else {
      // Astro's process has been waiting for the entries: they are made (the charts missing from
      // the cache drawn meanwhile) and sent before the stages' code is even loaded, and the
      // charts stage then runs while Astro builds. Unless a sheet has no pages (its charts could
      // not be drawn): the charts stage reports that first, and Astro's process is stopped.
      const made = performance.now();
      const { loaderEntries, everySheetPaged } = await import('../src/content/loader.ts');
      const entries = await loaderEntries(root, checked);
      const ms = performance.now() - made;
      if (everySheetPaged(entries, checked)) {
        pages.build(entries, state?.pageKeys).catch(() => undefined);
        // All of them written before the stages' code loads: the channel is written to only between loads.
        await pages.sent();
      }
      const { runBuild } = await import('../src/pipeline.ts');
      process.exitCode = (await runBuild(root, {
        last: state,
        shard,
        layoutReport,
        checked,
        pages,
        entries: { value: entries, ms },
        started,
      }))
        ? 0
        : 1;
    }
  }
} finally {
  // Killed when it was never sent its entries; else waited for (src/site/build-pages.ts).
  await pages?.stop();
}

/**
 * The Astro integration behind `npm run dev`: the content loader runs the same checks as
 * `npm run check` when the preview starts and again whenever a file under content/ or data/
 * changes; this prints the same messages (file:line:column, field, fix) in the terminal the editor watches,
 * and on the pages in the browser (src/dev/: a panel injected in dev only, never built). In
 * `npm run build`'s pages process it links the unchanged pages from Astro's cache
 * (src/site/linked-pages.ts).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { ContentCheck } from './content/index.ts';
import { pageKeysHandedOver } from './site/page-keys.ts';

export function factSheets(): AstroIntegration {
  let root = '';
  let dev = false;
  let dirs: { cacheDir: string; outDir: string; base: string; format: string } | undefined;
  return {
    name: 'ogp-fact-sheets',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = path.resolve(fileURLToPath(config.root));
        dirs = {
          cacheDir: fileURLToPath(config.cacheDir),
          outDir: fileURLToPath(config.outDir),
          base: config.base,
          format: config.build.format,
        };
      },
      'astro:build:start': async ({ setPrerenderer }) => {
        // `npm run build` (its pages process, which hands the page keys over): the pages Astro would
        // copy from its cache are linked instead (src/site/linked-pages.ts).
        if (dev || dirs === undefined || dirs.format !== 'directory' || !pageKeysHandedOver()) return;
        const { linkingPrerenderer } = await import('./site/linked-pages.ts');
        const { cacheDir, outDir, base } = dirs;
        setPrerenderer((astros) => linkingPrerenderer(astros, { root, cacheDir, outDir, base }));
      },
      'astro:config:setup': ({ command, injectScript, addMiddleware }) => {
        dev = command === 'dev';
        if (dev) {
          injectScript(
            'page',
            `import ${JSON.stringify(fileURLToPath(new URL('./dev/overlay.ts', import.meta.url)))};`,
          );
          addMiddleware({ entrypoint: new URL('./dev/whole-page.ts', import.meta.url), order: 'pre' });
        }
      },
      'astro:server:setup': async ({ server, logger }) => {
        // A build starts a server too, to sync the content: the preview's panel, print preview and
        // watcher are for `npm run dev` only (the print preview alone loads the whole build's code).
        if (!dev) return;
        const { serveProblems, devProblems } = await import('./dev/problems.ts');
        const { servePrintPreview } = await import('./dev/print-preview.ts');
        const { refreshContentAfterSaves } = await import('./dev/content-refresh.ts');
        const { formatIssues } = await import('./diagnostics/index.ts');
        const { messages } = await import('./messages.ts');
        const { onChecked } = await import('./validate.ts');
        const publish = serveProblems(server);
        let latest: ContentCheck | undefined;
        refreshContentAfterSaves(server);
        const reprint = servePrintPreview(
          server,
          root,
          () => latest,
          (message) => logger.warn(message),
        );
        // The content loader (src/content/loader.ts) validates content/ and data/ when the
        // server starts and after every change there: one run fills the pages and the messages.
        onChecked(root, (checked) => {
          const { issues, files } = checked;
          latest = checked;
          publish(devProblems(checked));
          reprint();
          const errors = issues.filter((issue) => issue.severity === 'error').length;
          if (issues.length === 0) logger.info(messages.checkPassed(files));
          else logger.warn(`\n${formatIssues(issues)}\n\n${messages.devProblems(errors, issues.length - errors)}`);
        });
      },
    },
  };
}

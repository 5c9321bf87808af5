/**
 * The Astro integration behind `npm run dev`: it runs the same checks as `npm run check`
 * when the preview starts and again whenever a file under content/ or data/ changes, and
 * prints the same messages (file:line:column, field, fix) in the terminal the editor watches,
 * and on the pages in the browser (src/dev/: a panel injected in dev only, never built).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { ContentCheck } from './content/index.ts';

export function factSheets(): AstroIntegration {
  return {
    name: 'ogp-fact-sheets',
    hooks: {
      'astro:config:setup': ({ command, injectScript }) => {
        if (command === 'dev')
          injectScript(
            'page',
            `import ${JSON.stringify(fileURLToPath(new URL('./dev/overlay.ts', import.meta.url)))};`,
          );
      },
      'astro:server:setup': async ({ server, logger }) => {
        const { serveProblems, devProblems } = await import('./dev/problems.ts');
        const { servePrintPreview } = await import('./dev/print-preview.ts');
        const publish = serveProblems(server);
        let latest: ContentCheck | undefined;
        const root = fileURLToPath(new URL('..', import.meta.url));
        const reprint = servePrintPreview(server, root, () => latest);
        const watched = [path.join(root, 'content'), path.join(root, 'data')];
        let pending: ReturnType<typeof setTimeout> | undefined;
        const run = async (): Promise<void> => {
          // Loaded here, not at config time: the build scripts read the config too.
          const { validate } = await import('./pipeline.ts');
          const { formatIssues } = await import('./diagnostics/index.ts');
          const { messages } = await import('./messages.ts');
          const checked = await validate(root);
          const { issues, files } = checked;
          latest = checked;
          publish(devProblems(checked));
          reprint();
          const errors = issues.filter((issue) => issue.severity === 'error').length;
          if (issues.length === 0) logger.info(messages.checkPassed(files));
          else logger.warn(`\n${formatIssues(issues)}\n\n${messages.devProblems(errors, issues.length - errors)}`);
        };
        void run();
        server.watcher.on('all', (_event, file) => {
          if (!watched.some((dir) => file.startsWith(dir))) return;
          clearTimeout(pending);
          pending = setTimeout(() => void run(), 150);
        });
      },
    },
  };
}

// @ts-check
import { languages } from './src/i18n/index.ts';
import { factSheets } from './src/integration.ts';
import { basePath } from './src/site/paths.ts';

// Astro's usage telemetry would be a network request from dev, check and build; the
// project makes none. (Read when Astro records an event, after this file has loaded.)
process.env.ASTRO_TELEMETRY_DISABLED ??= '1';

// The public address of the site: absolute links in PDFs, canonical URLs, sitemap.
// Set SITE_URL when publishing elsewhere.
const site = process.env.SITE_URL ?? 'https://factsheets.opengovpartnership.org';

// A plain object typed by JSDoc, not `defineConfig` from 'astro/config': that entry point loads
// SVGO and its CSS tools (about 250 modules) into every process that reads this file (the pages
// process, and `npm run build` for the site's address), for a function that returns its argument.
/** @type {import('astro').AstroUserConfig} */
const config = {
  site,
  // The folder the site is served under ("/" or e.g. "/fact-sheets/"): set BASE_PATH.
  base: basePath(),
  trailingSlash: 'always',
  // English at the root, Spanish under /es/, French under /fr/ (src/pages/[...lang]/). A sheet is
  // published in a language only when fully translated, so there is no fallback to English.
  i18n: { locales: [...languages], defaultLocale: 'en', routing: { prefixDefaultLocale: false } },
  // No MDX integration: a sheet's prose is rendered to HTML by the content loader
  // (src/content/prose.ts), not compiled as a module of the site.
  integrations: [factSheets()],
  build: { format: 'directory' },
  // Astro's caches (the content store, the incremental build's copy of each page) in the project,
  // never in node_modules/.astro: project copies that link node_modules would share them.
  cacheDir: './.cache/astro',
  // A sheet's pages are copied from the last build when their key (src/site/page-keys.ts) and
  // code are unchanged: one sheet's edit renders that sheet's pages only.
  experimental: { incrementalBuild: true },
  vite: {
    build: {
      // Scripts are always files, never inlined: the CSP allows script-src 'self' only.
      assetsInlineLimit: (file) => (/\.[cm]?[jt]s$/.test(file) ? false : undefined),
    },
  },
};

export default config;

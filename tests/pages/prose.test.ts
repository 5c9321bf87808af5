import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderProse } from '../../src/content/prose.ts';
import { projectRoot } from '../helpers/fixture.ts';

/** The prose of a built sheet page: what its `<div class="prose">` holds. */
function builtProse(page: string): string {
  const html = readFileSync(path.join(projectRoot, 'dist', page), 'utf8');
  const start = html.indexOf('<div class="prose">') + '<div class="prose">'.length;
  return html.slice(start, html.indexOf('</div></section>', start));
}

/** An .mdx file's body: what follows its frontmatter. */
function bodyOf(file: string): string {
  const text = readFileSync(path.join(projectRoot, file), 'utf8');
  return text.slice(text.indexOf('\n---\n', 4) + '\n---\n'.length);
}

describe('the sheets’ prose in the built site', () => {
  // Astro lists there every content entry it must compile as a module (deferred rendering):
  // a sheet's prose is HTML in its page's entry, so Astro's build bundles no sheet's body.
  it('is no module of Astro’s build: its content modules list none', () => {
    const modules = readFileSync(path.join(projectRoot, '.astro', 'content-modules.mjs'), 'utf8');
    expect(modules.trim()).toBe('export default new Map();');
  });

  it('is the HTML the content loader rendered from each language’s body', async () => {
    for (const [page, file] of [
      ['policy-areas/digital-governance/index.html', 'content/policy-areas/digital-governance.mdx'],
      ['es/policy-areas/digital-governance/index.html', 'content/policy-areas/es/digital-governance.mdx'],
      ['fr/policy-areas/digital-governance/index.html', 'content/policy-areas/fr/digital-governance.mdx'],
    ] as const) {
      const prose = builtProse(page);
      expect(prose).toMatch(/^<p>/);
      expect(prose).toBe(await renderProse(bodyOf(file), file));
    }
  });
});

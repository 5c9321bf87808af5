/** The inline markdown renderer of the content's text fields (src/content/markdown.ts). */
import { describe, expect, it } from 'vitest';
import { renderInline } from '../../src/content/markdown.ts';

describe('renderInline', () => {
  it('renders links, emphasis and code, and escapes raw HTML', () => {
    expect(renderInline('**OGP** [members](/members/) `x` <b>')).toBe(
      '<strong>OGP</strong> <a href="/members/">members</a> <code>x</code> &lt;b&gt;',
    );
  });

  it('never writes an image: its markdown stays text, the address a link at most, nothing fetched', () => {
    const html = renderInline('A map: ![A map](https://example.org/map.png).');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('src=');
  });
});

/**
 * The search records' text is read from each sheet page by htmlparser2 (searchParts), not by the
 * spec's parser (parse5, cheerio's default), because it is three to four times cheaper. These tests hold it
 * to parse5's reading: on every page of the built site, and on a page of valid HTML that leaves
 * out the end tags HTML allows to leave out and puts SVG, MathML and entities inside a part.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { partsOf, searchParts } from '../../src/publish/search.ts';
import { htmlPages, siteDir } from '../quality/helpers.ts';

/** What parse5 (the HTML standard's parsing) reads as the page's parts. */
const specParts = (html: string, url: string): ReturnType<typeof partsOf> => partsOf(load(html), url);

describe('search parts', () => {
  it("are read from every built page as the HTML standard's parser reads them", () => {
    let parts = 0;
    for (const file of htmlPages()) {
      const html = readFileSync(path.join(siteDir, file), 'utf8');
      const found = searchParts(html, `/${file}`);
      expect(found, file).toEqual(specParts(html, `/${file}`));
      parts += found.length;
    }
    // The reference sheet's recommendations and commitments, in three languages.
    expect(parts).toBeGreaterThan(30);
  });

  it('are read alike from valid HTML with omitted end tags, inline SVG and MathML, entities and a template', () => {
    const page = `<!doctype html><html lang="fr"><head><title>T</title></head><body><h1>Fiche &amp; <em>données</em></h1>
<section data-search-part="recommendation" id="r1" data-search-title="Groupe&nbsp;A"><h3>Titre</h3>
<p>Texte avec <svg viewBox="0 0 1 1" aria-hidden="true"><path d="M0 0"/><circle r="1"/></svg> icône, puis&nbsp;suite &#8212; fin &lt;b&gt;.
<p>Second paragraphe<br>ligne<img alt="x" src="a.png">après
<ul><li>un<li>deux</ul>
<table><tr><td>a<td>b</table>
<dl><dt>t<dd>d</dl>
<p>Dernier <template><span>gabarit</span></template> mot</p>
</section>
<article data-search-part="commitment" id="c1"><h4>Engagement</h4><div class="commitment__text">Texte <math><mi>x</mi></math> <select><option>o1<option>o2</select> fin</div></article>
</body></html>`;
    const found = searchParts(page, '/fr/fiche/');
    expect(found).toEqual(specParts(page, '/fr/fiche/'));
    expect(found.map((part) => [part.url, part.kind, part.title, part.sheet])).toEqual([
      ['/fr/fiche/#r1', 'recommendation', 'Groupe A', 'Fiche & données'],
      ['/fr/fiche/#c1', 'commitment', 'Engagement', 'Fiche & données'],
    ]);
    expect(found[0]?.text).toContain('puis suite — fin <b>. Second paragrapheligneaprès undeux ab td');
  });
});

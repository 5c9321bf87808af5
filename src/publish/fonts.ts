/**
 * The site's typeface for images drawn outside the site (chart PNGs, social cards): the
 * @fontsource/source-sans-3 files the pages use, as @font-face rules with the WOFF2 inlined
 * as data: URLs, so the browser that draws them never fetches anything.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The weights the charts and cards use; Latin and Latin Extended cover English, Spanish and French. */
const WEIGHTS = [400, 600, 700] as const;
const SUBSETS = /^\/\* source-sans-3-(latin|latin-ext)-\d+-normal \*\/$/;

/** @font-face rules for Source Sans 3 with their fonts inlined, read from the project's node_modules. */
export function embeddedFontCss(root: string): string {
  const packageDir = path.dirname(createRequire(path.join(root, 'package.json')).resolve('@fontsource/source-sans-3'));
  const rules: string[] = [];
  for (const weight of WEIGHTS) {
    const css = readFileSync(path.join(packageDir, `${weight}.css`), 'utf8');
    // Each rule is preceded by a comment naming its subset: keep the Latin ones.
    for (const block of css.split(/(?=\/\* source-sans-3-)/)) {
      const [comment = '', ...rest] = block.split('\n');
      if (!SUBSETS.test(comment.trim())) continue;
      const rule = rest.join('\n').replace(/src:[^;]*;/, (src) => {
        const woff2 = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(src)?.[1];
        if (woff2 === undefined) return src;
        const data = readFileSync(path.join(packageDir, 'files', woff2)).toString('base64');
        return `src: url(data:font/woff2;base64,${data}) format('woff2');`;
      });
      rules.push(rule.trim());
    }
  }
  return rules.join('\n');
}

/**
 * `npm run translations -- record <file>...`: writes into each translation file the
 * fingerprints of the English texts it now translates (`translation.source`), so `check`
 * stops reporting them as changed. Only texts the file gives are recorded; comments and
 * layout of the file are kept.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isScalar, parseDocument, stringify, type Node } from 'yaml';
import { specFilesOf } from '../charts/vega-lite-spec.ts';
import { translatedLanguages } from '../i18n/index.ts';
import { messages } from '../messages.ts';
import type { SiteContent } from './load.ts';
import { contentLayout } from './load.ts';
import {
  commitmentSourceFields,
  currentFingerprints,
  recommendationSourceFields,
  sheetSourceFields,
  valueAt,
  type SourceField,
} from './translations.ts';

/** The English texts a translation file translates, or a message when the path is not a translation file. */
async function englishFields(root: string, content: SiteContent, file: string): Promise<SourceField[] | string> {
  const parts = file.split('/');
  const [name = '', lang = ''] = [parts.at(-1), parts.at(-2)];
  const dir = parts.slice(0, -2).join('/');
  if (!(translatedLanguages as readonly string[]).includes(lang)) return messages.translations.recordNotTranslation(file);
  const id = name.replace(/\.(mdx|yaml)$/, '');
  if (dir === contentLayout.policyAreas.dir && name.endsWith('.mdx')) {
    const sheet = content.sheets.find((entry) => entry.id === id);
    if (sheet)
      return sheetSourceFields(sheet.data, sheet.source.body?.text ?? '', await specFilesOf(root, sheet.data.charts));
  } else if (dir === contentLayout.recommendations.dir && name.endsWith('.yaml')) {
    const entry = content.recommendations.get(id);
    if (entry) return recommendationSourceFields(entry.data);
  } else if (dir === contentLayout.commitments.dir && name.endsWith('.yaml')) {
    const entry = content.commitments.get(id);
    if (entry) return commitmentSourceFields(entry.data);
  } else {
    return messages.translations.recordNotTranslation(file);
  }
  return messages.translations.orphan(`${dir}/${name}`).problem;
}

/** Records the English version in one translation file; returns what to print. */
export async function recordTranslation(root: string, content: SiteContent, file: string): Promise<{ ok: boolean; text: string }> {
  const relative = path.relative(root, path.resolve(root, file)).split(path.sep).join('/');
  const fields = await englishFields(root, content, relative);
  if (typeof fields === 'string') return { ok: false, text: fields };
  const absolute = path.join(root, relative);
  const text = await readFile(absolute, 'utf8');
  const mdx = relative.endsWith('.mdx');
  const match = mdx ? /^(---[ \t]*\r?\n)([\s\S]*?\r?\n)(---[ \t]*(?:\r?\n|$))([\s\S]*)$/.exec(text) : null;
  if (mdx && match === null) return { ok: false, text: `${relative}: ${messages.missingFrontmatter().problem}` };
  const yamlText = match === null ? text : (match[2] ?? '');
  const doc = parseDocument(yamlText);
  if (doc.errors.length > 0 || !isMap(doc.contents)) {
    return { ok: false, text: `${relative}: run \`npm run check\` first: the file does not parse.` };
  }
  const data = doc.toJS() as Record<string, unknown>;
  const translated = mdx ? { ...data, prose: match?.[4] ?? '' } : data;
  const given = fields.filter((field) => {
    const value = valueAt(translated, field.path);
    return typeof value === 'string' && value.trim() !== '';
  });
  // Only the `translation:` block is rewritten: every other line stays as the translator wrote it.
  const meta = data['translation'];
  const reviewed = typeof meta === 'object' && meta !== null && (meta as Record<string, unknown>)['reviewed'] === true;
  const block = stringify({ translation: { reviewed, source: currentFingerprints(given) } }, { lineWidth: 0 });
  const pair = doc.contents.items.find((item) => isScalar(item.key) && item.key.value === 'translation');
  const keyStart = (pair?.key as Node | undefined)?.range?.[0];
  const valueEnd = (pair?.value as Node | undefined)?.range?.[2];
  let yamlOut: string;
  if (keyStart !== undefined && valueEnd !== undefined) {
    yamlOut = `${yamlText.slice(0, keyStart)}${block}${yamlText.slice(valueEnd).replace(/^\r?\n/, '')}`;
  } else {
    // No block yet: before the first field, after the comments that open the file.
    const first = (doc.contents.items[0]?.key as Node | undefined)?.range?.[0] ?? 0;
    yamlOut = `${yamlText.slice(0, first)}${block}${yamlText.slice(first)}`;
  }
  await writeFile(absolute, match === null ? yamlOut : `${match[1]}${yamlOut}${match[3]}${match[4]}`);
  return { ok: true, text: messages.translations.recorded(relative, given.length) };
}

/**
 * Links in the editors' text, checked against the site they will be part of: `#anchors`
 * against the anchors the sheet page will have, `/policy-areas/<slug>/#id` against the other
 * sheets, and markdown that looks like a link but is not one ("[text] (url)", a lone
 * bracket, a bare www. address). Every problem points at the link itself, inside whatever
 * multi-line text holds it. (What a link may point at is src/link-policy.ts's to say.)
 */
import MarkdownIt from 'markdown-it';
import { messages, type Message } from '../messages.ts';
import { recommendationGroupId, recommendationId, reservedPageIds } from './ids.ts';
import { schemeTypoFix } from '../link-policy.ts';
import type { Entry, SiteContent } from './load.ts';
import type { PolicyArea } from '../schemas/policy-area.ts';
import type { ParsedSource } from './source.ts';
import { closest, formatFieldPath, type Issue as ContentIssue, type Position } from '../diagnostics/index.ts';

const parser = new MarkdownIt('commonmark', { html: false });
parser.validateLink = () => true;

/** Every anchor a sheet's page has: the layout's and sections', charts, commitments, recommendation groups and items. */
export function sheetAnchors(content: SiteContent, sheet: Entry<PolicyArea>): Set<string> {
  const ids = reservedPageIds();
  for (const chart of sheet.data.charts) ids.add(chart.id).add(`${chart.id}-caption`);
  // A commitment card's heading id is `headingId(id)` of src/site/sheet.ts (which needs Astro to import).
  for (const id of sheet.data.notableCommitments) ids.add(id).add(`${id}-heading`);
  for (const group of content.recommendations.get(sheet.data.recommendations)?.data.groups ?? []) {
    ids.add(recommendationGroupId(group));
    group.items.forEach((_, index) => ids.add(recommendationId(group, index)));
  }
  return ids;
}

/** Anchors worth suggesting: the ones a reader sees (not the "-heading"/"-caption" ids made for screen readers). */
const suggestable = (ids: Set<string>): string[] => [...ids].filter((id) => !/-(heading|caption)$/.test(id));

/** Where a text sits: a field of a YAML source, or the MDX prose. */
interface Text {
  value: string;
  source: ParsedSource;
  path: PropertyKey[];
  /** Position of `needle` in the text's file, or of the text itself. */
  find(needle: string): Position;
}

// Fields that hold ids, file names or addresses, not text with markdown in it.
const notText = new Set(['id', 'url', 'data', 'kind', 'tag', 'chart', 'recommendations', 'member', 'spec', 'aliases', 'policyAreas', 'notableCommitments']);

function textsOf(source: ParsedSource): Text[] {
  const texts: Text[] = [];
  const walk = (value: unknown, path: PropertyKey[]): void => {
    const key = [...path].reverse().find((segment) => typeof segment === 'string');
    if (typeof key === 'string' && notText.has(key)) return;
    if (typeof value === 'string') {
      texts.push({
        value,
        source,
        path,
        find: (needle) => source.find(path, needle) ?? source.locate(path),
      });
    } else if (Array.isArray(value)) value.forEach((item, index) => walk(item, [...path, index]));
    else if (typeof value === 'object' && value !== null) for (const [name, item] of Object.entries(value)) walk(item, [...path, name]);
  };
  walk(source.data, []);
  const body = source.body;
  if (body !== undefined) {
    texts.push({
      value: body.text,
      source,
      path: ['prose'],
      find: (needle) => {
        const offset = Math.max(0, body.text.indexOf(needle));
        const before = body.text.slice(0, offset);
        const lines = before.split('\n');
        return { line: body.firstLine + lines.length - 1, column: (lines.at(-1)?.length ?? 0) + 1 };
      },
    });
  }
  return texts;
}

/** The link targets of a markdown text, in order. */
function linksOf(markdown: string): string[] {
  const hrefs: string[] = [];
  // Without "[" (a link or reference) or "<" (an autolink) a text has no link (commonmark: no
  // linkify, no HTML): most texts, each parsed for nothing (a third of the check at 200 sheets).
  if (!markdown.includes('[') && !markdown.includes('<')) return hrefs;
  const visit = (tokens: ReturnType<MarkdownIt['parse']>): void => {
    for (const token of tokens) {
      if (token.type === 'link_open') hrefs.push(token.attrGet('href') ?? '');
      if (token.children !== null) visit(token.children);
    }
  };
  visit(parser.parse(markdown, {}));
  return hrefs;
}

/** The images of a markdown text (alt text and address), in order: the prose's are the MDX check's (src/content/load.ts). */
function imagesOf(markdown: string): { alt: string; src: string }[] {
  const images: { alt: string; src: string }[] = [];
  if (!markdown.includes('![')) return images;
  const visit = (tokens: ReturnType<MarkdownIt['parse']>): void => {
    for (const token of tokens) {
      if (token.type === 'image') images.push({ alt: token.content, src: token.attrGet('src') ?? '' });
      if (token.children !== null) visit(token.children);
    }
  };
  visit(parser.parse(markdown, {}));
  return images;
}

/** Markdown that an editor meant as a link but that prints as brackets or plain text. */
function suspiciousMarkdown(text: Text): { needle: string; message: Message }[] {
  const found: { needle: string; message: Message }[] = [];
  const value = text.value;
  for (const match of value.matchAll(/\[([^\][\n]*)\][ \t]+\(([^()\s]*)\)/g)) {
    found.push({ needle: match[0], message: messages.linkSpaceBeforeParen(match[1] ?? '', match[2] ?? '') });
  }
  // Links (and code spans) blanked out, so what is left is text a reader sees as it is.
  const blank = (part: string): string => ' '.repeat(part.length);
  // (Each step only where its characters are: most texts have none.)
  const brackets = value.includes('[') || value.includes(']');
  let masked = value.includes('`') ? value.replace(/`[^`]*`/g, blank) : value;
  if (brackets) masked = masked.replace(/\[[^\][]*\][ \t]*\((?:[^()\s]|\([^()\s]*\))*\)/g, blank);
  const bracket = brackets ? unbalancedBracket(masked) : undefined;
  if (bracket !== undefined) {
    found.push({ needle: value.slice(bracket, bracket + 12).split('\n')[0] ?? '', message: messages.unbalancedBracket(value.charAt(bracket)) });
  }
  for (const match of masked.matchAll(/(?<![\w/@.-])(?:https?:\/\/|www\.)[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:[/?#][^\s)\]]*)?/gi)) {
    const url = match[0].replace(/[.,;:!?]+$/, '');
    found.push({ needle: url, message: messages.bareUrl(url, /^www\./i.test(url) ? (schemeTypoFix(url) ?? url) : url) });
  }
  return found;
}

/** Offset of the first "[" or "]" without a partner, and of a "](" never closed; undefined when all pair up. */
function unbalancedBracket(text: string): number | undefined {
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (text[i - 1] === '\\') continue;
    if (char === '[') open.push(i);
    else if (char === ']') {
      if (open.pop() === undefined) return i;
      if (text[i + 1] === '(' && !/^\((?:[^()\s]|\([^()\s]*\))*\)/.test(text.slice(i + 1))) return i + 1;
    }
  }
  return open[0];
}

/** Checks the links in every text of every sheet, recommendations file and commitment. */
export function checkLinks(content: SiteContent): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const seen = new Set<string>();
  const report = (text: Text, needle: string, message: Message, severity: ContentIssue['severity']): void => {
    const position = text.find(needle);
    const key = `${text.source.file}:${position.line}:${position.column}:${message.problem}`;
    if (seen.has(key)) return;
    seen.add(key);
    issues.push({ file: text.source.file, ...position, field: formatFieldPath(text.path), ...message, severity });
  };

  const sheets = new Map(content.sheets.map((sheet) => [sheet.id, sheet]));
  for (const sheet of content.sheets) for (const alias of sheet.data.aliases ?? []) if (!sheets.has(alias)) sheets.set(alias, sheet);
  const anchors = new Map(content.sheets.map((sheet) => [sheet.id, sheetAnchors(content, sheet)]));
  const slugs = [...sheets.keys()];

  // Which sheets' pages show a file's text: a "#id" in it must be on each of them.
  const shownOn = new Map<string, Entry<PolicyArea>[]>();
  const show = (file: string, sheet: Entry<PolicyArea>): void => {
    shownOn.set(file, [...(shownOn.get(file) ?? []), sheet]);
  };
  for (const sheet of content.sheets) {
    show(sheet.file, sheet);
    const recommendations = content.recommendations.get(sheet.data.recommendations);
    if (recommendations !== undefined) show(recommendations.file, sheet);
    for (const id of sheet.data.notableCommitments) {
      const commitment = content.commitments.get(id);
      if (commitment !== undefined) show(commitment.file, sheet);
    }
  }

  // Sheets and commitments that failed their schema are checked too, so one run reports everything.
  const sources = [
    ...content.sheets.map((entry) => entry.source),
    ...content.invalidSheets.map((sheet) => sheet.source),
    ...content.invalidCommitments,
    ...[...content.recommendations.values()].map((entry) => entry.source),
    ...[...content.commitments.values()].map((entry) => entry.source),
  ];
  for (const source of sources) {
    for (const text of textsOf(source)) {
      for (const { needle, message } of suspiciousMarkdown(text)) report(text, needle, message, 'warning');
      if (text.path[0] !== 'prose') {
        for (const { alt, src } of imagesOf(text.value)) {
          const needle = text.value.includes(`![${alt}]`) ? `![${alt}]` : '![';
          report(text, needle, messages.markdownImage(alt, src), 'error');
        }
      }
      for (const href of linksOf(text.value)) {
        if (href.startsWith('#') && href.length > 1) {
          const id = safeDecode(href.slice(1));
          for (const sheet of shownOn.get(source.file) ?? []) {
            const ids = anchors.get(sheet.id) ?? new Set();
            if (ids.has(id)) continue;
            const page = sheet.file === source.file ? 'this sheet' : `the sheet ${sheet.file} (which shows this text)`;
            const suggestion = closest(id, suggestable(ids));
            report(text, href, messages.unknownAnchor(href, page, suggestion === undefined ? undefined : `#${suggestion}`), 'error');
            break;
          }
          continue;
        }
        const match = /^\/policy-areas\/([^/#?]+)\/?(?:([^#?]*))?(?:#(.*))?$/.exec(href);
        if (match === null) continue;
        const [, slug = '', rest = '', hash] = match;
        const target = sheets.get(slug);
        if (target === undefined) {
          const suggestion = closest(slug, slugs);
          report(text, href, messages.unknownSheetLink(href, slug, suggestion), 'error');
          continue;
        }
        // Only the sheet page itself has anchors (its PDF and CSV files are checked by the build).
        if (hash === undefined || hash === '' || rest !== '') continue;
        const ids = anchors.get(target.id) ?? new Set();
        const id = safeDecode(hash);
        if (ids.has(id)) continue;
        const suggestion = closest(id, suggestable(ids));
        const page = `the sheet ${target.file}`;
        report(text, href, messages.unknownAnchor(href, page, suggestion === undefined ? undefined : `/policy-areas/${slug}/#${suggestion}`), 'error');
      }
    }
  }
  return issues;
}

function safeDecode(id: string): string {
  try {
    return decodeURIComponent(id);
  } catch {
    return id;
  }
}

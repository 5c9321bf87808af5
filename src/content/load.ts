import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'astro/zod';
import { mdxToMdast } from 'satteri';
import { classifyLink, localPreviewPath, schemeTypoFix } from '../link-policy.ts';
import { messages } from '../messages.ts';
import { CommitmentSchema, type Commitment } from '../schemas/commitment.ts';
import { slugPattern } from '../schemas/common.ts';
import { MemberSchema, MembersFileSchema, type Member } from '../schemas/member.ts';
import { PolicyAreaSchema, type PolicyArea } from '../schemas/policy-area.ts';
import { RecommendationsSchema, type Recommendations } from '../schemas/recommendations.ts';
import type { Issue } from '../diagnostics/index.ts';
import { validateSource } from './schema-issues.ts';
import { readMdxFile, readYamlFile, type ParsedSource, type ReadResult } from './source.ts';

/** A validated content entry with where it came from. */
export interface Entry<T> {
  /** The entry's id: its file name without extension (the URL slug for sheets). */
  id: string;
  /** Path relative to the project root. */
  file: string;
  data: T;
  source: ParsedSource;
}

export interface SiteContent {
  /** The ids of every file present per collection, valid or not: references to them resolve. */
  ids: { policyAreas: string[]; recommendations: string[]; commitments: string[] };
  /** Commitments that parsed as YAML but failed their schema: their references are still checked. */
  invalidCommitments: ParsedSource[];
  /** Sheets that parsed but failed their schema: their references are still checked. */
  invalidSheets: { id: string; source: ParsedSource }[];
  sheets: Entry<PolicyArea>[];
  recommendations: Map<string, Entry<Recommendations>>;
  commitments: Map<string, Entry<Commitment>>;
  members: Map<string, Member>;
  membersSource: ParsedSource | undefined;
}

/** Where each content type lives, relative to the project root. */
export const contentLayout = {
  policyAreas: { dir: 'content/policy-areas', extension: '.mdx', expected: 'a fact sheet (frontmatter and prose)' },
  recommendations: { dir: 'content/recommendations', extension: '.yaml', expected: 'the recommendation groups of a sheet' },
  commitments: { dir: 'content/commitments', extension: '.yaml', expected: 'one notable commitment' },
  members: { file: 'content/members.yaml', expected: 'the list of OGP members' },
} as const;

const toPosix = (file: string): string => file.split(path.sep).join('/');

async function listFiles(root: string, dir: string): Promise<string[]> {
  try {
    const entries = await readdir(path.join(root, dir), { withFileTypes: true });
    return entries
      // A symlink is listed too: reading it reports where it leads, rather than check skipping what the build reads.
      .filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && !entry.name.startsWith('.'))
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}

/** Reads, parses and validates every file of one collection directory. */
async function loadCollection<S extends z.ZodType>(
  root: string,
  layout: { dir: string; extension: string; expected: string },
  schema: S,
  issues: Issue[],
): Promise<{ entries: Entry<z.output<S>>[]; ids: string[]; invalid: ParsedSource[] }> {
  const entries: Entry<z.output<S>>[] = [];
  const ids: string[] = [];
  const invalid: ParsedSource[] = [];
  for (const name of await listFiles(root, layout.dir)) {
    const file = toPosix(path.join(layout.dir, name));
    if (!name.endsWith(layout.extension)) {
      issues.push({ file, ...messages.wrongExtension(layout.extension, path.extname(name) || 'none'), severity: 'error' });
      continue;
    }
    const id = name.slice(0, -layout.extension.length);
    if (!slugPattern.test(id)) {
      issues.push({ file, ...messages.badFileName(name, layout.extension), severity: 'error' });
      continue;
    }
    ids.push(id);
    const absolute = path.join(root, file);
    const read: ReadResult =
      layout.extension === '.mdx' ? await readMdxFile(absolute, file, layout.expected) : await readYamlFile(absolute, file, layout.expected);
    if (!read.ok) {
      issues.push(...read.issues);
      continue;
    }
    if (read.source.body !== undefined) issues.push(...checkMdxBody(file, read.source.body));
    const validated = validateSource(read.source, schema);
    if (!validated.ok) {
      issues.push(...validated.issues);
      invalid.push(read.source);
      continue;
    }
    entries.push({ id, file, data: validated.data, source: read.source });
  }
  return { entries, ids, invalid };
}

/** MDX nodes that run code or emit markup at build time: never allowed in an editor's prose. */
const codeNodes: Record<string, 'esm' | 'expression' | 'element'> = {
  mdxjsEsm: 'esm',
  mdxFlowExpression: 'expression',
  mdxTextExpression: 'expression',
  mdxJsxFlowElement: 'element',
  mdxJsxTextElement: 'element',
};

interface MdastNode {
  type: string;
  name?: string | null;
  /** The target of a link or link definition. */
  url?: string;
  /** The words of a text node. */
  value?: string;
  /** An image's alternative text. */
  alt?: string | null;
  /** A reference's label, as written. */
  label?: string | null;
  position?: { start: { line: number; column: number } };
  children?: MdastNode[];
}

/**
 * The prose body must be present and be plain markdown. MDX would also run imports,
 * `{expressions}` and components at build time: a way to put code, the clock or
 * unescaped markup into a published sheet, so each is reported where it stands. An image
 * is reported too: it would be fetched from elsewhere, and the PDF's layout has no place for it.
 */
export function checkMdxBody(file: string, body: { text: string; firstLine: number }): Issue[] {
  if (body.text.trim() === '') return [{ file, line: body.firstLine, column: 1, field: 'prose', ...messages.emptyBody(), severity: 'error' }];
  let tree: MdastNode;
  try {
    tree = mdxToMdast(body.text) as MdastNode;
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const match = /^(\d+):(\d+): (.*?)(?: \([\w:-]+\))?$/.exec(text);
    const line = match === null ? body.firstLine : body.firstLine + Number(match[1]) - 1;
    const column = match === null ? 1 : Number(match[2]);
    return [{ file, line, column, field: 'prose', ...messages.mdxSyntax(match?.[3] ?? text), severity: 'error' }];
  }
  const issues: Issue[] = [];
  const visit = (node: MdastNode): void => {
    const kind = codeNodes[node.type];
    if (kind !== undefined) {
      const start = node.position?.start ?? { line: 1, column: 1 };
      const message = kind === 'element' ? messages.mdxElement(node.name ?? '') : messages.mdxCode(kind);
      issues.push({ file, line: body.firstLine + start.line - 1, column: start.column, field: 'prose', ...message, severity: 'error' });
      return;
    }
    if (node.type === 'image' || node.type === 'imageReference') {
      const start = node.position?.start ?? { line: 1, column: 1 };
      const message = messages.markdownImage(node.alt ?? '', node.url ?? `[${node.label ?? ''}]`);
      issues.push({ file, line: body.firstLine + start.line - 1, column: start.column, field: 'prose', ...message, severity: 'error' });
      return;
    }
    if (node.url !== undefined) {
      // The same link policy as the frontmatter's markdown fields, chart specs and the built site.
      const verdict = classifyLink(node.url);
      if (!verdict.ok) {
        const start = node.position?.start ?? { line: 1, column: 1 };
        const href = node.url.trim();
        const message = messages.linkProblem(verdict.kind, href, plainText(node), schemeTypoFix(href), localPreviewPath(href));
        issues.push({ file, line: body.firstLine + start.line - 1, column: start.column, field: 'prose', ...message, severity: 'error' });
      }
    }
    node.children?.forEach(visit);
  };
  visit(tree);
  return issues;
}

/** The words of a node: its text, and its children's. */
const plainText = (node: MdastNode): string => node.value ?? (node.children ?? []).map(plainText).join('');

/** Loads and validates every content file; each file's problems are collected, none stops the others. */
export async function loadContent(root: string): Promise<{ content: SiteContent; issues: Issue[]; files: number }> {
  const issues: Issue[] = [];
  const sheets = await loadCollection(root, contentLayout.policyAreas, PolicyAreaSchema, issues);
  const recommendations = await loadCollection(root, contentLayout.recommendations, RecommendationsSchema, issues);
  const commitments = await loadCollection(root, contentLayout.commitments, CommitmentSchema, issues);

  const members = new Map<string, Member>();
  let membersSource: ParsedSource | undefined;
  const membersFile = contentLayout.members.file;
  const read = await readYamlFile(path.join(root, membersFile), membersFile, contentLayout.members.expected).catch(() => undefined);
  if (read === undefined) {
    issues.push({ file: membersFile, ...messages.missingFile(contentLayout.members.expected), severity: 'error' });
  } else if (!read.ok) {
    issues.push(...read.issues);
  } else {
    membersSource = read.source;
    const validated = validateSource(read.source, MembersFileSchema);
    if (validated.ok) for (const [name, member] of Object.entries(validated.data)) members.set(name, member);
    else {
      issues.push(...validated.issues);
      // quality: keep the members that are valid, so one bad entry does not make every reference "unknown".
      const raw = read.source.data;
      if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
        for (const [name, value] of Object.entries(raw)) {
          const member = MemberSchema.safeParse(value);
          if (member.success) members.set(name, member.data);
        }
      }
    }
  }

  const files = sheets.ids.length + recommendations.ids.length + commitments.ids.length + 1;
  return {
    content: {
      ids: { policyAreas: sheets.ids, recommendations: recommendations.ids, commitments: commitments.ids },
      invalidCommitments: commitments.invalid,
      invalidSheets: sheets.invalid.map((source) => ({ id: path.basename(source.file, '.mdx'), source })),
      sheets: sheets.entries,
      recommendations: new Map(recommendations.entries.map((entry) => [entry.id, entry])),
      commitments: new Map(commitments.entries.map((entry) => [entry.id, entry])),
      members,
      membersSource,
    },
    issues,
    files,
  };
}

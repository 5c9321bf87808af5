import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { readCommitmentsExport } from './charts/commitments-export.ts';
import { readTable } from './charts/data-file.ts';
import { loadManifest } from './charts/manifest.ts';
import { closest, UserError } from './diagnostics/index.ts';
import { slugify } from './content/ids.ts';
import { contentLayout } from './content/load.ts';
import { messages } from './messages.ts';
import { runCheck } from './check.ts';

const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/**
 * The export file new sheets draw their charts from: OGP's export (data/ogp-commitments*.csv),
 * a real one (not marked illustrative in data/datasets.yaml) before the illustrative sample.
 */
async function defaultDataFile(root: string): Promise<string> {
  const files = (await readdir(path.join(root, 'data')).catch(() => [] as string[]))
    .filter((file) => file.endsWith('.csv'))
    .sort();
  const { manifest } = await loadManifest(root);
  const exports = files.filter((file) => file.startsWith('ogp-commitments'));
  return (
    exports.find((file) => manifest[file]?.illustrative !== true) ?? exports[0] ?? files[0] ?? 'ogp-commitments.csv'
  );
}

/** A name compared the way an editor means it: no case, no accents, "&" as "and", punctuation as spaces. */
const comparable = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** The export's own tag column for a policy-area name ("Access to Information" -> "Access to information"), if one matches. */
export function matchTagColumn(name: string, tagColumns: readonly string[]): string | undefined {
  const wanted = comparable(name);
  return tagColumns.find((column) => column === name) ?? tagColumns.find((column) => comparable(column) === wanted);
}

const fillerWords = new Set(['and', 'of', 'to', 'the', 'in', 'for', 'on', 'a']);

/** Tag columns an editor may have meant: a close spelling first, then those sharing a word with the name. */
function similarTags(name: string, columns: readonly string[]): string[] {
  const words = new Set(
    comparable(name)
      .split(' ')
      .filter((word) => !fillerWords.has(word)),
  );
  const sharing = columns.filter((column) =>
    comparable(column)
      .split(' ')
      .some((word) => words.has(word)),
  );
  const spelling = closest(name, columns);
  return [...new Set([...(spelling === undefined ? [] : [spelling]), ...sharing])].slice(0, 4);
}

/** Command-line words: the policy-area name, and `--tag "<column>"` when the name is not a tag of the export. */
export function parseNewArguments(args: readonly string[]): { name: string; tag?: string } {
  const words: string[] = [];
  let tag: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--tag') tag = args[++i];
    else if (arg.startsWith('--tag=')) tag = arg.slice('--tag='.length);
    else words.push(arg);
  }
  return { name: words.join(' '), ...(tag === undefined ? {} : { tag }) };
}

/** The tag column and latest action-plan year the new sheet's charts draw from, or a message saying what to do. */
async function chartSource(
  root: string,
  data: string,
  area: string,
  tagOption: string | undefined,
): Promise<{ tag: string; latestYear: number } | { error: string }> {
  let tagColumns: string[];
  let commitments: { year: number; tags: ReadonlySet<string> }[];
  try {
    ({ tagColumns, commitments } = readCommitmentsExport(await readTable(root, data)));
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { error: messages.scaffoldNoExport(data, error.problem) };
  }
  const tagged = (column: string): number => commitments.filter((commitment) => commitment.tags.has(column)).length;
  const wanted = tagOption ?? area;
  const tag = matchTagColumn(wanted, tagColumns);
  if (tag === undefined || tagged(tag) === 0) {
    const suggestions = similarTags(
      wanted,
      tagColumns.filter((column) => column !== tag && tagged(column) > 0),
    );
    return {
      error:
        tag === undefined
          ? messages.scaffoldNoTag(wanted, data, suggestions)
          : messages.scaffoldEmptyTag(wanted, tag, data, suggestions),
    };
  }
  return { tag, latestYear: Math.max(...commitments.map((commitment) => commitment.year)) };
}

/**
 * Writes a draft sheet and its recommendations file for a new policy area. Every text is an
 * instruction to the editor, and `draft: true` marks page and PDF until they are replaced;
 * what the data can tell (the export's tag column, its latest year) is filled in from it.
 */
export async function scaffoldSheet(root: string, name: string, tagOption?: string): Promise<boolean> {
  const area = name.trim().replace(/\s+/g, ' ');
  const slug = slugify(area);
  if (area === '' || slug === '') {
    log(messages.scaffoldUsage());
    return false;
  }
  const sheetFile = `${contentLayout.policyAreas.dir}/${slug}.mdx`;
  const recommendationsFile = `${contentLayout.recommendations.dir}/${slug}.yaml`;
  for (const file of [sheetFile, recommendationsFile]) {
    if (existsSync(path.join(root, file))) {
      log(messages.scaffoldExists(file));
      return false;
    }
  }
  const data = await defaultDataFile(root);
  const source = await chartSource(root, data, area, tagOption);
  if ('error' in source) {
    log(source.error);
    return false;
  }
  const { tag, latestYear } = source;
  const frontmatter = {
    title: `${area} Fact Sheet`,
    area,
    summary: `Replace with one or two sentences about ${area} for the index page and link previews.`,
    edition: new Date().toISOString().slice(0, 10),
    pages: 2,
    draft: true,
    keyTakeaways: ['Replace with the first key takeaway (up to five).'],
    statusQuo: [{ lead: 'Replace with a bold lead', text: 'Replace with the text that follows the lead.' }],
    dataNote: `Replace with the scope of the data, e.g. "Commitment data analyzes all commitments through the ${latestYear} action plan cycle."`,
    commitmentProgress: {
      text: `Replace with the commitment progress text. Figures computed from the data can be inserted, e.g. {{total_commitments}} total commitments.`,
      charts: ['commitments-per-year'],
    },
    membersDoing: ['Replace with what OGP members are doing'],
    recommendations: slug,
    notableCommitments: [],
    irmQuickStats: {
      text: 'Replace with what the IRM found about these commitments.',
      charts: ['commitment-performance'],
      definitions: [
        {
          term: 'Ambition',
          text: 'Ambitious commitments are those that the IRM finds would make transformative changes if fully implemented.',
        },
        {
          term: 'Completion',
          text: 'Highly complete commitments are those that the IRM finds were substantially or fully implemented.',
        },
        {
          term: 'Early Results',
          text: 'Strong early results indicate the commitment made significant improvements to government openness.',
        },
      ],
    },
    charts: [
      {
        id: 'commitments-per-year',
        kind: 'commitments-per-year',
        title: `${area} commitments per year`,
        alt: `Bar chart of the number of ${area.toLowerCase()} commitments OGP members made in each action-plan year.`,
        tag,
        data,
        source: 'OGP commitments data.',
      },
      {
        id: 'commitment-performance',
        kind: 'irm-performance',
        title: 'Commitment Performance',
        alt: `Bar chart comparing ${area.toLowerCase()} commitments with all OGP commitments on the share the IRM rated ambitious, substantially complete, and with strong early results.`,
        tag,
        data,
        source: "OGP's Independent Reporting Mechanism (IRM).",
      },
    ],
  };
  const body = `Replace with the "Why ${area.toLowerCase()}?" prose: why this policy area matters for open government.\n`;
  const recommendations = {
    intro: 'The following recommendations summarize key actions for OGP members to implement:',
    groups: [
      {
        title: 'Replace With the First Group Heading',
        items: ['Replace with the first recommendation.', 'Replace with the second recommendation.'],
      },
    ],
  };
  await writeFile(path.join(root, sheetFile), `---\n${stringify(frontmatter, { lineWidth: 100 })}---\n\n${body}`);
  await writeFile(path.join(root, recommendationsFile), stringify(recommendations, { lineWidth: 100 }));
  log(messages.scaffoldCreated(sheetFile, recommendationsFile, slug));
  log(messages.scaffoldTag(tag, data));
  return runCheck(root);
}

import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { exportTagColumn } from './charts/index.ts';
import { slugify } from './content/ids.ts';
import { contentLayout } from './content/load.ts';
import { messages } from './messages.ts';
import { runCheck } from './pipeline.ts';

const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** The export file new sheets draw their charts from: the one the existing sheets use. */
async function defaultDataFile(root: string): Promise<string> {
  const files = (await readdir(path.join(root, 'data')).catch(() => [] as string[]))
    .filter((file) => file.endsWith('.csv'))
    .sort();
  return files.find((file) => file.startsWith('ogp-commitments')) ?? files[0] ?? 'ogp-commitments.csv';
}

/**
 * Writes a draft sheet and its recommendations file for a new policy area. Every text is an
 * instruction to the editor, and `draft: true` marks page and PDF until they are replaced.
 */
export async function scaffoldSheet(root: string, name: string): Promise<boolean> {
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
  // The tag as the export spells it ("digital governance" -> "Digital Governance"), so check passes.
  const tag = (await exportTagColumn(root, data, area)) ?? area;
  const frontmatter = {
    title: `${area} Fact Sheet`,
    area,
    summary: `Replace with one or two sentences about ${area} for the index page and link previews.`,
    edition: new Date().toISOString().slice(0, 10),
    pages: 2,
    draft: true,
    keyTakeaways: ['Replace with the first key takeaway (up to five).'],
    statusQuo: [{ lead: 'Replace with a bold lead', text: 'Replace with the text that follows the lead.' }],
    dataNote:
      'Replace with the scope of the data, e.g. "Commitment data analyzes all commitments through the 2024 action plan cycle."',
    commitmentProgress: {
      text: `Replace with the commitment progress text. Figures computed from the data can be inserted, e.g. {{total_commitments}} total commitments.`,
      chart: 'commitments-per-year',
    },
    membersDoing: ['Replace with what OGP members are doing'],
    recommendations: slug,
    notableCommitments: [],
    irmQuickStats: {
      text: 'Replace with what the IRM found about these commitments.',
      chart: 'commitment-performance',
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
  return runCheck(root);
}

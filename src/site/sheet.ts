/**
 * Data assembly for the sheet pages: loads a policy area with its recommendations,
 * commitments and members, groups them in the order the sheet shows them, and gives
 * every part its anchor. Pages stay thin; nothing here depends on the clock or locale.
 */
import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import {
  commitmentKindHeadings,
  recommendationGroupId,
  recommendationId,
  sectionIds,
  slugify,
} from '../content/ids.ts';
export { commitmentKindHeadings } from '../content/ids.ts';
import { commitmentKinds, type Commitment } from '../schemas/commitment.ts';
import type { Link } from '../schemas/common.ts';
import type { PolicyArea } from '../schemas/policy-area.ts';
import { formatDate, pdfFileName, pdfPath } from './paths.ts';

export type PolicyAreaEntry = CollectionEntry<'policyAreas'>;
type CommitmentKind = Commitment['kind'];

/** Headings of the sheet's sections, as the reference words them. */
export const sectionHeadings = {
  keyTakeaways: 'Key takeaways',
  statusQuo: 'Status quo',
  commitmentProgress: 'Commitment progress',
  membersDoing: 'What are OGP members doing?',
  whereToNext: 'Where to next',
  notableCommitments: 'Notable commitments',
  irmQuickStats: 'IRM quick stats',
  sources: 'Sources',
} as const;

/** The heading of the prose part: `whyHeading`, or "Why <area>?". */
export function whyHeading(sheet: PolicyArea): string {
  return sheet.whyHeading ?? `Why ${sheet.area.toLowerCase()}?`;
}

/** The id of a section's heading, for `aria-labelledby`: "<section-id>-heading". */
export function headingId(id: string): string {
  return `${id}-heading`;
}

export { formatDate, pdfFileName, pdfPath, sheetPath } from './paths.ts';

export interface RecommendationView {
  /** Anchor: "<group-id>-<n>". */
  id: string;
  /** Markdown. */
  text: string;
}

export interface RecommendationGroupView {
  /** Anchor: the group's `id`, or its heading slugified. */
  id: string;
  title: string;
  items: RecommendationView[];
}

export interface CommitmentView {
  /** Anchor: the commitment's entry id (file stem). */
  id: string;
  headingId: string;
  /** The member as shown: "France", or "Buenos Aires, Argentina" for a local member. */
  member: string;
  title: string;
  year: number;
  /** Markdown. */
  text: string;
  links: Link[];
}

export interface CommitmentGroupView {
  kind: CommitmentKind;
  /** Anchor: "recent-results", "commitments-to-watch". */
  id: string;
  heading: string;
  commitments: CommitmentView[];
}

export interface TocItem {
  id: string;
  label: string;
}

export interface SheetView {
  slug: string;
  entry: PolicyAreaEntry;
  sheet: PolicyArea;
  whyHeading: string;
  edition: { iso: string; label: string };
  pdf: { href: string; fileName: string };
  /** Markdown. */
  recommendationsIntro: string;
  recommendationGroups: RecommendationGroupView[];
  /** Only the kinds that have commitments, in the order of `commitmentKinds`; empty hides the part. */
  commitmentGroups: CommitmentGroupView[];
  /** The "On this page" links, in the order of the sections. */
  toc: TocItem[];
}

/** Every sheet, sorted by policy area name (then slug), for the index and the JSON index. */
export async function allSheets(): Promise<PolicyAreaEntry[]> {
  const entries = await getCollection('policyAreas');
  return entries.sort((a, b) => compareText(a.data.area, b.data.area) || compareText(a.id, b.id));
}

/** Locale-independent ordering (code units), so the order is the same on every machine. */
function compareText(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Everything the sheet page shows, assembled and anchored. */
export async function loadSheet(entry: PolicyAreaEntry): Promise<SheetView> {
  const sheet = entry.data;
  const slug = entry.id;

  const recommendations = await getEntry('recommendations', sheet.recommendations);
  if (recommendations === undefined) {
    throw new Error(
      `Sheet ${slug}: no recommendations file content/recommendations/${sheet.recommendations}.yaml (run \`npm run check\`).`,
    );
  }
  const recommendationGroups = recommendations.data.groups.map((group): RecommendationGroupView => {
    const id = recommendationGroupId(group);
    return {
      id,
      title: group.title,
      items: group.items.map((text, index) => ({ id: recommendationId(group, index), text })),
    };
  });

  const commitments: CommitmentView[] = [];
  const kinds = new Map<string, CommitmentKind>();
  for (const id of sheet.notableCommitments) {
    const commitment = await getEntry('commitments', id);
    if (commitment === undefined) {
      throw new Error(`Sheet ${slug}: no commitment content/commitments/${id}.yaml (run \`npm run check\`).`);
    }
    const data = commitment.data;
    const member = await getEntry('members', data.member);
    const memberLabel =
      member?.data.kind === 'local' && member.data.country !== undefined
        ? `${data.member}, ${member.data.country}`
        : data.member;
    kinds.set(id, data.kind);
    commitments.push({
      id,
      headingId: headingId(id),
      member: memberLabel,
      title: data.title,
      year: data.year,
      text: data.text,
      links: data.links,
    });
  }
  const commitmentGroups = commitmentKinds
    .map((kind): CommitmentGroupView => {
      const heading = commitmentKindHeadings[kind];
      const id = slugify(heading);
      return {
        kind,
        id,
        heading,
        commitments: commitments.filter((c) => kinds.get(c.id) === kind),
      };
    })
    .filter((group) => group.commitments.length > 0);

  const why = whyHeading(sheet);
  const toc: TocItem[] = [
    { id: sectionIds.keyTakeaways, label: sectionHeadings.keyTakeaways },
    { id: sectionIds.why, label: why },
    { id: sectionIds.statusQuo, label: sectionHeadings.statusQuo },
    { id: sectionIds.commitmentProgress, label: sectionHeadings.commitmentProgress },
    { id: sectionIds.membersDoing, label: sectionHeadings.membersDoing },
    { id: sectionIds.whereToNext, label: sectionHeadings.whereToNext },
  ];
  if (commitmentGroups.length > 0)
    toc.push({ id: sectionIds.notableCommitments, label: sectionHeadings.notableCommitments });
  toc.push({ id: sectionIds.irmQuickStats, label: sectionHeadings.irmQuickStats });
  if (sheet.sources.length > 0) toc.push({ id: sectionIds.sources, label: sectionHeadings.sources });

  return {
    slug,
    entry,
    sheet,
    whyHeading: why,
    edition: { iso: sheet.edition, label: formatDate(sheet.edition) },
    pdf: { href: pdfPath(slug), fileName: pdfFileName(slug) },
    recommendationsIntro: recommendations.data.intro,
    recommendationGroups,
    commitmentGroups,
    toc,
  };
}

/**
 * Data assembly for the sheet pages: takes what the content loader made for a page (its
 * `sheetPages` entry: the sheet in the language, figures filled, charts drawn; see
 * src/content/sheet-pages.ts), groups it in the order the sheet shows it, and gives every part
 * its anchor. Pages stay thin; nothing here depends on the clock or locale.
 */
import {
  commitmentKindHeadings,
  recommendationGroupId,
  recommendationId,
  sectionIds,
  slugify,
} from '../content/ids.ts';
export { commitmentKindHeadings } from '../content/ids.ts';
import { languages, strings } from '../i18n/index.ts';
import { commitmentKinds, type Commitment } from '../schemas/commitment.ts';
import type { Link } from '../schemas/common.ts';
import type { PolicyArea } from '../schemas/policy-area.ts';
import type { RenderedChart } from '../charts/render.ts';
import { pageEntries, pageEntry } from '../content/page-entries.ts';
import type { SheetEditions, SheetPage } from '../content/sheet-pages.ts';
import type { PastEdition } from './editions.ts';
import { memberLabel } from './member-label.ts';
import { formatDate, pdfFileName, pdfPath } from './paths.ts';

/** A sheet as the pages list it: its policyAreas entry (id: the file name without extension). */
export interface PolicyAreaEntry {
  id: string;
  data: PolicyArea;
}
type CommitmentKind = Commitment['kind'];

/** The heading of the prose part: `whyHeading`, or "Why <area>?" in the page's language. */
export function whyHeading(sheet: PolicyArea, lang = 'en'): string {
  return sheet.whyHeading ?? strings(lang).sheet.why(sheet.area);
}

/** The heading of a group of notable commitments in the page's language (its anchor stays the English one). */
function commitmentKindHeading(kind: CommitmentKind, lang: string): string {
  const t = strings(lang).sheet;
  return kind === 'recent-result' ? t.recentResults : t.commitmentsToWatch;
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
  /** The page's language. */
  lang: string;
  /** For a translated page: how the translation stands (the notices show from it). */
  translation: SheetPage['translation'];
  /** What the content loader made for this page: drawn charts, social card text, past editions, its digest. */
  page: SheetPageEntry;
}

/** What the content loader made for a sheet's page in a language (kept out of Astro's store: src/content/page-entries.ts). */
export interface SheetPageEntry {
  /** "<lang>/<slug>". */
  id: string;
  data: SheetPage;
  /** Changes whenever the data does. */
  digest: string;
}

/** What the content loader made for a sheet's page in a language; undefined when it is not published in it. */
export async function sheetPage(slug: string, lang: string): Promise<SheetPageEntry | undefined> {
  return (await pageEntry('sheetPages', `${lang}/${slug}`)) as SheetPageEntry | undefined;
}

/** A chart of a sheet as its page in that language shows it, drawn by the content loader. */
export async function renderedChart(slug: string, lang: string, chartId: string): Promise<RenderedChart> {
  const chart = (await sheetPage(slug, lang))?.data.charts.find((candidate) => candidate.id === chartId);
  if (chart === undefined) throw new Error(`Sheet ${slug} has no chart ${chartId} in ${lang} (run \`npm run check\`).`);
  return chart;
}

/** A sheet's past editions kept in a language (also one it is no longer published in), newest first. */
export async function keptEditions(slug: string, lang: string): Promise<PastEdition[]> {
  return ((await pageEntry('sheetEditions', `${lang}/${slug}`))?.data as SheetEditions | undefined)?.editions ?? [];
}

/** The sheet is published in the language: it has a page there (every text translated; an out-of-date one still counts). */
async function isPublishedIn(entry: PolicyAreaEntry, lang: string): Promise<boolean> {
  // Asked of the English page, which every sheet has and which lists the others.
  return (await sheetPage(entry.id, 'en'))?.data.languages.includes(lang) ?? false;
}

/** Every sheet, sorted by policy area name (then slug), for the index and the JSON index. */
export async function allSheets(): Promise<PolicyAreaEntry[]> {
  const entries = [...(await pageEntries('policyAreas')).values()].map((entry): PolicyAreaEntry => ({
    id: entry.id,
    data: entry.data as PolicyArea,
  }));
  return entries.sort((a, b) => compareText(a.data.area, b.data.area) || compareText(a.id, b.id));
}

/** The sheets published in a language (every sheet in English; in Spanish and French the fully translated ones). */
export async function sheetsIn(lang: string): Promise<PolicyAreaEntry[]> {
  const entries = await allSheets();
  const published = await Promise.all(entries.map((entry) => isPublishedIn(entry, lang)));
  return entries.filter((_, i) => published[i]);
}

/** The languages a sheet is published in, English first. */
export async function languagesOf(entry: PolicyAreaEntry): Promise<string[]> {
  const published = await Promise.all(languages.map((lang) => isPublishedIn(entry, lang)));
  return languages.filter((_, i) => published[i]);
}

/** A sheet's data in a language as its page shows it (for the index, the embeds, the editions) and how its translation stands. */
export async function sheetCard(
  entry: PolicyAreaEntry,
  lang: string,
): Promise<{ sheet: PolicyArea; status: SheetPage['translation'] }> {
  const page = await sheetPage(entry.id, lang);
  if (page === undefined) throw new Error(`Sheet ${entry.id} has no page in ${lang} (run \`npm run check\`).`);
  return { sheet: page.data.sheet, status: page.data.translation };
}

/** Locale-independent ordering (code units), so the order is the same on every machine. */
function compareText(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Everything the sheet page shows, assembled and anchored. */
export async function loadSheet(entry: PolicyAreaEntry, lang = 'en'): Promise<SheetView> {
  const slug = entry.id;
  const page = await sheetPage(slug, lang);
  if (page === undefined) {
    throw new Error(
      `Sheet ${slug} is not fully translated into ${lang}: it has no page in that language (run \`npm run check\`).`,
    );
  }
  const { sheet } = page.data;
  const t = strings(lang).sheet;

  const recommendations = page.data.recommendations === undefined ? undefined : { data: page.data.recommendations };
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
    const data = page.data.commitments[id];
    if (data === undefined) {
      throw new Error(`Sheet ${slug}: no commitment content/commitments/${id}.yaml (run \`npm run check\`).`);
    }
    kinds.set(id, data.kind);
    commitments.push({
      id,
      headingId: headingId(id),
      member: memberLabel(data.member, page.data.members, lang),
      title: data.title,
      year: data.year,
      text: data.text,
      links: data.links,
    });
  }
  const commitmentGroups = commitmentKinds
    .map((kind): CommitmentGroupView => {
      // The anchor is the English heading's, the same in every language.
      const id = slugify(commitmentKindHeadings[kind]);
      const heading = commitmentKindHeading(kind, lang);
      return {
        kind,
        id,
        heading,
        commitments: commitments.filter((c) => kinds.get(c.id) === kind),
      };
    })
    .filter((group) => group.commitments.length > 0);

  const why = whyHeading(sheet, lang);
  const toc: TocItem[] = [
    { id: sectionIds.keyTakeaways, label: t.keyTakeaways },
    { id: sectionIds.why, label: why },
    { id: sectionIds.statusQuo, label: t.statusQuo },
    { id: sectionIds.commitmentProgress, label: t.commitmentProgress },
    { id: sectionIds.membersDoing, label: t.membersDoing },
    { id: sectionIds.whereToNext, label: t.whereToNext },
  ];
  if (commitmentGroups.length > 0) toc.push({ id: sectionIds.notableCommitments, label: t.notableCommitments });
  toc.push({ id: sectionIds.irmQuickStats, label: t.irmQuickStats });
  if (sheet.sources.length > 0) toc.push({ id: sectionIds.sources, label: t.sources });

  return {
    slug,
    entry,
    sheet,
    whyHeading: why,
    edition: { iso: sheet.edition, label: formatDate(sheet.edition, lang) },
    pdf: { href: pdfPath(slug, lang), fileName: pdfFileName(slug, lang) },
    recommendationsIntro: recommendations.data.intro,
    recommendationGroups,
    commitmentGroups,
    toc,
    lang,
    translation: page.data.translation,
    page,
  };
}

import type { RecommendationGroup } from '../schemas/recommendations.ts';

/** Lowercase-hyphen form of a heading, for anchors: "Protect Civic Space Online" -> "protect-civic-space-online". */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The anchor of a recommendation group: its `id`, or its heading slugified. */
export function recommendationGroupId(group: RecommendationGroup): string {
  return group.id ?? slugify(group.title);
}

/** The anchor of the n-th (0-based) recommendation of a group: "<group-id>-<n+1>". */
export function recommendationId(group: RecommendationGroup, index: number): string {
  return `${recommendationGroupId(group)}-${index + 1}`;
}

/** The fixed anchors of a sheet's sections, in the order the sheet shows them. */
export const sectionIds = {
  keyTakeaways: 'key-takeaways',
  why: 'why',
  statusQuo: 'status-quo',
  dataNote: 'data-note',
  commitmentProgress: 'commitment-progress',
  membersDoing: 'what-members-are-doing',
  whereToNext: 'where-to-next',
  notableCommitments: 'notable-commitments',
  irmQuickStats: 'irm-quick-stats',
  sources: 'sources',
} as const;

/** Ids the page layout uses whatever the content says. */
export const fixedPageIds = ['main', 'sheet-title', 'on-this-page', 'draft'] as const;

/** Headings of the groups of notable commitments, in the order the sheet shows them. */
export const commitmentKindHeadings = {
  'recent-result': 'Recent results',
  'commitment-to-watch': 'Commitments to watch',
} as const;

/**
 * The anchors a sheet page has before any content-made one: the layout's, each section
 * and its heading ("<section>-heading"), and the groups of notable commitments. An id an
 * editor writes (a chart, a recommendation group) must differ from all of them.
 */
export function reservedPageIds(): Set<string> {
  const sections = Object.values(sectionIds);
  return new Set<string>([
    ...fixedPageIds,
    ...sections,
    ...sections.map((id) => `${id}-heading`),
    ...Object.values(commitmentKindHeadings).map(slugify),
  ]);
}

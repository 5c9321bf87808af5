import { messages, type Message } from '../messages.ts';
import { recommendationGroupId, recommendationId, reservedPageIds } from './ids.ts';
import { closest, formatFieldPath, type Issue } from '../diagnostics/index.ts';
import type { SiteContent } from './load.ts';
import type { ParsedSource } from './source.ts';

const at = (source: ParsedSource, path: readonly PropertyKey[], message: Message): Issue => ({
  file: source.file,
  ...source.locate(path),
  field: formatFieldPath(path),
  ...message,
  severity: 'error',
});

const where = (source: ParsedSource, path: readonly PropertyKey[]): string => {
  const { line, column } = source.locate(path);
  return `${source.file}:${line}:${column}`;
};

/** Checks every cross-reference and id between the validated entries. */
export function checkReferences(content: SiteContent): Issue[] {
  const issues: Issue[] = [];
  // Sets, not arrays: every lookup below is O(1), so the check stays linear in the content.
  const sheetIds = new Set(content.ids.policyAreas);
  const recommendationIds = new Set(content.ids.recommendations);
  const commitmentIds = new Set(content.ids.commitments);

  // Commitments that failed their schema still get their references checked, so that
  // one run reports every mistake.
  const commitmentSources = [...[...content.commitments.values()].map((entry) => entry.source), ...content.invalidCommitments];
  for (const source of commitmentSources) {
    const data = source.data as { member?: unknown; policyAreas?: unknown };
    if (content.membersSource !== undefined && typeof data.member === 'string' && !content.members.has(data.member)) {
      issues.push(at(source, ['member'], messages.unknownReference('member', data.member, 'content/members.yaml', closest(data.member, content.members.keys()))));
    }
    if (!Array.isArray(data.policyAreas)) continue;
    data.policyAreas.forEach((area: unknown, index) => {
      if (typeof area === 'string' && !sheetIds.has(area)) {
        issues.push(at(source, ['policyAreas', index], messages.unknownReference('policy area', area, 'content/policy-areas/', closest(area, sheetIds))));
      }
    });
  }

  // Slugs and aliases share one URL space: /policy-areas/<slug>/.
  const urls = new Map<string, string>();
  for (const id of content.ids.policyAreas) urls.set(id, `content/policy-areas/${id}.mdx`);
  const sheets = [...content.sheets.map(({ id, source }) => ({ id, source })), ...content.invalidSheets];
  for (const { id: sheetId, source } of sheets) {
    const data = source.data as { aliases?: unknown; recommendations?: unknown; notableCommitments?: unknown };
    if (Array.isArray(data.aliases)) {
      data.aliases.forEach((alias: unknown, index) => {
        if (typeof alias !== 'string') return;
        const taken = urls.get(alias);
        if (taken !== undefined) issues.push(at(source, ['aliases', index], messages.duplicateId('sheet slug or alias', alias, taken)));
        else urls.set(alias, where(source, ['aliases', index]));
      });
    }

    if (typeof data.recommendations === 'string' && !recommendationIds.has(data.recommendations)) {
      issues.push(
        at(source, ['recommendations'], messages.unknownReference('recommendations file', data.recommendations, 'content/recommendations/', closest(data.recommendations, recommendationIds))),
      );
    }

    const listed = new Set<string>();
    if (!Array.isArray(data.notableCommitments)) continue;
    data.notableCommitments.forEach((id: unknown, index) => {
      if (typeof id !== 'string') return;
      const path = ['notableCommitments', index];
      if (listed.has(id)) issues.push(at(source, path, messages.duplicateReference('commitment', id)));
      listed.add(id);
      const commitment = content.commitments.get(id);
      if (!commitmentIds.has(id)) {
        issues.push(at(source, path, messages.unknownReference('commitment', id, 'content/commitments/', closest(id, commitmentIds))));
      } else if (commitment !== undefined && !commitment.data.policyAreas.includes(sheetId)) {
        issues.push(at(source, path, messages.commitmentNotInArea(id, sheetId)));
      }
    });
  }

  for (const sheet of content.sheets) issues.push(...checkPageAnchors(content, sheet));

  return issues;
}

/**
 * A sheet page holds the anchors of its sections, its charts, the groups and items of its
 * recommendations and its commitments in one id space: an id made from content must not
 * take one the page already has, or another part's.
 */
function checkPageAnchors(content: SiteContent, sheet: SiteContent['sheets'][number]): Issue[] {
  const issues: Issue[] = [];
  const reserved = reservedPageIds();
  // Where each id was first claimed, found only for an id claimed again (finding it may parse the file again: src/content/source.ts).
  const taken = new Map<string, () => string>();
  const claim = (id: string, source: ParsedSource, path: readonly PropertyKey[]): void => {
    if (id === '') {
      issues.push(at(source, path, messages.emptyAnchor()));
      return;
    }
    const first = reserved.has(id) ? `the sheet's own "${id}" part` : taken.get(id)?.();
    if (first !== undefined) issues.push(at(source, path, messages.duplicateId('anchor', id, first)));
    else taken.set(id, () => where(source, path));
  };
  // A chart id or commitment listed twice has its own message (duplicate chart / listed twice).
  const firstOnly = <T>(items: readonly T[], key: (item: T) => string) => {
    const seen = new Set<string>();
    return items.flatMap((item, index) => (seen.has(key(item)) ? [] : (seen.add(key(item)), [{ item, index }])));
  };
  for (const { item, index } of firstOnly(sheet.data.charts, (chart) => chart.id)) claim(item.id, sheet.source, ['charts', index, 'id']);
  for (const { item, index } of firstOnly(sheet.data.notableCommitments, (id) => id)) claim(item, sheet.source, ['notableCommitments', index]);
  const recommendations = content.recommendations.get(sheet.data.recommendations);
  recommendations?.data.groups.forEach((group, groupIndex) => {
    const path = ['groups', groupIndex, group.id === undefined ? 'title' : 'id'];
    const before = issues.length;
    claim(recommendationGroupId(group), recommendations.source, path);
    // Item anchors derive from the group's: report the group once, not each item again.
    if (issues.length > before) return;
    group.items.forEach((_, index) => claim(recommendationId(group, index), recommendations.source, ['groups', groupIndex, 'items', index]));
  });
  return issues;
}

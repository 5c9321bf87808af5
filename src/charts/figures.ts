/**
 * The standard figures, computed from a commitments export for one policy-area tag: the
 * commitments per action-plan year, the IRM performance of the area against all commitments,
 * and the named numbers the prose refers to as {{name}}. Pure functions of the export.
 */
import { tagColumn, type CommitmentsExport, type ExportedCommitment } from './commitments-export.ts';

/** Below this many assessed commitments, a share is marked "*" (OGP's practice). */
export const SMALL_SAMPLE = 50;

export interface Scope {
  tag: string;
  /** Last action-plan year counted; defaults to the export's latest year. */
  until?: number | undefined;
}

export interface YearCount {
  year: number;
  commitments: number;
}

/**
 * Commitments per action-plan year, every year from the export's first year to the last
 * (years without commitments show as 0, so the axis never skips a year).
 */
export function commitmentsPerYear(data: CommitmentsExport, scope: Scope): YearCount[] {
  const { area } = select(data, scope);
  const { firstYear, lastYear } = period(data, scope.until);
  const counts = new Map<number, number>();
  for (const c of area) counts.set(c.year, (counts.get(c.year) ?? 0) + 1);
  const out: YearCount[] = [];
  for (let year = firstYear; year <= lastYear; year++) out.push({ year, commitments: counts.get(year) ?? 0 });
  return out;
}

export type MeasureKey = 'ambition' | 'completion' | 'earlyResults';
export const MEASURES: readonly MeasureKey[] = ['ambition', 'completion', 'earlyResults'];

const rating = (c: ExportedCommitment, measure: MeasureKey): boolean | undefined =>
  measure === 'ambition' ? c.ambitious : measure === 'completion' ? c.complete : c.strongResults;

export interface Share {
  /** Commitments the IRM assessed on the measure. */
  assessed: number;
  /** Of those, how many were ambitious / complete / had strong early results. */
  meeting: number;
  /** meeting / assessed in whole percent (0 when nothing was assessed). */
  percent: number;
  /** Fewer than SMALL_SAMPLE assessed: the chart marks it "*". */
  smallSample: boolean;
}

/** The share over assessed commitments only, as OGP computes it. */
export function share(commitments: readonly ExportedCommitment[], measure: MeasureKey): Share {
  let assessed = 0;
  let meeting = 0;
  for (const c of commitments) {
    const value = rating(c, measure);
    if (value === undefined) continue;
    assessed++;
    if (value) meeting++;
  }
  return {
    assessed,
    meeting,
    percent: assessed === 0 ? 0 : Math.round((meeting / assessed) * 100),
    smallSample: assessed < SMALL_SAMPLE,
  };
}

/**
 * What a scope's figures take from the export and its last year alone, whatever the tag: made
 * once per export and year, not at every call (a build asks for each sheet's figures and charts
 * several times, and each call filtered the whole export for the year and then for the tag).
 */
interface Period {
  lastYear: number;
  /** The commitments up to lastYear, in the export's order. */
  all: readonly ExportedCommitment[];
  /** Those of them marked with each tag column, in the same order: one pass for every tag. */
  byTag: ReadonlyMap<string, readonly ExportedCommitment[]>;
  /** The first year among `all` (Infinity when there is none, as Math.min gives). */
  firstYear: number;
  /** Distinct members among `all`. */
  members: number;
  /** The share of `all` on each measure. */
  shares: Readonly<Record<MeasureKey, Share>>;
}

const periods = new WeakMap<CommitmentsExport, Map<number | undefined, Period>>();

function period(data: CommitmentsExport, until: number | undefined): Period {
  let known = periods.get(data);
  if (!known) periods.set(data, (known = new Map()));
  const found = known.get(until);
  if (found) return found;
  const lastYear = until ?? Math.max(...data.commitments.map((c) => c.year));
  const all = data.commitments.filter((c) => c.year <= lastYear);
  const byTag = new Map<string, ExportedCommitment[]>();
  for (const c of all) {
    for (const tag of c.tags) {
      const list = byTag.get(tag);
      if (list) list.push(c);
      else byTag.set(tag, [c]);
    }
  }
  const made: Period = {
    lastYear,
    all,
    byTag,
    firstYear: Math.min(...all.map((c) => c.year)),
    members: new Set(all.map((c) => c.member)).size,
    shares: {
      ambition: share(all, 'ambition'),
      completion: share(all, 'completion'),
      earlyResults: share(all, 'earlyResults'),
    },
  };
  known.set(until, made);
  return made;
}

/** The commitments in scope (up to `until`) and those of them tagged with the area. Not to be changed. */
export function select(data: CommitmentsExport, scope: Scope) {
  const { all, byTag, lastYear } = period(data, scope.until);
  const tag = tagColumn(data.tagColumns, scope.tag) ?? scope.tag;
  const area = byTag.get(tag) ?? [];
  return { all, area, lastYear };
}

export interface IrmPerformance {
  measure: MeasureKey;
  area: Share;
  all: Share;
}

export function irmPerformance(data: CommitmentsExport, scope: Scope): IrmPerformance[] {
  const { area } = select(data, scope);
  const { shares } = period(data, scope.until);
  return MEASURES.map((measure) => ({ measure, area: share(area, measure), all: { ...shares[measure] } }));
}

/** A named number the prose may print as {{name}}, with the noun that follows it in text. */
export interface Figure {
  value: number;
  /** The word a typed number is followed by when it means this figure, for contradiction warnings. */
  unit: 'commitments' | 'members' | 'percent' | 'year';
  /** What it is, for documentation and messages. */
  description: string;
}

/** The name of every figure the prose can reference (what `namedFigures` gives for any data). */
export function figureNames(): string[] {
  return Object.keys(namedFigures({ file: '', hash: '', commitments: [], tagColumns: [] }, { tag: '', until: 0 }));
}

/**
 * The figures the prose can reference. Names are stable: content refers to them.
 * "Recent" means the last two action-plan years in scope (e.g. the 2019 or 2020 plans).
 */
export function namedFigures(data: CommitmentsExport, scope: Scope): Record<string, Figure> {
  const { area, lastYear } = select(data, scope);
  const { all, firstYear, members } = period(data, scope.until);
  const areaMembers = new Set(area.map((c) => c.member));
  const recentMembers = new Set(area.filter((c) => c.year >= lastYear - 1).map((c) => c.member));
  const exactShare = members === 0 ? 0 : (areaMembers.size / members) * 100;
  const performance = irmPerformance(data, scope);
  const figures: Record<string, Figure> = {
    total_commitments: { value: area.length, unit: 'commitments', description: 'commitments tagged with the area' },
    all_commitments: { value: all.length, unit: 'commitments', description: 'all commitments in the export' },
    members_total: {
      value: members,
      unit: 'members',
      description: 'OGP members with an action plan in the export',
    },
    members_with_commitments: {
      value: areaMembers.size,
      unit: 'members',
      description: 'members with at least one commitment in the area',
    },
    members_share_percent: {
      value: Math.round(exactShare),
      unit: 'percent',
      description: 'share of members with a commitment in the area, rounded',
    },
    members_share_under_percent: {
      value: Math.floor(exactShare / 10) * 10 + 10,
      unit: 'percent',
      description: 'the next multiple of 10 above that share, for "under N percent"',
    },
    members_recent: {
      value: recentMembers.size,
      unit: 'members',
      description: 'members with area commitments from the last two plan years',
    },
    first_year: {
      value: Math.min(...area.map((c) => c.year)),
      unit: 'year',
      description: 'first action-plan year with a commitment tagged with the area',
    },
    export_first_year: {
      value: firstYear,
      unit: 'year',
      description: 'first action-plan year in the export',
    },
    last_year: { value: lastYear, unit: 'year', description: 'last action-plan year counted' },
    recent_first_year: { value: lastYear - 1, unit: 'year', description: 'the earlier of the last two plan years' },
  };
  for (const { measure, area: a, all: b } of performance) {
    const name = measure === 'earlyResults' ? 'early_results' : measure;
    figures[`irm_${name}_percent`] = {
      value: a.percent,
      unit: 'percent',
      description: `area: ${measure} share of assessed commitments`,
    };
    figures[`irm_${name}_all_percent`] = {
      value: b.percent,
      unit: 'percent',
      description: `all: ${measure} share of assessed commitments`,
    };
    figures[`irm_${name}_assessed`] = {
      value: a.assessed,
      unit: 'commitments',
      description: `area commitments assessed on ${measure}`,
    };
  }
  return figures;
}

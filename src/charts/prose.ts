/**
 * Figures in prose: `{{name}}` inserts a computed figure, so the text and the chart never
 * disagree; a number typed before "commitments", "members" or "percent" that matches no
 * figure of that unit is reported as a likely contradiction.
 */
import type { Figure } from './figures.ts';

/** `{{name}}` or `{{ name }}`; names are lowercase words joined by underscores. */
const REFERENCE = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

export interface FigureReference {
  name: string;
  /** Offset of the `{{` in the text. */
  index: number;
}

export function findReferences(text: string): FigureReference[] {
  return [...text.matchAll(REFERENCE)].map((m) => ({ name: m[1] ?? '', index: m.index }));
}

/** Replaces every `{{name}}` with its figure; unknown names are left as written (check reports them). */
export function fillFigures(text: string, figures: Record<string, string>): string {
  return text.replace(REFERENCE, (whole, name: string) => figures[name] ?? whole);
}

export interface TypedNumber {
  /** The number as typed, e.g. "27". */
  typed: string;
  value: number;
  unit: Figure['unit'];
  /** The words from the number to the unit, e.g. "27 total digital governance commitments". */
  phrase: string;
}

/**
 * Numbers typed in the text followed within four words by a unit noun: "8 OGP members",
 * "27 total digital governance commitments", "under 20 percent". References are blanked
 * out first, so "{{total_commitments}} commitments" is never flagged.
 */
export function findTypedNumbers(text: string): TypedNumber[] {
  const blanked = text.replace(REFERENCE, ' ');
  const pattern =
    /(?<![\w.,{])(\d{1,3}(?:,\d{3})*|\d+)(?:\s*%|((?:\s+[\p{L}\p{N}'’()-]+){0,4}?)\s+(commitments?|members?|percent)\b)/giu;
  const out: TypedNumber[] = [];
  for (const m of blanked.matchAll(pattern)) {
    const typed = m[1] ?? '';
    const noun = (m[3] ?? 'percent').toLowerCase();
    const unit: Figure['unit'] = noun.startsWith('commitment')
      ? 'commitments'
      : noun.startsWith('member')
        ? 'members'
        : 'percent';
    out.push({ typed, value: Number(typed.replace(/,/g, '')), unit, phrase: m[0].trim() });
  }
  return out;
}

/** The figures a typed number could mean: none matching its value means a contradiction. */
export function contradictions(
  text: string,
  figures: Record<string, Figure>,
): { typed: TypedNumber; candidates: [string, Figure][] }[] {
  const out: { typed: TypedNumber; candidates: [string, Figure][] }[] = [];
  for (const typed of findTypedNumbers(text)) {
    const candidates = Object.entries(figures).filter(([, f]) => f.unit === typed.unit);
    if (candidates.length === 0 || candidates.some(([, f]) => f.value === typed.value)) continue;
    out.push({ typed, candidates });
  }
  return out;
}

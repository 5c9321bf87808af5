/** The string tables, locale formatting and the publishing rule, as functions. */
import { describe, expect, it } from 'vitest';
import { fieldKey, fingerprint, translationState, type TranslationPart } from '../../src/content/translations.ts';
import { chartLocale } from '../../src/i18n/chart-locale.ts';
import { formatDate, formatPercent, pdfSizeLabel, strings, typeset } from '../../src/i18n/index.ts';

describe('locale formatting', () => {
  it('writes dates, percentages and sizes the language’s way', () => {
    expect(formatDate('2026-11-28', 'en')).toBe('28 November 2026');
    expect(formatDate('2026-11-28', 'es')).toBe('28 de noviembre de 2026');
    expect(formatDate('2026-11-28', 'fr')).toBe('28 novembre 2026');
    expect(formatPercent(21, 'en')).toBe('21%');
    expect(formatPercent(21, 'fr')).toBe('21\u202f%');
    expect(pdfSizeLabel(319_488, 'fr')).toBe('PDF, 312 Ko');
    expect(pdfSizeLabel(1_300_000, 'es')).toBe('PDF, 1,2 MB');
  });

  it('puts a narrow no-break space before French high punctuation, in the table too', () => {
    expect(typeset('Pourquoi ? Source : x ; 21 %', 'fr')).toBe('Pourquoi\u202f? Source\u202f: x\u202f; 21\u202f%');
    expect(typeset('https://example.org/a', 'fr')).toBe('https://example.org/a');
    expect(typeset('Why ? a', 'en')).toBe('Why ? a');
    expect(strings('fr').chart.sourceLabel).toBe('Source\u202f:');
    expect(strings('fr').sheet.policyArea('X')).toBe('Domaine politique\u202f: X');
    // The default heading of the prose: no article French would have to agree with the area.
    expect(strings('fr').sheet.why('Parlements ouverts')).toBe('Parlements ouverts\u202f: pourquoi\u202f?');
    expect(strings('es').sheet.why('Parlamentos abiertos')).toBe('¿Por qué parlamentos abiertos?');
  });

  it('gives charts the number and month names of the language', () => {
    const fr = chartLocale('fr');
    expect(fr.number?.decimal).toBe(',');
    expect(fr.number?.percent).toBe('\u202f%');
    expect(fr.time?.months[0]).toBe('janvier');
    expect(chartLocale('es').time?.days[0]).toBe('domingo');
  });
});

describe('the publishing rule', () => {
  const part = (value: string, recorded: string | undefined, translated: string | undefined): TranslationPart => ({
    englishFile: 'content/recommendations/x.yaml',
    file: 'content/recommendations/es/x.yaml',
    fields: [{ path: ['groups', 0, 'items', 1], value }],
    translation: {
      data: { groups: [{ items: ['a', translated] }] },
      reviewed: true,
      source: recorded === undefined ? {} : { [fieldKey(['groups', 0, 'items', 1])]: recorded },
    },
  });

  it('publishes a current translation, marks a stale one, withholds a missing one', () => {
    expect(fieldKey(['groups', 0, 'items', 1])).toBe('groups[0].items[1]');
    expect(fingerprint('a  b\n c')).toBe(fingerprint('a b c'));
    expect(translationState([part('Text', fingerprint('Text'), 'Texto')]).state).toBe('current');
    expect(translationState([part('New text', fingerprint('Text'), 'Texto')]).state).toBe('stale');
    expect(translationState([part('Text', undefined, 'Texto')]).state).toBe('stale');
    expect(translationState([part('Text', fingerprint('Text'), undefined)]).state).toBe('missing');
    expect(translationState([{ ...part('Text', '', ''), translation: undefined }])).toMatchObject({
      state: 'missing',
      reviewed: false,
    });
  });
});

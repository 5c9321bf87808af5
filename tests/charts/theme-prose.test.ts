import { describe, expect, it } from 'vitest';
import { contradictions, fillFigures, findReferences, findTypedNumbers } from '../../src/charts/prose.ts';
import { colours, contrast } from '../../src/charts/theme.ts';

describe('theme contrast on white (WCAG 2.2 AA)', () => {
  it('text and labels reach 4.5:1', () => {
    for (const colour of [colours.text, colours.muted, colours.accent])
      expect(contrast(colour, '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });
  it('bars and axis lines reach 3:1', () => {
    for (const colour of [colours.accent, colours.comparison, colours.rule])
      expect(contrast(colour, '#ffffff')).toBeGreaterThanOrEqual(3);
  });
});

describe('figures in prose', () => {
  it('fills {{name}} and {{ name }}, leaving unknown names as written', () => {
    expect(fillFigures('{{a}} and {{ b }} and {{c}}', { a: '1', b: '2' })).toBe('1 and 2 and {{c}}');
    expect(findReferences('x {{a}} y {{ b_2 }}')).toEqual([
      { name: 'a', index: 2 },
      { name: 'b_2', index: 10 },
    ]);
  });
  it('finds numbers typed before a unit noun, ignoring references', () => {
    const found = findTypedNumbers(
      'Currently, 8 OGP members made 27 total digital governance commitments; under 20 percent, or 1,200 commitments; {{total_commitments}} commitments; in 2011.',
    );
    expect(found.map((f) => [f.value, f.unit])).toEqual([
      [8, 'members'],
      [27, 'commitments'],
      [20, 'percent'],
      [1200, 'commitments'],
    ]);
  });
  it('flags a number that matches no figure of its unit', () => {
    const figures = { total_commitments: { value: 27, unit: 'commitments', description: '' } } as const;
    expect(contradictions('27 commitments', figures)).toEqual([]);
    expect(contradictions('28 commitments', figures).map((c) => c.typed.value)).toEqual([28]);
  });
});

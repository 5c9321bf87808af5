/**
 * The visible words of a Vega-Lite spec (src/charts/spec-texts.ts): which strings a
 * translation gives, under which keys, and what translating them changes (only those strings).
 */
import { describe, expect, it } from 'vitest';
import { fieldTitle, specTexts, translateSpec } from '../../src/charts/spec-texts.ts';

const spec = {
  title: { text: 'Members by year', subtitle: ['Every member', 'with a plan'] },
  description: 'Bars of members per year',
  transform: [{ calculate: "datum.share + ' %'", as: 'label' }],
  layer: [
    {
      mark: 'bar',
      encoding: {
        x: { field: 'year', type: 'ordinal', title: 'Action plan year', axis: { format: 'd' } },
        y: { field: 'members', type: 'quantitative', axis: { title: 'Members' } },
        color: { field: 'region', type: 'nominal', legend: { title: 'Region' } },
      },
    },
    { mark: { type: 'text', text: 'Target' }, encoding: { text: { value: 'Goal' }, y: { datum: 10 } } },
    { mark: 'rule', encoding: { x: { field: 'year', title: null }, tooltip: { field: 'members', title: '' } } },
  ],
  config: { axis: { labelFont: 'Source Sans 3' } },
};

describe('specTexts', () => {
  it('finds the titles, subtitles, descriptions and written text marks, with their keys', () => {
    expect(specTexts(spec).map((t) => [t.key, t.value])).toEqual([
      ['title.text', 'Members by year'],
      ['title.subtitle[0]', 'Every member'],
      ['title.subtitle[1]', 'with a plan'],
      ['description', 'Bars of members per year'],
      ['layer[0].encoding.x.title', 'Action plan year'],
      ['layer[0].encoding.y.axis.title', 'Members'],
      ['layer[0].encoding.color.legend.title', 'Region'],
      ['layer[1].mark.text', 'Target'],
      ['layer[1].encoding.text.value', 'Goal'],
    ]);
  });

  it('never asks for field names, formats, expressions, data or empty titles', () => {
    const keys = specTexts(spec).map((t) => t.key);
    expect(keys.some((key) => /field|format|calculate|labelFont|tooltip|layer\[2\]/.test(key))).toBe(false);
    expect(specTexts({ data: { values: [{ title: 'x' }] }, mark: 'bar' })).toEqual([]);
  });
});

describe('translateSpec', () => {
  it('puts each translation in its place and changes nothing else', () => {
    const translated = translateSpec(spec, {
      'layer[0].encoding.x.title': 'Año del plan de acción',
      'title.subtitle[1]': 'con un plan',
      'layer[0].encoding.x.field': 'año',
      'not.a.place': 'x',
    });
    expect(translated.layer[0]?.encoding?.x).toEqual({
      field: 'year',
      type: 'ordinal',
      title: 'Año del plan de acción',
      axis: { format: 'd' },
    });
    expect(translated.title.subtitle).toEqual(['Every member', 'con un plan']);
    expect(translated).not.toHaveProperty(['not.a.place']);
    expect(spec.layer[0]?.encoding?.x?.title).toBe('Action plan year');
    const { layer: _a, title: _b, ...rest } = translated;
    const { layer: _c, title: _d, ...original } = spec;
    expect(rest).toEqual(original);
  });
});

describe('fieldTitle', () => {
  it("is the title an encoding gives the field (or its axis's or legend's), else undefined", () => {
    expect(fieldTitle(spec, 'year')).toBe('Action plan year');
    expect(fieldTitle(spec, 'members')).toBe('Members');
    expect(fieldTitle(spec, 'region')).toBe('Region');
    expect(fieldTitle(spec, 'share')).toBeUndefined();
  });
});

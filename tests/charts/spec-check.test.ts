/**
 * `check` of a Vega-Lite spec: fields its transforms make are known (no false "no such
 * column"), the channels and properties are those of the installed Vega-Lite's JSON Schema,
 * and a real mistake still gets its path and "did you mean".
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { vegaRecords } from '../../src/charts/vega-data.ts';
import { vegaLiteVocabulary } from '../../src/charts/vega-lite-schema.ts';
import { validateSpec } from '../../src/charts/vega-lite-spec.ts';
import { messages } from '../../src/messages.ts';

const data = await vegaRecords({
  name: 'members.csv',
  columns: ['member', 'region', 'share', 'year'],
  rows: [],
  lines: [],
  hash: 'test',
  text: 'member,region,share,year\nTestland,Europe,40,2019\nExampleia,Africa,25,2020\n',
});
const errors = async (spec: Record<string, unknown>) =>
  (await validateSpec(spec, data)).filter((p) => p.severity === 'error');
const point = (encoding: Record<string, unknown>, transform: unknown[] = []) => ({
  transform,
  mark: 'point',
  encoding,
});
const q = (field: string) => ({ field, type: 'quantitative' });
const n = (field: string) => ({ field, type: 'nominal' });

describe('fields a spec makes', () => {
  it.each([
    ['density defaults', point({ x: q('value'), y: q('density') }, [{ density: 'share' }])],
    ['fold defaults', point({ x: n('key'), y: q('value') }, [{ fold: ['share', 'year'] }])],
    ['quantile defaults', point({ x: q('prob'), y: q('value') }, [{ quantile: 'share' }])],
    ['pivot outputs', point({ x: q('Europe'), y: q('Africa') }, [{ pivot: 'region', value: 'share' }])],
    ['bin start and end', point({ x: q('b'), x2: { field: 'b_end' } }, [{ bin: true, field: 'share', as: 'b' }])],
    ['stack start and end', point({ y: q('s'), y2: { field: 's_end' } }, [{ stack: 'share', groupby: [], as: 's' }])],
    [
      'aggregate defaults',
      point({ x: q('mean_share'), y: q('count') }, [
        { aggregate: [{ op: 'mean', field: 'share' }, { op: 'count' }], groupby: ['region'] },
      ]),
    ],
    [
      'argmax results',
      point({ x: q('best.share'), y: n('best.member') }, [
        { aggregate: [{ op: 'argmax', field: 'share', as: 'best' }], groupby: ['region'] },
      ]),
    ],
    [
      'window defaults',
      point({ x: q('rank'), y: q('sum_share') }, [{ window: [{ op: 'rank' }, { op: 'sum', field: 'share' }] }]),
    ],
    ['calculate', point({ x: q('double') }, [{ calculate: 'datum.share * 2', as: 'double' }])],
    ['regression', point({ x: q('share'), y: q('year') }, [{ regression: 'year', on: 'share' }])],
    ['"*" of count', point({ x: { aggregate: 'count', field: '*', type: 'quantitative' }, y: n('region') })],
  ])('%s are no missing columns', async (_name, spec) => {
    expect(await errors(spec)).toEqual([]);
  });
});

describe("the installed Vega-Lite's vocabulary", () => {
  const schema = JSON.parse(
    readFileSync(createRequire(import.meta.url).resolve('vega-lite/vega-lite-schema.json'), 'utf8'),
  ) as { definitions: Record<string, { properties?: object; enum?: string[] }> };

  it('comes from its JSON Schema: every channel, every mark', () => {
    const vocabulary = vegaLiteVocabulary();
    expect(vocabulary.channels).toEqual(Object.keys(schema.definitions['FacetedEncoding']?.properties ?? {}));
    expect(vocabulary.channels).toContain('time'); // new in Vega-Lite 6
    expect(vocabulary.marks).toEqual([...(schema.definitions['Mark']?.enum ?? []), 'boxplot', 'errorbar', 'errorband']);
  });

  it('knows the "time" channel, and says why a still chart cannot use it', async () => {
    const problems = await errors(point({ x: q('share'), time: { field: 'year' } }));
    expect(problems.map((p) => [p.path, p.message])).toEqual([[['encoding', 'time'], messages.chartSpecAnimated()]]);
  });

  it('reports an unknown view key, mark property and channel property with did-you-mean', async () => {
    const problems = await errors({
      mark: { type: 'bar', colr: 'red' },
      encodng: {},
      encoding: { x: { feild: 'share', type: 'quantitative' }, colour: n('region') },
    });
    expect(problems.map((p) => [p.path.join('.'), p.message.problem])).toEqual([
      [
        'encodng',
        messages.chartSpecInvalid('"encodng" is not a property of a Vega-Lite view (did you mean "encoding"?)').problem,
      ],
      ['mark.colr', messages.chartSpecInvalid('"colr" is not a property of a mark (did you mean "color"?)').problem],
      [
        'encoding.x.feild',
        messages.chartSpecInvalid('"feild" is not a property of the "x" channel (did you mean "field"?)').problem,
      ],
      [
        'encoding.colour',
        messages.chartSpecInvalid('"colour" is not an encoding channel (did you mean "color"?)').problem,
      ],
    ]);
  });

  it('still reports a wrong field with did-you-mean, including fields the spec makes', async () => {
    const problems = await errors(point({ x: q('shar'), y: q('densty') }, [{ density: 'share' }]));
    expect(problems.map((p) => [p.path.join('.'), p.message])).toEqual([
      ['encoding.x.field', messages.chartSpecFieldMissing('shar', 'members.csv', 'share', data.columns)],
      ['encoding.y.field', messages.chartSpecFieldMissing('densty', 'members.csv', 'density', data.columns)],
    ]);
  });
});

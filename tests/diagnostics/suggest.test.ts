/** The did-you-mean suggestions (src/diagnostics/suggest.ts) check and the build print for a misspelt name. */
import { describe, expect, it } from 'vitest';
import { closest, editDistance } from '../../src/diagnostics/index.ts';

describe('did you mean', () => {
  it('counts two neighbouring letters swapped as one slip', () => {
    expect(editDistance('bra', 'bar')).toBe(1);
    expect(editDistance('tilte', 'title')).toBe(1);
    expect(editDistance('Frnace', 'France')).toBe(1);
    expect(editDistance('bra', 'arc')).toBe(2);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'bar')).toBe(3);
  });

  it('suggests the word a swap of letters was meant for, not another as near by letters replaced', () => {
    // A Vega-Lite mark typed "bra": "bar", not "arc" (two letters replaced, first in the alphabet).
    const marks = ['arc', 'area', 'bar', 'circle', 'line', 'point', 'rect', 'rule', 'text', 'tick'];
    expect(closest('bra', marks)).toBe('bar');
    expect(closest('commitments-per-yera', ['commitments-per-year', 'commitment-performance'])).toBe(
      'commitments-per-year',
    );
    expect(closest('zzz', marks)).toBeUndefined();
  });
});

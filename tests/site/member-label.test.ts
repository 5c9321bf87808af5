/**
 * How a notable commitment names its member (src/site/member-label.ts): OGP's export and
 * content/members.yaml name a local member with its country already ("Buenos Aires, Argentina").
 */
import { describe, expect, it } from 'vitest';
import type { Member } from '../../src/schemas/member.ts';
import { memberLabel } from '../../src/site/member-label.ts';

const members: Record<string, Member> = {
  France: { kind: 'national', names: { es: 'Francia' } },
  Philippines: { kind: 'national', names: { es: 'Filipinas' } },
  'Buenos Aires, Argentina': { kind: 'local', country: 'Argentina' },
  'South Cotabato, Philippines': {
    kind: 'local',
    country: 'Philippines',
    names: { es: 'Cotabato del Sur, Filipinas' },
  },
  Jalisco: { kind: 'local', country: 'Mexico' },
  Cebu: { kind: 'local', country: 'Philippines', names: { fr: 'Cebu' } },
};

describe('a member as a commitment names it', () => {
  it('gives a local member named with its country once, not "Buenos Aires, Argentina, Argentina"', () => {
    expect(memberLabel('Buenos Aires, Argentina', members, 'en')).toBe('Buenos Aires, Argentina');
    expect(memberLabel('Buenos Aires, Argentina', members, 'es')).toBe('Buenos Aires, Argentina');
    expect(memberLabel('South Cotabato, Philippines', members, 'en')).toBe('South Cotabato, Philippines');
    // Its Spanish name names the country in Spanish: no English "Philippines" after it.
    expect(memberLabel('South Cotabato, Philippines', members, 'es')).toBe('Cotabato del Sur, Filipinas');
  });

  it('adds the country to a local member named without it, in the language where members.yaml has it', () => {
    expect(memberLabel('Jalisco', members, 'en')).toBe('Jalisco, Mexico');
    expect(memberLabel('Cebu', members, 'en')).toBe('Cebu, Philippines');
    expect(memberLabel('Cebu', members, 'es')).toBe('Cebu, Filipinas');
    expect(memberLabel('Cebu', members, 'fr')).toBe('Cebu, Philippines');
  });

  it('names a national member in the language, or as commitments spell it', () => {
    expect(memberLabel('France', members, 'en')).toBe('France');
    expect(memberLabel('France', members, 'es')).toBe('Francia');
    expect(memberLabel('France', members, 'fr')).toBe('France');
    expect(memberLabel('Unlisted', members, 'es')).toBe('Unlisted');
  });
});

/** Invisible characters in titles and names: refused by name, except the joiners scripts need. */
import { describe, expect, it } from 'vitest';
import { spoofingCharacter } from '../../src/content/text-hygiene.ts';

describe('spoofing characters', () => {
  it('names the first refused character and where it is', () => {
    expect(spoofingCharacter('Digital \u202eGovernance')).toEqual({ described: 'U+202E RIGHT-TO-LEFT OVERRIDE', offset: 8 });
    expect(spoofingCharacter('\ufeffTitle')?.described).toBe('U+FEFF ZERO WIDTH NO-BREAK SPACE');
    expect(spoofingCharacter('Fra\u200bnce')?.described).toBe('U+200B ZERO WIDTH SPACE');
    expect(spoofingCharacter('a\u2066b\u2069')?.described).toBe('U+2066 LEFT-TO-RIGHT ISOLATE');
    // A joiner between Latin letters joins nothing: it only makes two names differ.
    expect(spoofingCharacter('Fra\u200dnce')?.described).toBe('U+200D ZERO WIDTH JOINER');
  });

  it('allows the joiners between letters of scripts that need them, and plain text', () => {
    expect(spoofingCharacter('می\u200cخواهم')).toBeUndefined(); // Persian: "I want", with a non-joiner
    expect(spoofingCharacter('क्\u200dष')).toBeUndefined(); // Devanagari half form
    expect(spoofingCharacter('Gobierno Abierto — España, Côte d’Ivoire')).toBeUndefined();
    expect(spoofingCharacter('عربى \u200fmark')).toBeUndefined(); // a right-to-left mark is not an override
  });
});

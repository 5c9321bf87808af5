/**
 * Characters that make text read differently than it is written: bidirectional overrides and
 * isolates (U+202E shows "exe.txt" for "txt.exe") and zero-width characters (two titles or
 * names that look the same but differ). Refused in titles, names and labels, the one-line
 * texts that become a page's <title>, the PDF's Title and the names references match on.
 * The zero-width joiners are allowed between letters of scripts that need them (Persian,
 * the Indic scripts): there they change how letters join, not what the text says.
 */

/** Each refused character and its Unicode name. */
const NAMES: Record<number, string> = {
  0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
};

const REFUSED = new RegExp(`[${Object.keys(NAMES).map((code) => `\\u{${Number(code).toString(16)}}`).join('')}]`, 'gu');

/** A letter or mark of a script that joins letters (not Latin and not shared punctuation or digits). */
const JOINING_LETTER = /^(?![\p{Script=Latin}\p{Script=Common}])[\p{L}\p{M}]$/u;

/** "U+202E RIGHT-TO-LEFT OVERRIDE" */
export const describeCodePoint = (code: number): string =>
  `U+${code.toString(16).toUpperCase().padStart(4, '0')} ${NAMES[code] ?? ''}`.trim();

/** The first character of `text` that may not be in a title or name, described, with its offset. */
export function spoofingCharacter(text: string): { described: string; offset: number } | undefined {
  for (const match of text.matchAll(REFUSED)) {
    const code = match[0].codePointAt(0) as number;
    const offset = match.index;
    if (code === 0x200c || code === 0x200d) {
      const before = [...text.slice(0, offset)].at(-1) ?? '';
      const after = [...text.slice(offset + 1)][0] ?? '';
      if (JOINING_LETTER.test(before) && JOINING_LETTER.test(after)) continue;
    }
    return { described: describeCodePoint(code), offset };
  }
  return undefined;
}

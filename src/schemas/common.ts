import { z } from 'astro/zod';
import { spoofingCharacter } from '../content/text-hygiene.ts';
import { findLinkProblems, publicHost } from '../link-policy.ts';

/** The form of an id: lowercase letters and digits in hyphen-separated words. */
export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** An id used in URLs and references: lowercase letters, digits and hyphens. */
export const slug = () => z.string().regex(slugPattern);

/**
 * One line of plain text (a title, a name, a lead): no markdown, bounded length, and no
 * character that makes it read differently than it is written (src/content/text-hygiene.ts).
 */
export const plainText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .superRefine((text, ctx) => {
      const found = spoofingCharacter(text);
      if (found)
        ctx.addIssue({
          code: 'custom',
          message: 'invisibleCharacter',
          params: { rule: 'invisibleCharacter', ...found },
        });
    });

/**
 * Markdown text (links, **bold**, *italic*) with its links checked: no `javascript:`,
 * empty or bare `#` targets, and only https:// for external pages.
 */
export const markdownText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .superRefine((text, ctx) => {
      for (const problem of findLinkProblems(text)) {
        ctx.addIssue({ code: 'custom', message: problem.kind, params: { rule: problem.kind, ...problem } });
      }
    });

/** A full https:// web address. */
export const httpsUrl = () => z.url({ protocol: /^https$/, hostname: publicHost });

/** A calendar date written YYYY-MM-DD (a YAML date is accepted too). */
export const isoDate = () =>
  z.preprocess(
    (value) => (value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString().slice(0, 10) : value),
    z.iso.date(),
  );

/** A labelled link to a source or related page. */
export const LinkSchema = z.strictObject({
  label: plainText(120).describe('The words shown for the link, e.g. "IRM report".'),
  url: httpsUrl().describe('The full https:// address the link opens.'),
});
export type Link = z.output<typeof LinkSchema>;

import { z } from 'astro/zod';
import { LinkSchema, markdownText, plainText, slug } from './common.ts';

/** The two kinds of notable commitment a sheet shows, in the order it shows them. */
export const commitmentKinds = ['recent-result', 'commitment-to-watch'] as const;

/** One notable commitment: content/commitments/<member>-<year>-<short>.yaml. */
export const CommitmentSchema = z.strictObject({
  /** The member that made it: a name from content/members.yaml, e.g. "France". */
  member: plainText(120),
  /** The commitment's title, e.g. "Opening Artificial Intelligence Lab for Public Sector". */
  title: plainText(160),
  /** The year of the action plan it belongs to. */
  year: z.int().min(2011).max(2100),
  /** "recent-result" (implemented, with results) or "commitment-to-watch" (under way). */
  kind: z.enum(commitmentKinds),
  /** What it does and why it matters; markdown links allowed. */
  text: markdownText(1200),
  /** OGP's id for it in the commitments export, e.g. "FRA0034" (optional). */
  ogpId: z.string().regex(/^[A-Z]{2,4}\d{3,5}$/).optional(),
  /** Source and related pages, shown under the text. */
  links: z.array(LinkSchema).default([]),
  /** The policy areas (sheet slugs) it belongs to, e.g. [digital-governance]. */
  policyAreas: z.array(slug()).min(1),
});
export type Commitment = z.output<typeof CommitmentSchema>;

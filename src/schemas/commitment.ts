import { z } from 'astro/zod';
import { LinkSchema, markdownText, plainText, slug } from './common.ts';

/** The two kinds of notable commitment a sheet shows, in the order it shows them. */
export const commitmentKinds = ['recent-result', 'commitment-to-watch'] as const;

export const CommitmentSchema = z
  .strictObject({
    member: plainText(120).describe('The member that made it: a name from content/members.yaml, e.g. "France".'),
    title: plainText(160).describe(
      'The commitment\'s title, e.g. "Opening Artificial Intelligence Lab for Public Sector".',
    ),
    year: z.int().min(2011).max(2100).describe('The year of the action plan it belongs to.'),
    kind: z
      .enum(commitmentKinds)
      .describe('"recent-result" (implemented, with results) or "commitment-to-watch" (under way).'),
    text: markdownText(1200).describe('What it does and why it matters; markdown links allowed.'),
    ogpId: z
      .string()
      .regex(/^[A-Z]{2,4}\d{3,5}$/)
      .optional()
      .describe('OGP\'s id for it in the commitments export, e.g. "FRA0034" (optional).'),
    links: z.array(LinkSchema).default([]).describe('Source and related pages, shown under the text.'),
    policyAreas: z
      .array(slug())
      .min(1)
      .describe('The policy areas (sheet slugs) it belongs to, e.g. [digital-governance].'),
  })
  .describe('One notable commitment: content/commitments/<member>-<year>-<short>.yaml.');
export type Commitment = z.output<typeof CommitmentSchema>;

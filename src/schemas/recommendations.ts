import { z } from 'astro/zod';
import { markdownText, plainText, slug } from './common.ts';

/** One group of recommendations under a heading, e.g. "Protect Civic Space Online". */
export const RecommendationGroupSchema = z.strictObject({
  id: slug().optional().describe('The anchor partners link to; defaults to the heading in lowercase-hyphen form.'),
  title: plainText(100).describe("The group's heading."),
  items: z
    .array(markdownText(400))
    .min(2)
    .max(5)
    .describe('Two to five recommendations, each one sentence or two; markdown links allowed.'),
});
export type RecommendationGroup = z.output<typeof RecommendationGroupSchema>;

export const RecommendationsSchema = z
  .strictObject({
    intro: markdownText(300).describe('The sentence introducing the recommendations.'),
    groups: z.array(RecommendationGroupSchema).min(1).max(5).describe('The groups, in the order the sheet shows them.'),
  })
  .describe('content/recommendations/<slug>.yaml: the "Where to next" part of a sheet.');
export type Recommendations = z.output<typeof RecommendationsSchema>;
